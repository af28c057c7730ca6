import { INTENT_SCHEMAS, type IntentType } from '../../../shared/protocol/intents.ts';
import type { Scenario } from '../../../shared/scenario/scenario.ts';
import { ARCHIVE_FORMAT, type Archive } from '../../../server/exercise/exerciseArchive.ts';
import { SYSTEM_ACTOR, type NewEvent, type StoredEvent } from '../../../server/exercise/exerciseEvent.ts';
import { ExerciseSession, type SessionSeat } from '../../../server/exercise/exerciseSession.ts';
import { parseScenario } from '../../../server/scenario/loadScenario.ts';
import { HOSTILE, portDrill } from './portDrill.ts';

/** 4 March 2025, 09:00 UTC. The exercise runs at speed 1, so exercise time is wall time minus this. */
export const WALL_START = Date.UTC(2025, 2, 4, 9, 0, 0);
export const MINUTE = 60_000;

const seat = (
  role: SessionSeat['role'],
  participantId: string,
  name: string,
  organisation: string | null = null,
  s: string | null = null,
) => ({ role, participantId, name, organisation, seat: s }) satisfies SessionSeat;

/**
 * Plays an exercise the way the room does — before each intent time advances (a `time.advanced` event when
 * that changed anything), the intent is parsed with its schema, prepared, stored and applied — at wall times
 * given in minutes. Every intent must be accepted.
 */
export class ExerciseRecorder {
  readonly events: StoredEvent[] = [];
  readonly session: ExerciseSession;
  private wallMs = WALL_START;

  constructor(readonly scenario: Scenario) {
    this.session = new ExerciseSession({ exerciseId: 'port-drill-1', name: 'Port drill', scenario, speed: 1 });
  }

  at(minutes: number): this {
    this.wallMs = WALL_START + minutes * MINUTE;
    if (this.session.tick(this.wallMs).changed)
      this.store({ atMs: this.session.nowMs, wallMs: this.wallMs, actor: SYSTEM_ACTOR, body: { type: 'time.advanced' } }, false);
    return this;
  }

  intent(minutes: number, who: SessionSeat, type: IntentType, payload: Record<string, unknown> = {}): this {
    this.at(minutes);
    const intent = INTENT_SCHEMAS[type].parse(payload) as never;
    const prepared = this.session.prepare(type, intent, who, this.wallMs);
    if (!prepared.ok) throw new Error(`${type} at ${minutes} min was refused: ${prepared.code} ${prepared.message}`);
    this.store(prepared.event, true);
    return this;
  }

  private store(event: NewEvent, apply: boolean): void {
    const stored: StoredEvent = { ...event, seq: this.events.length + 1 };
    this.events.push(stored);
    if (apply) this.session.apply(stored);
  }
}

export const PEOPLE = {
  cora: seat('control', 'control-1', 'Cora'),
  eva: seat('evaluator', 'evaluator-1', 'Eva'),
  rob: seat('evaluator', 'evaluator-2', 'Rob'),
  tessa: seat('participant', 'p-tessa', 'Tessa', 'terminal', 'ops'),
  piet: seat('participant', 'p-piet', 'Piet', 'port'),
  nina: seat('participant', 'p-nina', 'Nina', 'ncsc'),
};

/**
 * The recorded exercise the report tests read (times in exercise minutes):
 *   0 start · 10 ransom-note → terminal/ops (throughput 100 → 60) · 12 Tessa acknowledges · 20 police-request →
 *   police (simulated) · 22 Tessa notifies NCSC: met after 12 min, phase response, close-request → port ·
 *   24 Tessa messages port and NCSC · 27 advisory-request → NCSC · 30 Control sets throughput 50 · 35 SimCell
 *   opens the investigation for police: met after 15 min · 50 press-question · 52 Piet closes the gates: late,
 *   30 min for a 20-minute window (throughput 30) · 55, 56 observations · 57 a sitrep · 60 Control ends: NCSC's
 *   advisory is missed. Then ratings, hot wash, summary, plan and publishing.
 */
export function recordPortDrill(options: { hostile?: boolean } = {}): Archive {
  const source = portDrill(options);
  const loaded = parseScenario(source, 'port-drill.yaml');
  if (!loaded.ok) throw new Error('the port drill does not load');
  const x = options.hostile ? ` ${HOSTILE}` : '';
  const { cora, eva, rob, tessa, piet, nina } = PEOPLE;
  const r = new ExerciseRecorder(loaded.scenario);
  r.intent(0, cora, 'control.start')
    .at(10)
    .intent(12, tessa, 'acknowledge', { inject: 'ransom-note' })
    .at(20)
    .intent(22, tessa, 'act', { action: 'notify-ncsc' })
    .intent(24, tessa, 'message.send', {
      to: ['port', 'ncsc'],
      tlp: 'TLP:AMBER',
      subject: `Terminal down, "all" systems${x}`,
      body: `Line one, with a comma\nLine two "quoted"${x}`,
    })
    .at(27)
    .intent(30, cora, 'control.indicator', { indicator: 'throughput', value: 50 })
    .at(35)
    .at(50)
    .intent(52, piet, 'act', { action: 'close-gates' })
    .intent(55, eva, 'observation.record', {
      text: `Tessa called NCSC within minutes.${x}`,
      inject: 'ransom-note',
      organisation: 'terminal',
    })
    .intent(56, eva, 'observation.record', { text: `The port waited for the minister.${x}`, objective: 'continuity', organisation: 'port' })
    .intent(57, nina, 'log.write', { kind: 'sitrep', text: `Terminal encrypted; port closed.${x}` })
    .intent(60, cora, 'control.end')
    .intent(65, eva, 'objective.rate', { objective: 'early-warning', rating: 'P', strengths: 'first thoughts' })
    .intent(66, eva, 'objective.rate', {
      objective: 'early-warning',
      rating: 'S',
      strengths: `Fast notification.${x}`,
      improvements: 'Use the sector line.',
    })
    .intent(67, rob, 'objective.rate', { objective: 'early-warning', rating: 'M', improvements: `Police heard late.${x}` })
    .intent(68, cora, 'objective.rate', { objective: 'early-warning', rating: 'S' })
    .intent(69, eva, 'objective.rate', { objective: 'continuity', rating: 'M', improvements: 'Decide on the gates sooner.' })
    .intent(70, rob, 'objective.rate', { objective: 'continuity', rating: 'U' })
    .intent(71, tessa, 'hotwash.submit', { wentWell: 'draft', toImprove: 'draft' })
    .intent(72, piet, 'hotwash.submit', { wentWell: 'Clear roles.', toImprove: `Phone numbers were out of date.${x}` })
    .intent(73, tessa, 'hotwash.submit', { wentWell: `We called NCSC at once.${x}`, toImprove: 'Backups took too long.' })
    .intent(74, cora, 'report.summary', { text: 'first draft' })
    .intent(75, cora, 'report.summary', { text: `The terminal warned early; the port decided late.${x}` })
    .intent(76, cora, 'report.planItem', {
      item: { id: 'PI-1', issue: 'Gate decision slow', action: 'draft', organisation: 'port', due: '2025-06-01' },
    })
    .intent(76, cora, 'report.planItem', {
      item: { id: 'PI-2', issue: 'Removed later', action: 'Nothing', organisation: 'ncsc', due: '2025-05-01' },
    })
    .intent(76, cora, 'report.planItem', {
      item: {
        id: 'PI-3',
        issue: `No advisory${x}`,
        action: 'Template for sector advisories',
        organisation: 'ncsc',
        due: '2025-07-15',
        objective: 'coordination',
      },
    })
    .intent(77, cora, 'report.planItem', {
      item: {
        id: 'PI-1',
        issue: 'Gate decision slow',
        action: 'Mandate the duty officer to close the gates',
        organisation: 'port',
        due: '2025-06-01',
        objective: 'continuity',
      },
    })
    .intent(78, cora, 'report.planItemRemove', { id: 'PI-2' })
    .intent(80, cora, 'report.publish', { published: true });
  return {
    format: ARCHIVE_FORMAT,
    exportedAt: new Date(WALL_START + 90 * MINUTE).toISOString(),
    exercise: {
      id: 'port-drill-1',
      name: `Port drill${x}`,
      scenarioId: 'port-drill',
      speed: 1,
      createdAt: new Date(WALL_START - 60 * MINUTE).toISOString(),
      status: 'ended',
    },
    scenarioSource: source,
    events: r.events,
  };
}
