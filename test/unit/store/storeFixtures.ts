import type { NewEvent } from '../../../server/exercise/exerciseEvent.ts';
import type { ExerciseRecord } from '../../../server/store/exerciseStore.ts';

/** Records and events for store tests (the contract, the racing processes). */

export function record(id: string, overrides: Partial<ExerciseRecord> = {}): ExerciseRecord {
  return {
    id,
    name: `Drill ${id}`,
    scenarioId: 'two-banks',
    // Key order, unicode, nesting and numbers must come back as they went in.
    scenario: { id: 'two-banks', title: { en: 'Two banks', nl: 'Twee banken — “DDoS”' }, zeta: 1, alpha: [1.5, { b: null, a: [] }] },
    scenarioSource: 'id: two-banks\ntitle:\n  en: Two banks\n',
    codes: {
      control: 'CTRL-1',
      evaluator: 'EVAL-1',
      observer: 'OBS-1',
      screen: 'SCR-1',
      class: 'CLS-1',
      organisations: { 'bank-a': 'BNKA-1' },
    },
    speed: 2.5,
    createdAt: '2026-11-22T10:00:00.000Z',
    status: 'ready',
    ...overrides,
  };
}

/** The n-th event of a test: numbers with fractions, a large wall time, unicode and markup in the text. */
export function event(n: number): NewEvent {
  return {
    atMs: n * 1000.25,
    wallMs: 1_795_000_000_000 + n,
    actor: { role: 'participant', name: `Ana ${n} ✓`, organisation: 'bank-a', participantId: `p${n}` },
    body: { type: 'log.written', organisation: 'bank-a', kind: 'log', text: `Entry ${n}: “quoted”, <b>markup</b>, 🚨` },
  };
}
