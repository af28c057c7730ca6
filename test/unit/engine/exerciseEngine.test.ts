import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../server/engine/effects.ts';
import type { ExerciseEngine } from '../../../server/engine/exerciseEngine.ts';
import { action, inject, list, minimalScenario } from '../../support/minimalScenario.ts';
import { engineFor, fixtureText, minutes } from '../../support/scenarioText.ts';

const delivered = (effects: readonly Effect[]) => effects.flatMap((e) => (e.type === 'inject.delivered' ? [e.inject.id] : []));
const phases = (effects: readonly Effect[]) => effects.flatMap((e) => (e.type === 'phase.entered' ? [e.phase] : []));
const started = (text: string) => {
  const engine = engineFor(text);
  const first = engine.start();
  return { engine, first };
};
function must(engine: ExerciseEngine, request: Parameters<ExerciseEngine['act']>[0]): Effect[] {
  const result = engine.act(request);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.effects;
}

const twoPhases = (firstPhase: string, secondPhase = '', actions?: string) =>
  minimalScenario({
    phases: `  first:
    title: { en: First, nl: Eerste }
${firstPhase}
  second:
    title: { en: Second, nl: Tweede }
${secondPhase}`,
    actions: actions ?? list(2, action('move'), action('other'), action('boost', 'effects: { indicators: { trust: 30 } }')),
  });

describe('phases', () => {
  it('[P1] starts in the first phase written, or in `start`', () => {
    expect(phases(started(twoPhases('')).first)).toEqual(['first']);
    expect(phases(started(twoPhases('').replace('duration:', 'start: second\nduration:')).first)).toEqual(['second']);
  });

  it('[P2] moves on when the named action is taken', () => {
    const { engine } = started(twoPhases('    on: { move: second }'));
    expect(phases(must(engine, { action: 'other', by: 'bank' }))).toEqual([]);
    expect(phases(must(engine, { action: 'move', by: 'bank' }))).toEqual(['second']);
  });

  it('[P2] a guarded transition moves only if its condition holds after the action’s effects', () => {
    const text = twoPhases('    on: { boost: { goto: second, if: { indicator: trust, atLeast: 80 } } }');
    const { engine } = started(text);
    expect(phases(must(engine, { action: 'boost', by: 'bank' }))).toEqual(['second']); // 50 + 30 = 80
    const low = started(text.replace('initial: 50', 'initial: 40')).engine;
    expect(phases(must(low, { action: 'boost', by: 'bank' }))).toEqual([]);
  });

  it('[P3] moves on after its timeout, counted from entering the phase', () => {
    const { engine } = started(twoPhases('    after: { PT30M: second }'));
    expect(phases(engine.advanceTo(minutes(29)))).toEqual([]);
    const effects = engine.advanceTo(minutes(31));
    expect(effects.find((e) => e.type === 'phase.entered')?.at).toBe(minutes(30));
  });

  it('[P4] moves on as soon as a condition holds', () => {
    const { engine } = started(twoPhases('    when: [{ if: { indicator: trust, above: 60 }, goto: second }]'));
    expect(phases(must(engine, { action: 'boost', by: 'bank' }))).toEqual(['second']);
  });

  it('[P5] on entry raises escalation, delivers PT0S injects, then checks conditions', () => {
    const text = twoPhases(
      `    escalation: incident
    injects:
${list(6, inject('opening', 'at: PT0S'))}
    when: [{ if: { escalation: incident }, goto: second }]`,
    );
    const kinds = started(text).first.map(
      (e) => e.type + (e.type === 'inject.delivered' ? `:${e.inject.id}` : e.type === 'phase.entered' ? `:${e.phase}` : ''),
    );
    expect(kinds).toEqual(['phase.entered:first', 'escalation.changed', 'inject.delivered:opening', 'phase.entered:second']);
  });

  it('[P5] a phase’s indicator effects apply on entry, after its escalation', () => {
    const text = twoPhases('    on: { move: second }', '    escalation: incident\n    effects: { indicators: { trust: -25 } }');
    const { engine } = started(text);
    const types = must(engine, { action: 'move', by: 'bank' }).map((e) => e.type);
    expect(types).toEqual(['action.taken', 'phase.entered', 'escalation.changed', 'indicator.changed']);
    expect(engine.snapshot().indicators.trust).toBe(25);
  });

  it('[P6][T6] an end phase ends the exercise; nothing is delivered or open after', () => {
    const text = twoPhases(`    on: { move: second }\n    injects:\n${list(6, inject('later', 'at: PT1H'))}`, '    end: true');
    const { engine } = started(text);
    const effects = must(engine, { action: 'move', by: 'bank' });
    expect(effects.map((e) => e.type)).toContain('exercise.ended');
    expect(effects.find((e) => e.type === 'exercise.ended')).toMatchObject({ reason: 'phase:second' });
    expect(delivered(engine.advanceTo(minutes(120)))).toEqual([]);
    expect(engine.act({ action: 'other', by: 'bank' })).toMatchObject({ ok: false, code: 'EXERCISE_ENDED' });
    expect(engine.openActions('bank')).toEqual([]);
  });

  it('[P7] a phase entered again restarts its timers but delivers each inject once', () => {
    const text = twoPhases(
      `    on: { move: second }\n    injects:\n${list(6, inject('a', 'at: PT10M'), inject('b', 'at: PT40M'))}`,
      '    on: { other: first }',
      list(2, action('move', 'once: never'), action('other', 'once: never')),
    );
    const { engine } = started(text);
    expect(delivered(engine.advanceTo(minutes(15)))).toEqual(['a']);
    must(engine, { action: 'move', by: 'bank' });
    engine.advanceTo(minutes(20));
    must(engine, { action: 'other', by: 'bank' }); // back in `first` at 00:20
    expect(delivered(engine.advanceTo(minutes(50)))).toEqual([]); // b is due 40 minutes after 00:20
    expect(delivered(engine.advanceTo(minutes(61)))).toEqual(['b']);
  });

  it('[P8] Control can jump to any phase, also after the end', () => {
    const { engine } = started(twoPhases('', '    end: true'));
    const jump = engine.control({ type: 'goto', phase: 'second' });
    expect(jump.ok && jump.effects.map((e) => e.type)).toEqual(['phase.entered', 'exercise.ended']);
    expect(engine.ended).toBe(true);
    const back = engine.control({ type: 'goto', phase: 'first' });
    expect(back.ok && phases(back.effects)).toEqual(['first']);
    expect(engine.ended).toBe(false);
    expect(engine.control({ type: 'goto', phase: 'third' })).toMatchObject({ ok: false, code: 'UNKNOWN_PHASE' });
  });
});

describe('injects', () => {
  it('[J2] a phase inject is cancelled when its phase is left first', () => {
    const { engine } = started(
      twoPhases(`    on: { move: second }\n    injects:\n${list(6, inject('soon', 'at: PT10M'), inject('never', 'at: PT30M'))}`),
    );
    expect(delivered(engine.advanceTo(minutes(10)))).toEqual(['soon']);
    must(engine, { action: 'move', by: 'bank' });
    expect(delivered(engine.advanceTo(minutes(60)))).toEqual([]);
  });

  it('[J3] a timeline inject comes at its exercise time whatever the phase', () => {
    const text = minimalScenario({
      timeline: list(2, inject('t', 'at: PT45M')),
      phases: `  a:\n    title: { en: A, nl: A }\n    after: { PT10M: b }\n  b:\n    title: { en: B, nl: B }`,
    });
    const { engine } = started(text);
    const effects = engine.advanceTo(minutes(60));
    expect(effects.find((e) => e.type === 'inject.delivered')).toMatchObject({ at: minutes(45) });
  });

  it('[J4] a follow-up comes after its delay even if the phase changes in between', () => {
    const text = twoPhases(`    on: { move: second }\n    injects:\n${list(6, inject('reply', 'on: { action: other, delay: PT15M }'))}`);
    const { engine } = started(text);
    engine.advanceTo(minutes(5));
    must(engine, { action: 'other', by: 'bank' });
    must(engine, { action: 'move', by: 'bank' });
    const effects = engine.advanceTo(minutes(30));
    expect(effects.find((e) => e.type === 'inject.delivered')).toMatchObject({ at: minutes(20), inject: { id: 'reply' } });
  });

  it('[J4] a follow-up `by` an organisation waits for that organisation', () => {
    const text = twoPhases(`    injects:\n${list(6, inject('thanks', 'on: { action: other, by: ncsc }'))}`);
    const { engine } = started(text);
    expect(delivered(must(engine, { action: 'other', by: 'bank' }))).toEqual([]);
    expect(delivered(must(engine, { action: 'other', by: 'ncsc' }))).toEqual(['thanks']);
  });

  it('[J4] a phase follow-up needs its phase active when the action is taken', () => {
    const text = twoPhases(`    on: { move: second }\n    injects:\n${list(6, inject('reply', 'on: other'))}`);
    const { engine } = started(text);
    must(engine, { action: 'move', by: 'bank' });
    expect(delivered(must(engine, { action: 'other', by: 'bank' }))).toEqual([]);
  });

  it('[J5][J6] a threshold inject comes once, the first time its condition holds', () => {
    const text = minimalScenario({
      timeline: list(2, inject('alarm', 'when: { indicator: trust, atLeast: 80 }')),
      actions: list(
        2,
        action('boost', 'once: never, effects: { indicators: { trust: 30 } }'),
        action('drop', 'once: never, effects: { indicators: { trust: -30 } }'),
      ),
    });
    const { engine } = started(text);
    expect(delivered(must(engine, { action: 'boost', by: 'bank' }))).toEqual(['alarm']);
    must(engine, { action: 'drop', by: 'bank' });
    expect(delivered(must(engine, { action: 'boost', by: 'bank' }))).toEqual([]);
  });

  it('[J11] an inject’s effects apply when it is delivered, also when Control fires it early', () => {
    const text = minimalScenario({
      phases: `  only:\n    title: { en: O, nl: O }\n    injects:\n${list(6, inject('outage', 'at: PT10M, effects: { indicators: { trust: -20 }, escalation: incident }'))}`,
    });
    const { engine } = started(text);
    const effects = engine.advanceTo(minutes(10)).map((e) => e.type);
    expect(effects).toEqual(['inject.delivered', 'indicator.changed', 'escalation.changed']);
    expect(engine.snapshot()).toMatchObject({ indicators: { trust: 30 }, escalation: 'incident' });
    const early = started(text).engine;
    early.control({ type: 'fireNext' });
    expect(early.snapshot().indicators.trust).toBe(30);
  });

  it('[J10] injects due at the same time come timeline first, then in file order', () => {
    const text = minimalScenario({
      timeline: list(2, inject('t1', 'at: PT10M')),
      phases: `  only:\n    title: { en: O, nl: O }\n    injects:\n${list(6, inject('p1', 'at: PT10M'), inject('p2', 'at: PT10M'))}`,
    });
    expect(delivered(started(text).engine.advanceTo(minutes(10)))).toEqual(['t1', 'p1', 'p2']);
  });
});

describe('actions', () => {
  const text = twoPhases('    on: { move: second }').replace(
    /actions:\n[\s\S]*?\nobjectives:/,
    `actions:
${list(2, action('move'), action('bank-only', 'by: [bank]').replace('by: [bank, ncsc, isp], ', ''), action('first-only', 'phases: [first]'), action('once-each'), action('once-only', 'once: exercise'), action('again', 'once: never'), action('gated', 'when: { action: move }'), action('sitrep', 'report: true'))}
objectives:`,
  );

  it('[A1] an action is open only to the organisations in `by`', () => {
    const { engine } = started(text);
    expect(engine.act({ action: 'bank-only', by: 'ncsc' })).toMatchObject({ ok: false, code: 'ACTION_NOT_ALLOWED' });
    expect(engine.act({ action: 'bank-only', by: 'bank' }).ok).toBe(true);
  });

  it('[A1] an action is open only in its phases and when its condition holds', () => {
    const { engine } = started(text);
    expect(engine.act({ action: 'gated', by: 'bank' })).toMatchObject({ ok: false, code: 'ACTION_NOT_ALLOWED' });
    must(engine, { action: 'move', by: 'bank' });
    expect(engine.act({ action: 'first-only', by: 'bank' })).toMatchObject({
      ok: false,
      message: '"first-only" is not open in phase "second"',
    });
    expect(engine.act({ action: 'gated', by: 'bank' }).ok).toBe(true);
  });

  it('[A1] `once` limits an action per organisation, per exercise, or not at all', () => {
    const { engine } = started(text);
    must(engine, { action: 'once-each', by: 'bank' });
    expect(engine.act({ action: 'once-each', by: 'bank' }).ok).toBe(false);
    expect(engine.act({ action: 'once-each', by: 'ncsc' }).ok).toBe(true);
    must(engine, { action: 'once-only', by: 'bank' });
    expect(engine.act({ action: 'once-only', by: 'ncsc' }).ok).toBe(false);
    must(engine, { action: 'again', by: 'bank' });
    expect(engine.act({ action: 'again', by: 'bank' }).ok).toBe(true);
  });

  it('[A2] a refused action changes nothing', () => {
    const { engine } = started(text);
    const before = JSON.stringify(engine.snapshot());
    expect(engine.act({ action: 'first-only', by: 'nobody' }).ok).toBe(false);
    expect(engine.act({ action: 'no-such-action', by: 'bank' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('[A5] an action with `report: true` needs a text, and carries it', () => {
    const { engine } = started(text);
    expect(engine.act({ action: 'sitrep', by: 'bank', text: '   ' })).toMatchObject({ ok: false, code: 'REPORT_REQUIRED' });
    const effects = must(engine, { action: 'sitrep', by: 'bank', text: 'All systems down.' });
    expect(effects[0]).toMatchObject({ type: 'action.taken', text: 'All systems down.' });
  });

  it('[A3] an action is recorded, its effects applied, follow-ups delivered, then the phase moves, then expectations are scored', () => {
    const engine = engineFor(fixtureText());
    engine.start();
    engine.advanceTo(minutes(10));
    const types = must(engine, { action: 'report-ncsc', by: 'bank-a' }).map((e) => e.type);
    expect(types).toEqual([
      'action.taken',
      'indicator.changed',
      'phase.entered',
      'escalation.changed',
      'inject.delivered',
      'expectation.scored',
    ]);
  });

  it('[I2] indicator effects are clamped to the bounds', () => {
    const { engine } = started(
      text
        .replace("action('move')", "action('move')")
        .replace(
          '- { id: again, label: { en: again, nl: again }, by: [bank, ncsc, isp], once: never }',
          '- { id: again, label: { en: again, nl: again }, by: [bank, ncsc, isp], once: never, effects: { indicators: { trust: 40 } } }',
        ),
    );
    must(engine, { action: 'again', by: 'bank' });
    const effects = must(engine, { action: 'again', by: 'bank' });
    expect(effects.find((e) => e.type === 'indicator.changed')).toMatchObject({ value: 100, previous: 90 });
    expect(must(engine, { action: 'again', by: 'bank' }).some((e) => e.type === 'indicator.changed')).toBe(false);
  });
});

describe('escalation', () => {
  const text = twoPhases('    escalation: large-scale\n    on: { move: second }', '    escalation: incident');

  it('[E2] phases only raise the level', () => {
    const { engine, first } = started(text);
    expect(first.find((e) => e.type === 'escalation.changed')).toMatchObject({ level: 'large-scale', previous: 'normal' });
    expect(must(engine, { action: 'move', by: 'bank' }).some((e) => e.type === 'escalation.changed')).toBe(false);
    expect(engine.snapshot().escalation).toBe('large-scale');
  });

  it('[E3] Control sets any level, down as well as up', () => {
    const { engine } = started(text);
    const result = engine.control({ type: 'setEscalation', level: 'normal' });
    expect(result.ok && result.effects).toEqual([{ type: 'escalation.changed', at: 0, level: 'normal', previous: 'large-scale' }]);
    expect(engine.control({ type: 'setEscalation', level: 'panic' })).toMatchObject({ ok: false, code: 'UNKNOWN_LEVEL' });
  });
});

describe('expectations', () => {
  const text = minimalScenario({
    phases: `  only:\n    title: { en: O, nl: O }\n    injects:\n${list(
      6,
      inject('ask', 'at: PT10M, to: [bank, isp], expects: [{ action: answer, by: [bank, isp], within: PT30M, objective: respond }]'),
      inject(
        'ask-control',
        'at: PT10M, to: [isp], expects: [{ action: escalate, by: isp, within: PT30M, objective: respond, auto: control }]',
      ),
    )}`,
    actions: list(2, action('answer'), action('escalate')),
    objectives: list(2, '- { id: respond, text: { en: Respond, nl: Reageer } }'),
  });

  it('[X1][X2] an expectation is met within its window, late after it, missed at the end', () => {
    const { engine } = started(text);
    engine.advanceTo(minutes(50));
    const late = must(engine, { action: 'answer', by: 'bank' }).find((e) => e.type === 'expectation.scored');
    expect(late).toMatchObject({ expectation: { organisation: 'bank', status: 'late', respondedAt: minutes(50), dueAt: minutes(40) } });
    const end = engine.control({ type: 'end' });
    const missed = end.ok ? end.effects.filter((e) => e.type === 'expectation.scored') : [];
    expect(missed).toEqual([
      expect.objectContaining({ expectation: expect.objectContaining({ id: 'ask-control#0/isp', status: 'missed' }) }),
    ]);
  });

  it('[A3][X2] an action that ends the exercise still meets the expectation it answers', () => {
    const withEnd = text
      .replace('    title: { en: O, nl: O }\n', '    title: { en: O, nl: O }\n    on: { answer: done }\n')
      .replace('actions:', '  done:\n    title: { en: Done, nl: Klaar }\n    end: true\nactions:');
    const { engine } = started(withEnd);
    engine.advanceTo(minutes(15));
    const effects = must(engine, { action: 'answer', by: 'bank' });
    expect(effects.map((e) => e.type)).toContain('exercise.ended');
    expect(engine.snapshot().expectations.find((e) => e.id === 'ask#0/bank')?.status).toBe('met');
  });

  it('[X2] an action taken before the inject was delivered does not count', () => {
    const { engine } = started(text);
    must(engine, { action: 'answer', by: 'bank' });
    engine.advanceTo(minutes(10));
    expect(engine.snapshot().expectations.find((e) => e.id === 'ask#0/bank')?.status).toBe('pending');
  });

  it('[X3] SimCell answers for a simulated organisation halfway through the window, unless left to Control', () => {
    const { engine } = started(text);
    const effects = engine.advanceTo(minutes(60));
    const simulated = effects.find((e) => e.type === 'action.taken');
    expect(simulated).toMatchObject({ action: 'answer', by: 'isp', at: minutes(25), simulated: true });
    expect(effects.filter((e) => e.type === 'action.taken')).toHaveLength(1); // `escalate` waits for Control
  });

  it('[X3][A5] SimCell files a report when the simulated answer needs one', () => {
    const engine = engineFor(text.replace(action('answer'), action('answer', 'report: true')));
    engine.start();
    const taken = engine.advanceTo(minutes(60)).find((e) => e.type === 'action.taken');
    expect(taken).toMatchObject({ by: 'isp', simulated: true, text: 'Reported by the simulation cell for isp.' });
  });

  it('[X3] an exercise can simulate organisations the scenario marks as played', () => {
    const engine = engineFor(text, { simulated: ['bank'] });
    engine.start();
    const takers = engine.advanceTo(minutes(60)).flatMap((e) => (e.type === 'action.taken' ? [e.by] : []));
    expect(takers).toEqual(['bank']);
  });
});

describe('Control', () => {
  it('[principle 7] fires the next inject now, and it does not come again at its time', () => {
    const engine = engineFor(fixtureText());
    engine.start();
    expect(engine.upcoming(2).map((u) => [u.inject.id, u.dueAt])).toEqual([
      ['traffic-alert', minutes(10)],
      ['isp-request', minutes(20)],
    ]);
    const fired = engine.control({ type: 'fireNext' });
    expect(fired.ok && fired.effects[0]).toMatchObject({
      type: 'inject.delivered',
      at: 0,
      cause: 'control-fire-next',
      inject: { id: 'traffic-alert' },
    });
    expect(delivered(engine.advanceTo(minutes(15)))).toEqual([]);
  });

  it('sends an ad-hoc inject to chosen organisations', () => {
    const engine = engineFor(fixtureText());
    engine.start();
    const result = engine.control({
      type: 'adhoc',
      inject: {
        channel: 'phone',
        from: 'ncsc',
        to: ['bank-b'],
        tlp: 'TLP:AMBER',
        title: { en: 'Call', nl: 'Bel' },
        body: { en: 'Now', nl: 'Nu' },
      },
    });
    expect(result.ok && result.effects[0]).toMatchObject({
      type: 'inject.delivered',
      cause: 'control-adhoc',
      inject: { id: 'adhoc-1', to: ['bank-b'] },
    });
    expect(
      engine.control({ type: 'adhoc', inject: { channel: 'phone', from: 'ncsc', to: ['nobody'], tlp: 'TLP:CLEAR', title: {}, body: {} } }),
    ).toMatchObject({ ok: false, code: 'UNKNOWN_ORGANISATION' });
  });

  it('[E3] overrides an indicator within its bounds, and the conditions follow', () => {
    const engine = engineFor(fixtureText());
    engine.start();
    const result = engine.control({ type: 'setIndicator', indicator: 'availability', value: -10 });
    const types = result.ok ? result.effects.map((e) => e.type) : [];
    expect(types).toEqual(['indicator.changed', 'phase.entered', 'escalation.changed']); // below 20 → crisis [P4]
    expect(engine.snapshot()).toMatchObject({ phase: 'crisis', indicators: { availability: 0 } });
  });
});

describe('determinism', () => {
  it('[D1] the same calls at the same exercise times give the same effects', () => {
    const run = () => {
      const engine = engineFor(fixtureText());
      const log = [...engine.start(), ...engine.advanceTo(minutes(12))];
      const acted = engine.act({ action: 'report-ncsc', by: 'bank-a' });
      if (acted.ok) log.push(...acted.effects);
      log.push(...engine.advanceTo(minutes(300)));
      return JSON.stringify(log);
    };
    expect(run()).toBe(run());
  });
});
