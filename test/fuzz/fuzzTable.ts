import type { Scenario } from '../../shared/scenario/scenario.ts';
import { RecordingProxy } from '../support/recordingProxy.ts';
import { SeatClient } from '../support/seatClient.ts';
import type { CreatedExercise, TestServer } from '../support/testServer.ts';
import { forbiddenFor } from './fuzzChecks.ts';
import { FuzzLink } from './fuzzLink.ts';
import { PLAN, slotMessages, type SlotPlan } from './fuzzPlan.ts';
import { worldOf, type FuzzWorld } from './fuzzWorld.ts';
import type { HostileMessage } from './hostileMessages.ts';

/**
 * The exercise under fuzzing and everyone at its table: one slot per PLAN entry, the recording proxies, and
 * every join code that has opened it (Control reissues codes while it runs).
 */
type Codes = CreatedExercise['codes'];

export const allCodes = (codes: Codes): string[] => [
  codes.control,
  codes.evaluator,
  codes.observer,
  codes.screen,
  codes.class,
  ...Object.values(codes.organisations),
];
const codeFor = (plan: SlotPlan, codes: Codes) =>
  typeof plan.code === 'string' ? codes[plan.code] : codes.organisations[plan.code.organisation]!;

/** One generated message stream, on a connection that is replaced when the server drops it. */
export class Slot {
  readonly links: FuzzLink[] = [];
  private messages: Generator<HostileMessage> | undefined;
  private count = 0;

  constructor(
    readonly plan: SlotPlan,
    private readonly table: FuzzTable,
  ) {}

  get link(): FuzzLink {
    return this.links[this.links.length - 1]!;
  }

  async connect(): Promise<void> {
    const link = await this.table.join(this.plan);
    this.links.push(link);
    this.messages ??= slotMessages(this.table.seed, this.plan.slot, link.seat, this.table.world);
  }

  async send(flood: boolean): Promise<void> {
    if (this.link.dropped) {
      if (this.links.length > 5) return;
      await this.connect();
    }
    // A message the SDK cannot encode (nested beyond the client's stack) never leaves: send the next one instead.
    while (!this.link.send(++this.count, this.messages!.next().value as HostileMessage, flood));
  }
}

export class FuzzTable {
  readonly slots: Slot[];
  readonly proxies = new Map<string, RecordingProxy>();
  readonly seenCodes: Set<string>;
  readonly world: FuzzWorld;
  private turn = 0;

  private constructor(
    readonly t: TestServer,
    readonly seed: number,
    readonly exercise: CreatedExercise,
    readonly scenario: Scenario,
    readonly record: { readonly name: string; readonly speed: number },
  ) {
    this.world = worldOf(scenario);
    this.seenCodes = new Set(allCodes(exercise.codes));
    this.slots = PLAN.map((plan) => new Slot(plan, this));
  }

  static async open(t: TestServer, seed: number): Promise<FuzzTable> {
    const exercise = await t.createExercise({ scenario: 'two-banks', speed: 3600 });
    const record = (await t.server.store.getExercise(exercise.id))!;
    const table = new FuzzTable(t, seed, exercise, record.scenario as Scenario, record);
    for (const plan of PLAN) if (plan.proxy) table.proxies.set(plan.slot, await new RecordingProxy(t.server.port).listen(plan.proxy));
    await Promise.all(table.slots.map((s) => s.connect()));
    return table;
  }

  slot(name: string): Slot {
    return this.slots.find((s) => s.plan.slot === name)!;
  }

  get links(): FuzzLink[] {
    return this.slots.flatMap((s) => s.links);
  }

  async codes(): Promise<Codes> {
    const codes = ((await this.t.api(`/api/exercises/${this.exercise.id}`)).body as { codes: Codes }).codes;
    for (const code of allCodes(codes)) this.seenCodes.add(code);
    return codes;
  }

  async join(plan: SlotPlan, attempt = 1): Promise<FuzzLink> {
    const codes = await this.codes();
    const url = plan.proxy ? `ws://127.0.0.1:${plan.proxy}` : this.t.ws;
    const name = `Fuzz ${plan.slot}`;
    try {
      const options = { code: codeFor(plan, codes), name, ...(plan.seat ? { seat: plan.seat } : {}) };
      const client = await SeatClient.join(url, this.exercise.roomId, options);
      const { role, organisation } = client.welcome.seat;
      return new FuzzLink(plan.slot, name, { role, organisation }, client);
    } catch (error) {
      // Control may have reissued this seat's code between reading it and joining with it.
      if (attempt < 3 && String(error).includes('WRONG_CODE')) return this.join(plan, attempt + 1);
      throw error;
    }
  }

  /**
   * What crossed a recorded connection that its seat may not see. RecordingProxy.received joins every chunk
   * per call, which stalls the event loop the server shares with these clients, so `one` scans a single
   * proxy in turn (while the fuzzing runs) and `all` every proxy.
   */
  async wireProblems(when: string, scope: 'one' | 'all'): Promise<string[]> {
    const current = await this.codes();
    const listened = this.slots.filter((s) => this.proxies.has(s.plan.slot));
    const problems: string[] = [];
    for (const s of scope === 'all' ? listened : [listened[this.turn++ % listened.length]!]) {
      const proxy = this.proxies.get(s.plan.slot)!;
      const own = [this.exercise.codes, current].map((c) => codeFor(s.plan, c));
      for (const f of forbiddenFor(s.link.seat, this.scenario, { all: [...this.seenCodes], own }))
        if (proxy.received(f.text)) problems.push(`${when}: ${s.plan.slot}'s connection carried ${JSON.stringify(f.text)} (${f.why})`);
    }
    return problems;
  }

  async close(): Promise<void> {
    await Promise.all(this.links.filter((l) => !l.dropped).map((l) => l.client.leave().catch(() => undefined)));
    // A connection the server choked on may never close cleanly; do not let it hold the proxy open.
    const closed = (p: RecordingProxy) => Promise.race([p.close(), new Promise<void>((resolve) => setTimeout(resolve, 2_000))]);
    await Promise.all([...this.proxies.values()].map(closed));
  }
}
