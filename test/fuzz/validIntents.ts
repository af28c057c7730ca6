import type { IntentType } from '../../shared/protocol/intents.ts';
import { CHANNELS } from '../../shared/scenario/scenarioSchema.ts';
import { TLP_LABELS, type TlpLabel } from '../../shared/scenario/tlp.ts';
import { notFor, STAFF_ONLY_TOKEN, type FuzzSeat, type FuzzWorld } from './fuzzWorld.ts';
import type { SeededPicker } from './seededPicker.ts';

/** TLP:RED is never forwarded; AMBER and AMBER+STRICT only within their sender and recipients [M3]. */
const restricted = (tlp: TlpLabel) => tlp === 'TLP:RED' || tlp === 'TLP:AMBER+STRICT' || tlp === 'TLP:AMBER';

/**
 * Payloads that pass an intent's schema (without the ref), with plausible ids from the scenario; whether the
 * exercise accepts them is up to the room. With `mark`, restricted text carries a leak token for every
 * organisation outside its audience.
 */
export class ValidIntents {
  constructor(
    private readonly r: SeededPicker,
    private readonly seat: FuzzSeat,
    private readonly world: FuzzWorld,
  ) {}

  payload(type: IntentType, mark: boolean): Record<string, unknown> {
    const { r, world: w } = this;
    const own = this.seat.organisation;
    switch (type) {
      case 'sync':
      case 'control.start':
      case 'control.pause':
      case 'control.resume':
      case 'control.fireNext':
      case 'control.end':
        return {};
      case 'acknowledge':
        return { inject: this.injectId() };
      case 'act': {
        const mine = w.actions.filter((a) => own !== null && a.by.includes(own));
        const action = r.pick(mine.length && r.chance(0.8) ? mine : w.actions).id;
        return r.chance(0.5) ? { action, text: r.text(mark ? this.only(own ? [own] : []) : '') } : { action };
      }
      case 'message.send':
        return this.message(mark);
      case 'log.write':
        return { kind: r.pick(['log', 'sitrep'] as const), text: r.text(mark ? this.only(own ? [own] : []) : '') };
      case 'control.speed':
        return { speed: r.chance(0.8) ? r.int(1, 120) : r.int(1, 3600) };
      case 'control.adhoc':
        return this.adhoc(mark);
      case 'control.indicator':
        return { indicator: r.pick(w.indicators), value: r.int(-20, 120) };
      case 'control.escalation':
        return { level: r.pick(w.levels) };
      case 'control.goto':
        return { phase: r.pick(w.phases) };
      case 'control.reissueCode':
        return { seat: r.pick(['control', 'evaluator', 'observer', 'screen', 'class', ...w.organisations]) };
      case 'control.actAs': {
        const organisation = r.pick(w.organisations);
        const action = r.pick(w.actions).id;
        return r.chance(0.5) ? { organisation, action, text: r.text(mark ? this.only([organisation]) : '') } : { organisation, action };
      }
      case 'observation.record': {
        const o: Record<string, unknown> = { text: r.text(mark ? `${STAFF_ONLY_TOKEN} ${this.only([])}` : '') };
        if (r.chance(0.3)) o.inject = this.injectId();
        if (r.chance(0.3)) o.organisation = r.pick(w.organisations);
        if (r.chance(0.3)) o.objective = r.pick(w.objectives);
        return o;
      }
      // Debrief texts reach staff only: marked so that any participant receiving them is caught.
      case 'objective.rate':
        return {
          objective: r.pick(w.objectives),
          rating: r.pick(['P', 'S', 'M', 'U'] as const),
          strengths: r.text(mark ? this.staffOnly() : ''),
          improvements: r.text(''),
        };
      case 'hotwash.submit':
        return { wentWell: r.text(mark ? this.staffOnly() : ''), toImprove: r.chance(0.5) ? r.text('') : '' };
      case 'report.summary':
        return { text: r.text(mark ? this.staffOnly() : '') };
      case 'report.planItem':
        return {
          item: {
            id: `p${r.int(1, 5)}`,
            issue: r.text(mark ? this.staffOnly() : '') || 'issue',
            action: 'Corrective action',
            organisation: r.pick(w.organisations),
            due: '2027-03-01',
          },
        };
      case 'report.planItemRemove':
        return { id: `p${r.int(1, 5)}` };
      case 'report.publish':
        return { published: r.chance(0.5) };
    }
  }

  private staffOnly(): string {
    return `${STAFF_ONLY_TOKEN} ${this.only([])}`;
  }

  /** A message from this seat (Control: as itself or for an organisation) to some of the others. */
  message(mark: boolean): Record<string, unknown> {
    const { r, world: w } = this;
    let from = this.seat.organisation;
    const m: Record<string, unknown> = {};
    if (this.seat.role === 'control') {
      if (r.chance(0.5)) {
        from = r.pick(w.organisations);
        m.as = from;
      } else from = null;
    }
    const others = w.organisations.filter((o) => o !== from);
    const to = r.subset(others, 1, r.chance(0.7) ? Math.max(1, others.length - 1) : others.length);
    const tlp = this.tlp();
    m.to = to;
    m.tlp = tlp;
    m.subject = `${tlp} ${r.words(3)}`;
    m.body = r.text(mark && restricted(tlp) ? this.only(from ? [from, ...to] : to) : '');
    if (r.chance(0.15)) m.forward = r.chance(0.5) ? { kind: 'message', id: this.messageId() } : { kind: 'inject', id: this.injectId() };
    return m;
  }

  injectId(): string {
    return this.r.chance(0.8) ? this.r.pick(this.world.injects) : `adhoc-${this.r.int(1, 30)}`;
  }

  /** Message ids are `m<seq>`: most of these exist by the time they are used, not all reached this seat. */
  messageId(): string {
    return `m${this.r.int(1, 4000)}`;
  }

  tlp(): TlpLabel {
    return this.r.pick(TLP_LABELS);
  }

  private adhoc(mark: boolean): Record<string, unknown> {
    const { r, world: w } = this;
    const tlp = this.tlp();
    const from = r.pick([...w.organisations, ...w.personas, 'control']);
    const to = r.subset([...w.organisations, ...w.seats], 1, 3);
    const toOrgs = to.map((a) => a.split('/')[0]!);
    // A forwarded inject may reach its sender when that is an organisation [M3]; TLP:RED goes nowhere else.
    const audience = tlp === 'TLP:RED' || !w.organisations.includes(from) ? toOrgs : [...toOrgs, from];
    const token = mark && restricted(tlp) ? this.only(audience) : '';
    const local = (s: string) => Object.fromEntries(w.languages.filter(() => r.chance(0.8)).map((l) => [l, `${l}: ${s}`]));
    return {
      channel: r.pick(CHANNELS),
      from,
      to,
      tlp,
      title: { ...local(r.words(3)), en: `${r.words(3)} ${token}` },
      body: { ...local(r.words(8)), en: r.text(token) },
    };
  }

  /** Leak tokens for every organisation outside `audience`. */
  private only(audience: readonly string[]): string {
    return this.world.organisations
      .filter((o) => !audience.includes(o))
      .map(notFor)
      .join(' ');
  }
}
