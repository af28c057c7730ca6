import { ExerciseSession } from '../../server/exercise/exerciseSession.ts';
import type { StoredEvent } from '../../server/exercise/exerciseEvent.ts';
import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { IntentType } from '../../shared/protocol/intents.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { FuzzLink } from './fuzzLink.ts';
import { notFor, STAFF_ONLY_TOKEN, type FuzzSeat } from './fuzzWorld.ts';

/**
 * The invariants checked after (and during) a fuzz run, each returning what it found wrong:
 * the event log holds exactly the accepted intents, in the names of the seats that sent them and within
 * their roles; nothing a seat may not see crossed its connection; replaying the log rebuilds the live state.
 */

/** One row of GET /api/exercises/:id/events. */
export interface ApiEvent {
  readonly seq: number;
  readonly type: string;
  readonly actor: { readonly role: string; readonly name: string; readonly organisation: string | null };
  readonly [field: string]: unknown;
}

const EVENT_OF: Readonly<Record<IntentType, string | undefined>> = {
  sync: undefined,
  acknowledge: 'inject.acknowledged',
  act: 'action.taken',
  'message.send': 'message.sent',
  'log.write': 'log.written',
  'control.start': 'exercise.started',
  'control.pause': 'clock.paused',
  'control.resume': 'clock.resumed',
  'control.speed': 'clock.speed',
  'control.fireNext': 'control.fireNext',
  'control.adhoc': 'control.adhoc',
  'control.indicator': 'control.indicator',
  'control.escalation': 'control.escalation',
  'control.goto': 'control.goto',
  'control.end': 'control.end',
  'control.actAs': 'action.taken',
  'control.reissueCode': 'code.reissued',
  'observation.record': 'observation.recorded',
  'objective.rate': 'objective.rated',
  'hotwash.submit': 'hotwash.submitted',
  'report.summary': 'report.summaryWritten',
  'report.planItem': 'report.planItemSet',
  'report.planItemRemove': 'report.planItemRemoved',
  'report.publish': 'report.published',
};
/** What time passing stores on its own; everything else is someone's accepted intent. */
const SYSTEM_EVENTS = ['time.advanced', 'clock.paused', 'seat.assigned'];
const EVENTS_BY_ROLE: Readonly<Record<string, readonly string[] | 'any'>> = {
  control: 'any',
  evaluator: ['observation.recorded', 'objective.rated'],
  observer: [],
  screen: [],
  participant: ['inject.acknowledged', 'action.taken', 'message.sent', 'log.written', 'hotwash.submitted'],
};

export function eventLogProblems(events: readonly ApiEvent[], links: readonly FuzzLink[]): string[] {
  const problems: string[] = [];
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const accepted = new Map<number, FuzzLink>();
  for (const link of links) {
    const sentByRef = new Map(link.sent.flatMap((s) => (s.message.ref === undefined ? [] : [[s.message.ref, s.message] as const])));
    for (const a of link.answers()) {
      if (a.kind !== 'accepted') continue;
      const where = `${link.slot}: accepted ${a.type} ref ${JSON.stringify(a.ref)} seq ${a.seq}`;
      if (accepted.has(a.seq)) problems.push(`${where}: seq ${a.seq} was also accepted for ${accepted.get(a.seq)!.slot}`);
      accepted.set(a.seq, link);
      const event = bySeq.get(a.seq);
      if (!event) {
        problems.push(`${where}: not in the event log`);
        continue;
      }
      const expected = EVENT_OF[a.type as IntentType];
      if (event.type !== expected) problems.push(`${where}: stored as ${event.type}, expected ${String(expected)}`);
      const actor = { role: link.seat.role, name: link.name, organisation: link.seat.organisation };
      if (JSON.stringify(event.actor) !== JSON.stringify(actor))
        problems.push(`${where}: stored for ${JSON.stringify(event.actor)}, sent by ${JSON.stringify(actor)}`);
      const payload = a.ref === undefined ? undefined : sentByRef.get(a.ref)?.payload;
      if (payload) problems.push(...contentProblems(where, event, payload as Record<string, unknown>, link.seat));
    }
  }
  for (const event of events) {
    const where = `event ${event.seq} ${event.type} by ${JSON.stringify(event.actor)}`;
    if (event.actor.role === 'system') {
      if (!SYSTEM_EVENTS.includes(event.type)) problems.push(`${where}: a system event of an unexpected type`);
      continue;
    }
    if (!accepted.has(event.seq)) problems.push(`${where}: stored, but no seat was told it was accepted`);
    const allowed = EVENTS_BY_ROLE[event.actor.role];
    if (allowed !== 'any' && !allowed?.includes(event.type)) problems.push(`${where}: a ${event.actor.role} may not cause ${event.type}`);
    if (event.actor.role === 'participant') {
      const org = event.actor.organisation;
      const own = {
        'action.taken': event.organisation,
        'message.sent': event.from,
        'log.written': event.organisation,
        'inject.acknowledged': event.organisation,
        'hotwash.submitted': event.organisation,
      }[event.type];
      if (org === null || own !== org) problems.push(`${where}: a participant of ${String(org)} acted for ${String(own)}`);
      if (event.byControl === true || event.simulated === true) problems.push(`${where}: a participant's event is marked as Control's`);
    }
  }
  return problems;
}

/** The stored event says what the seat sent, no more. */
function contentProblems(where: string, event: ApiEvent, payload: Record<string, unknown>, seat: FuzzSeat): string[] {
  const problems: string[] = [];
  const same = (field: string, expected: unknown) => {
    if (JSON.stringify(event[field]) !== JSON.stringify(expected))
      problems.push(`${where}: stored ${field} ${JSON.stringify(event[field])}, sent ${JSON.stringify(expected)}`);
  };
  switch (event.type) {
    case 'message.sent': {
      same('body', payload.body);
      same('tlp', payload.tlp);
      same('from', payload.as ?? seat.organisation ?? 'control');
      const to = event.to as string[];
      if (!to.every((t) => (payload.to as string[]).includes(t)))
        problems.push(`${where}: stored recipients ${JSON.stringify(to)} were not asked for`);
      break;
    }
    case 'log.written':
      same('text', (payload.text as string).trim());
      break;
    case 'action.taken':
      same('action', payload.action);
      same('organisation', payload.organisation ?? seat.organisation);
      break;
  }
  return problems;
}

/** Text a viewer must never receive, with why. */
export interface Forbidden {
  readonly text: string;
  readonly why: string;
}

/** The scenario's injects that may reach only their audience: TLP:RED, and AMBER which is forwarded only within it [M3]. */
export function privateInjectTexts(scenario: Scenario): { audience: string[]; texts: string[]; id: string }[] {
  const orgs = scenario.organisations.map((o) => o.id);
  return scenario.injects
    .filter((i) => !i.toAll && (i.tlp === 'TLP:RED' || i.tlp === 'TLP:AMBER+STRICT' || i.tlp === 'TLP:AMBER'))
    .map((i) => {
      const to = i.to.map((a) => a.split('/')[0]!);
      const audience = i.tlp !== 'TLP:RED' && orgs.includes(i.from) ? [...to, i.from] : to;
      return { id: i.id, audience, texts: [...Object.values(i.title), ...Object.values(i.body)] };
    });
}

export function forbiddenFor(
  seat: FuzzSeat,
  scenario: Scenario,
  codes: { readonly all: readonly string[]; readonly own: readonly string[] },
): Forbidden[] {
  const foreignCodes = codes.all.filter((c) => !codes.own.includes(c)).map((c) => ({ text: c, why: 'another seat’s join code' }));
  if (seat.role === 'control') return [];
  if (seat.role === 'evaluator' || seat.role === 'observer') return foreignCodes;
  const privateTexts = privateInjectTexts(scenario)
    .filter((p) => seat.role === 'screen' || !p.audience.includes(seat.organisation ?? ''))
    .flatMap((p) => p.texts.map((text) => ({ text, why: `private inject ${p.id} for ${p.audience.join(', ')}` })));
  const tokens =
    seat.role === 'screen'
      ? [{ text: '[NOT-FOR:', why: 'restricted material (the screen gets public material only)' }]
      : [{ text: notFor(seat.organisation ?? ''), why: `restricted material not addressed to ${String(seat.organisation)}` }];
  return [...foreignCodes, ...privateTexts, ...tokens, { text: STAFF_ONLY_TOKEN, why: 'an observation (staff only)' }];
}

/** The parts of the synced state that only events may change (not presence, not the wall clock). */
export function replayable(state: ExerciseState): unknown {
  const json = JSON.parse(JSON.stringify(state.toJSON())) as Record<string, Record<string, unknown>>;
  const { clock, control, organisations } = json;
  delete json.secrets;
  json.clock = { status: clock?.status, speed: clock?.speed };
  if (control) {
    delete control.participants;
    delete control.notice;
  }
  for (const org of Object.values(organisations ?? {})) delete (org as { online?: number }).online;
  return json;
}

/** Rebuilds an exercise from its stored events alone [invariant: the event log is the truth]. */
export function replay(options: { exerciseId: string; name: string; scenario: Scenario; speed: number }, events: readonly StoredEvent[]) {
  const session = new ExerciseSession(options);
  for (const event of events) session.apply(event);
  return session.state;
}
