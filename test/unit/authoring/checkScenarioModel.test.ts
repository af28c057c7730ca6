import { parseScenario } from '../../../server/scenario/loadScenario.ts';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateLargeScenario } from '../../../server/bench/generateLargeScenario.ts';
import { action, inject, list } from '../../support/minimalScenario.ts';
import { check, CLEAN, cleanWith, lineOf, problem } from './checkSupport.ts';

describe('the scenario check explores the machine over players decisions', () => {
  it('[K1] finds nothing in a sound scenario, and says how far it searched', () => {
    const result = check(cleanWith({}));
    expect(result.problems).toEqual([]);
    expect(result.exploration?.stop).toBe('covered');
    expect(result.exploration?.paths).toBeGreaterThanOrEqual(2);
    expect(result.exploration?.states).toBeGreaterThan(result.exploration!.paths);
  });

  it('[K1] finds a path that needs several choices in order, rather than reporting what it reaches', () => {
    // trust starts at 50 and drops to 40 on entering response; 70 needs notify, then pledge (+15), then
    // reassure (+5) by each of the three organisations.
    const text = cleanWith({
      timeline: `${CLEAN.timeline}\n${list(2, inject('relief', 'when: { indicator: trust, atLeast: 70 }'))}`,
      actions: `${CLEAN.actions}\n${list(2, action('pledge', 'once: exercise, when: { action: notify }, effects: { indicators: { trust: 15 } }'))}`,
    });
    const result = check(text);
    expect(result.problems).toEqual([]);
    expect(result.exploration?.stop).toBe('covered');
  });

  it('[K1] is deterministic: the same file gives the same search and the same findings', () => {
    const text = cleanWith({ timeline: list(2, inject('late', 'at: PT3H')) });
    const a = check(text);
    const b = check(text);
    expect({ paths: a.exploration?.paths, states: a.exploration?.states }).toEqual({
      paths: b.exploration?.paths,
      states: b.exploration?.states,
    });
    expect(a.problems).toEqual(b.problems);
  });

  it('[K1] searches every path of a small scenario with a defect to the end, and stops at its bound when told', () => {
    const text = cleanWith({ timeline: list(2, inject('late', 'at: PT3H')) });
    expect(check(text).exploration?.stop).toBe('exhausted');
    const bounded = check(text, { maxPaths: 1, maxStates: 1_000 });
    expect(bounded.exploration?.stop).toBe('bound');
    expect(bounded.exploration?.paths).toBe(1);
  });
});

describe('[K2] what no path reaches is reported at its line', () => {
  it('[K2] a phase that no transition leads to', () => {
    const text = cleanWith({ phases: `${CLEAN.phases}\n  orphan:\n    title: { en: Orphan, nl: Wees }\n    after: { PT5M: debrief }` });
    const found = problem(check(text), /phase "orphan" is never entered/);
    expect(found.line).toBe(lineOf(text, 'orphan:'));
    expect(found.hint).toMatch(/no on:, after: or when: of another phase leads to it/);
  });

  it('[K2] a phase whose only way in waits for a condition that never holds, with its injects', () => {
    const phases = CLEAN.phases.replace(
      '    after:\n      PT30M: debrief',
      '    when:\n      - { if: { indicator: trust, above: 90 }, goto: crisis }\n    after:\n      PT30M: debrief',
    );
    const text = cleanWith({
      phases: `${phases}\n  crisis:\n    title: { en: Crisis, nl: Crisis }\n    injects:\n${list(6, inject('minister', 'at: PT1M'))}\n    after: { PT5M: debrief }`,
    });
    const result = check(text);
    const found = problem(result, /phase "crisis" is never entered: no path reaches it \(nor its 1 inject\)/);
    expect(found.line).toBe(lineOf(text, 'crisis:'));
    expect(found.hint).toMatch(/from response when trust > 90/);
    expect(result.problems.some((p) => p.message.includes('"minister"'))).toBe(false); // reported once, at the phase
  });

  it('[K2] a timeline inject due after the exercise ends', () => {
    const text = cleanWith({ timeline: `${CLEAN.timeline}\n${list(2, inject('too-late', 'at: PT3H'))}` });
    const found = problem(check(text), /inject "too-late" is never delivered/);
    expect(found.line).toBe(lineOf(text, 'id: too-late'));
    expect(found.hint).toBe('it is due at PT3H, after the exercise ends (duration PT2H) [T6]');
  });

  it('[K2] a phase inject due after its phase always moves on', () => {
    const phases = CLEAN.phases.replace(
      'on: reassure }',
      'on: reassure }\n      - { id: stale, channel: email, from: ncsc, to: [bank], title: { en: S, nl: S }, body: { en: B, nl: B }, at: PT45M }',
    );
    const text = cleanWith({ phases });
    const found = problem(check(text), /inject "stale" is never delivered/);
    expect(found.line).toBe(lineOf(text, 'id: stale'));
    expect(found.hint).toMatch(/response always moves on after PT30M \(after:\), before this inject is due at PT45M/);
  });

  it('[K2] a follow-up of an action nobody may take there, and a threshold inject outside the bounds', () => {
    const text = cleanWith({
      timeline: `${CLEAN.timeline}\n${list(2, inject('echo', 'on: { action: notify, by: isp }'), inject('panic', 'when: { indicator: trust, below: 0 }'))}`,
      actions: list(
        2,
        action('notify', 'once: exercise').replace('by: [bank, ncsc, isp]', 'by: [bank, ncsc]'),
        action('reassure', 'phases: [response]'),
      ),
    });
    const result = check(text);
    expect(problem(result, /inject "echo" is never delivered/)).toMatchObject({
      line: lineOf(text, 'id: echo'),
      hint: 'it follows notify, which is never taken by isp [J4]',
    });
    expect(problem(result, /inject "panic" is never delivered/)).toMatchObject({
      line: lineOf(text, 'id: panic'),
      hint: 'trust stays between 0 and 100, so trust < 0 never holds [I2]',
    });
  });

  it('[K2] an action that is never open', () => {
    const text = cleanWith({ actions: `${CLEAN.actions}\n${list(2, action('celebrate', 'when: { indicator: trust, atLeast: 120 }'))}` });
    const found = problem(check(text), /action "celebrate" is never open to anyone/);
    expect(found.line).toBe(lineOf(text, 'id: celebrate'));
    expect(found.hint).toMatch(/trust stays between 0 and 100/);
  });

  it('[K2] a timeout that never fires because a shorter one always comes first, at the line of its delay', () => {
    const text = cleanWith({ phases: CLEAN.phases.replace('      PT30M: debrief', '      PT30M: debrief\n      PT45M: detection') });
    const found = problem(check(text), /the transition from "response" to "detection" \(after PT45M\) never fires/);
    expect(found).toMatchObject({ line: lineOf(text, 'PT45M: detection'), column: 7 });
    expect(found.hint).toMatch(/^response always moves on after PT30M already/);
  });

  it('[K2] a transition whose guard never holds when its action is taken', () => {
    const text = cleanWith({
      phases: CLEAN.phases.replace(
        '      notify: response',
        '      notify: response\n      escalate: { goto: debrief, if: { indicator: trust, below: 10 } }',
      ),
      actions: `${CLEAN.actions}\n${list(2, action('escalate'))}`,
    });
    const found = problem(check(text), /the transition from "detection" to "debrief" \(on escalate if trust < 10\) never fires/);
    expect(found.line).toBe(lineOf(text, 'escalate: { goto'));
    expect(found.hint).toMatch(/escalate is taken in detection, but never when trust < 10/);
  });
});

describe('[K3] objectives and expectations that can never be met', () => {
  it('[K3] an objective whose requires never holds at the end', () => {
    const text = cleanWith({
      objectives: `${CLEAN.objectives}\n${list(2, '- { id: calm, text: { en: Calm, nl: Rustig }, requires: { indicator: trust, atLeast: 80 } }')}`,
    });
    const found = problem(check(text), /objective "calm" is met on no path/);
    expect(found.line).toBe(lineOf(text, 'id: calm'));
    expect(found.hint).toBe('its requires (trust ≥ 80) never holds when the exercise ends; on the explored paths trust went from 40 to 55');
  });

  it('[K3] an expectation whose action is not open in its window', () => {
    const phases = CLEAN.phases.replace(
      'objective: warned }]',
      'objective: warned }, { action: stand-down, by: bank, within: PT30M, objective: warned }]',
    );
    const text = cleanWith({
      phases,
      actions: `${CLEAN.actions}\n${list(2, action('stand-down', 'phases: [response], when: { action: notify, not: true }'))}`,
    });
    const result = check(text);
    const found = problem(result, /"bank" can never take "stand-down" within PT30M of "alert"/);
    const line = lineOf(text, 'id: alert');
    expect(found.line).toBe(line);
    expect(found.column).toBe(text.split('\n')[line - 1]!.indexOf('{ action: stand-down') + 1);
    expect(found.hint).toMatch(/it is open only in response, only when notify not taken/);
    expect(problem(result, /objective "warned" is met on no path/).hint).toMatch(/never met: alert#1\/bank/);
  });
});

describe('[K4] [K5] phases with no way out and exercises that never end', () => {
  it('[K4] a phase that is not an end and has no transition', () => {
    const text = cleanWith({ phases: CLEAN.phases.replace('    after:\n      PT30M: debrief', '') });
    const found = problem(check(text), /phase "response" is not an end phase and has no way out/);
    expect(found.line).toBe(lineOf(text, 'response:', 'phases:'));
    expect(found.hint).toMatch(/it has no on:, after: or when:/);
  });

  it('[K4] a phase whose only transition waits for an action not open there', () => {
    const text = cleanWith({
      phases: CLEAN.phases.replace('    after:\n      PT30M: debrief', '    on:\n      celebrate: debrief'),
      actions: `${CLEAN.actions}\n${list(2, action('celebrate', 'phases: [detection]'))}`,
    });
    const found = problem(check(text), /phase "response" is not an end phase and has no way out/);
    expect(found.hint).toMatch(/on celebrate — celebrate is not open in response \(its phases: detection\)/);
  });

  it('[K5] two phases that only lead to each other', () => {
    const phases = CLEAN.phases
      .replace('      PT1H: response', '      PT1H: loop-a')
      .concat(
        '\n  loop-a:\n    title: { en: A, nl: A }\n    after: { PT10M: loop-b }\n  loop-b:\n    title: { en: B, nl: B }\n    after: { PT10M: loop-a }',
      );
    const text = cleanWith({ phases });
    const found = problem(check(text), /phases "loop-a", "loop-b" only lead to each other/);
    expect(found.line).toBe(lineOf(text, 'loop-a:'));
  });

  it('[P9] [K5] when transitions that chase each other without time passing are refused by validation, found without running the engine into them', () => {
    const phases = CLEAN.phases
      .replace(
        '    after:\n      PT30M: debrief',
        '    when:\n      - { if: { indicator: trust, below: 45 }, goto: echo }\n    after:\n      PT30M: debrief',
      )
      .concat('\n  echo:\n    title: { en: Echo, nl: Echo }\n    when:\n      - { if: { indicator: trust, below: 45 }, goto: response }');
    const text = cleanWith({ phases });
    const loaded = parseScenario(text, 'planted.yaml');
    if (loaded.ok) throw new Error('the loop was not refused');
    const found = problem(loaded, /"response" → "echo" → "response": these when: transitions can chase each other forever.*\[P9\]/);
    expect(found.line).toBe(lineOf(text, '- { if: { indicator: trust, below: 45 }, goto: echo }'));
  });

  it('[K5] when transitions in a cycle whose conditions exclude each other are no loop, and the search runs', () => {
    const phases = CLEAN.phases
      .replace(
        '    after:\n      PT30M: debrief',
        '    when:\n      - { if: { indicator: trust, below: 45 }, goto: echo }\n    after:\n      PT30M: debrief',
      )
      .concat(
        '\n  echo:\n    title: { en: Echo, nl: Echo }\n    when:\n      - { if: { indicator: trust, atLeast: 45 }, goto: response }\n    after: { PT10M: debrief }',
      );
    const result = check(cleanWith({ phases }));
    expect(result.problems.filter((p) => p.message.includes('chase each other'))).toEqual([]);
    expect(result.exploration?.states).toBeGreaterThan(0);
  });

  it('[K5] a scenario without an end phase', () => {
    const text = cleanWith({ phases: CLEAN.phases.replace('    end: true', '    after: { PT5M: detection }') });
    const found = problem(check(text), /no phase has end: true/);
    expect(found.line).toBe(lineOf(text, 'phases:'));
  });
});

describe('[K6] indicators pushed outside their bounds', () => {
  it('[K6] an effect that never changes its indicator because it always sits at that bound', () => {
    const text = cleanWith({
      indicators: '  - { id: calm, label: { en: Calm, nl: Kalm }, initial: 100, min: 0, max: 100 }',
      actions: `${CLEAN.actions}\n${list(2, action('soothe', 'effects: { indicators: { calm: 10 } }'))}`,
    });
    const found = problem(check(text), /\+10 on "calm" never changes it/);
    const line = lineOf(text, 'id: soothe');
    expect(found.line).toBe(line);
    expect(found.column).toBe(text.split('\n')[line - 1]!.indexOf('calm: 10') + 1);
  });

  it('[K6] a delta larger than the indicator’s whole range', () => {
    const text = cleanWith({ phases: CLEAN.phases.replace('trust: -10', 'trust: -150') });
    const found = problem(check(text), /-150 on "trust" is more than its whole range \(0 to 100\)/);
    expect(found.line).toBe(lineOf(text, 'trust: -150'));
  });

  it('[K6] clamping by design is not a defect: an effect that counts on some path passes', () => {
    const text = cleanWith({ indicators: '  - { id: calm, label: { en: Calm, nl: Kalm }, initial: 95, min: 0, max: 100 }' });
    const result = check(text.replace('effects: { indicators: { trust: 5 } }', 'effects: { indicators: { trust: 5, calm: 10 } }'));
    expect(result.problems).toEqual([]);
  });
});

describe('[K1] a generated scenario the shape of Cyber Europe', () => {
  it('[K1] is checked within the bound: one path reaches every target, and the check names what the generator leaves out', () => {
    const text = stringify(generateLargeScenario({ organisations: 20, seats: 200, injects: 2_000, hours: 48 }));
    const result = check(text);
    expect(result.exploration).toMatchObject({ stop: 'covered', paths: 1 });
    expect(result.problems.map((p) => p.message)).toEqual([
      'no phase has end: true: every path runs until the duration (P2D) is over [K5]',
      'phase "recovery" is not an end phase and has no way out: once in it, the exercise stays until its duration (P2D) is over [K4]',
    ]);
  });
});
