import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerMessages } from '../../../shared/protocol/serverMessages.ts';
import type { SeatClient } from '../../support/seatClient.ts';

export interface SeatSpec {
  readonly name: string;
  readonly role: 'control' | 'participant';
  readonly organisation: string | null;
  readonly seat: string | null;
}

export interface Acked {
  readonly seq: number;
  readonly type: string;
  /** A text unique to this intent, which its stored event must carry. */
  readonly token: string;
}

/** The event type each intent this seat sends is stored as. */
export const STORED_TYPE: Record<string, string> = {
  'log.write': 'log.written',
  'message.send': 'message.sent',
  'observation.record': 'observation.recorded',
  act: 'action.taken',
};

const PLAYED = ['ncsc', 'bank-a', 'bank-b'];

/**
 * A seat that keeps acting (two-banks fixture): logs, messages, a decision, Control's observations and
 * simulated messages. Every intent carries a unique token; `acked` is what the server accepted, by number.
 */
export class ActingSeat {
  readonly acked: Acked[] = [];
  private readonly pending = new Map<string, { type: string; token: string; answered: (ok: boolean) => void }>();
  private n = 0;
  private stopped = false;

  constructor(
    readonly spec: SeatSpec,
    readonly client: SeatClient,
    private readonly run: string,
  ) {
    client.room.onMessage('accepted', (a: ServerMessages['accepted']) => this.answer(a.ref, a.seq));
    client.room.onMessage('rejected', (r: ServerMessages['rejected']) => this.answer(r.ref, undefined));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Acts about 12 times a second (under the flood guard) until stopped or the connection is gone. */
  async play(): Promise<void> {
    while (!this.stopped) {
      if (!(await this.sendNext())) return;
      await sleep(70 + Math.floor(Math.random() * 30));
    }
  }

  /** Sends `count` intents at once without waiting for the answers. */
  burst(count: number): void {
    for (let i = 0; i < count; i++) void this.sendNext();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Gives up on every intent still unanswered (its server is gone); resolves to how many there were. */
  abandon(): number {
    const lost = this.pending.size;
    for (const p of this.pending.values()) p.answered(false);
    this.pending.clear();
    return lost;
  }

  private sendNext(): Promise<boolean> {
    const n = ++this.n;
    const token = `${this.spec.name} #${n} (${this.run})`;
    const [type, payload] = this.intent(n, token);
    const ref = `${this.spec.name}#${n}`;
    const answered = new Promise<boolean>((resolve) => this.pending.set(ref, { type, token, answered: resolve }));
    this.client.room.send(type, { ref, ...payload });
    return answered;
  }

  private answer(ref: string | undefined, seq: number | undefined): void {
    const sent = ref ? this.pending.get(ref) : undefined;
    if (!sent) return;
    this.pending.delete(ref!);
    if (seq !== undefined) this.acked.push({ seq, type: sent.type, token: sent.token });
    sent.answered(true);
  }

  private intent(n: number, token: string): [string, Record<string, unknown>] {
    const s = this.spec;
    if (s.role === 'control')
      return n % 2
        ? ['observation.record', { text: `Observed ${token}`, organisation: PLAYED[n % 3] }]
        : ['message.send', { as: 'isp', to: ['bank-a', 'bank-b'], tlp: 'TLP:GREEN', subject: `ISP ${token}`, body: `Filtering ${token}` }];
    const others = PLAYED.filter((o) => o !== s.organisation);
    switch (n % 4) {
      case 0:
        // A decision: the first is taken (and moves the exercise on), later ones are refused.
        return s.organisation === 'ncsc'
          ? ['log.write', { kind: 'sitrep', text: `Sitrep ${token}` }]
          : ['act', { action: 'report-ncsc', text: `Reported ${token}` }];
      case 1:
        return ['message.send', { to: [others[n % 2]!], tlp: 'TLP:GREEN', subject: `Status ${token}`, body: `We see ${token}` }];
      default:
        return ['log.write', { kind: 'log', text: `Log ${token}` }];
    }
  }
}
