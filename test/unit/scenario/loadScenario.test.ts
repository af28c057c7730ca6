import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario } from '../../../server/scenario/loadScenario.ts';
import { formatProblem, type ScenarioProblem } from '../../../server/scenario/scenarioProblem.ts';
import { fixtureText, fixtureWith, scenarioFrom } from '../../support/scenarioText.ts';

function problemsOf(text: string): ScenarioProblem[] {
  const result = parseScenario(text, 'bad.yaml');
  if (result.ok) throw new Error('expected problems, the scenario was valid');
  return [...result.problems];
}

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

describe('loading a scenario', () => {
  it('reads the fixture into a normalised scenario', () => {
    const s = scenarioFrom(fixtureText());
    expect(s.id).toBe('two-banks');
    expect(s.organisations.map((o) => o.id)).toEqual(['ncsc', 'bank-a', 'bank-b', 'isp']);
    expect(s.phases.map((p) => p.id)).toEqual(['attack', 'coordination', 'crisis', 'recovery']);
    expect(s.start).toBe('attack');
    expect(s.durationSeconds).toBe(4 * 3600);
  });

  it('[J8] reads amber and TLP:GREEN as TLP 2.0 labels, and defaults to TLP:CLEAR', () => {
    const s = scenarioFrom(fixtureText());
    const tlp = (id: string) => s.injects.find((i) => i.id === id)!.tlp;
    expect(tlp('traffic-alert')).toBe('TLP:AMBER');
    expect(tlp('ncsc-ack')).toBe('TLP:GREEN');
    expect(tlp('headline')).toBe('TLP:CLEAR');
  });

  it('[J7] expands `to: all` to every organisation, simulated ones included', () => {
    const headline = scenarioFrom(fixtureText()).injects.find((i) => i.id === 'headline')!;
    expect(headline.toAll).toBe(true);
    expect(headline.to).toEqual(['ncsc', 'bank-a', 'bank-b', 'isp']);
  });

  it('[J10] lists timeline injects before phase injects, each in file order', () => {
    const ids = scenarioFrom(fixtureText()).injects.map((i) => i.id);
    expect(ids.slice(0, 2)).toEqual(['headline', 'media-storm']);
    expect(ids.indexOf('traffic-alert')).toBeLessThan(ids.indexOf('isp-request'));
  });

  it('[E1] uses the default ladder when the scenario declares none', () => {
    const s = scenarioFrom(fixtureText());
    expect(s.escalation.levels.map((l) => l.id)).toEqual(['normal', 'incident', 'large-scale', 'national-crisis']);
    expect(s.escalation.initial).toBe('normal');
  });
});

describe('scenario errors name file, line, column and the fix [F7]', () => {
  it('reports YAML syntax errors at their line without a stack trace', () => {
    const [problem] = problemsOf('id: x\ntitle: [unclosed\nsummary: y\n');
    expect(problem!.file).toBe('bad.yaml');
    expect(problem!.message).toMatch(/^YAML syntax/);
    expect(problem!.line).toBeGreaterThanOrEqual(2);
    expect(formatProblem(problem!)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('[F2] rejects an id that is not lower-case letters, digits and hyphens', () => {
    const text = fixtureWith('id: bank-b,', 'id: Bank_B,');
    const problem = problemsOf(text).find((p) => p.message.includes('lower-case'));
    expect(problem?.line).toBe(lineOf(text, 'Bank_B'));
  });

  it('[F3] rejects duplicate ids and points at the second one', () => {
    const text = fixtureWith('id: isp-request', 'id: traffic-alert');
    const [problem] = problemsOf(text);
    expect(problem!.message).toBe('duplicate inject id "traffic-alert"');
    const second = text
      .split('\n')
      .findIndex((line, i) => line.includes('- id: traffic-alert') && i + 1 > lineOf(text, '- id: traffic-alert'));
    expect(problem!.line).toBe(second + 1);
    expect(problem!.hint).toMatch(/rename/);
  });

  it('[F4] requires every text in every declared language', () => {
    const text = fixtureWith('title: { en: Recovery, nl: Herstel }', 'title: { en: Recovery }');
    const [problem] = problemsOf(text);
    expect(problem!.message).toBe('text is missing in "nl"');
    expect(problem!.line).toBe(lineOf(text, 'title: { en: Recovery }'));
    expect(problem!.hint).toContain('add nl:');
  });

  it('[F4] accepts plain strings in a one-language scenario and refuses them in a two-language one', () => {
    const oneLanguage = fixtureWith('languages: [en, nl]', 'languages: [en]')
      .replace(/, nl: [^}]*\}/g, ' }')
      .replace('title: { en: Recovery }', 'title: Recovery');
    expect(scenarioFrom(oneLanguage).phases.at(-1)!.title).toEqual({ en: 'Recovery' });
    const text = fixtureWith('title: { en: Recovery, nl: Herstel }', 'title: Recovery');
    expect(problemsOf(text)[0]!.message).toBe('this text needs a version in each of en, nl');
  });

  it('[F5] rejects a malformed duration and shows the accepted forms', () => {
    const text = fixtureWith('within: PT20M', 'within: 20 minutes');
    const [problem] = problemsOf(text);
    expect(problem!.message).toContain('"20 minutes" is not a duration');
    expect(problem!.message).toContain('PT30M');
    expect(problem!.line).toBe(lineOf(text, '20 minutes'));
  });

  it('[F5] checks the durations used as keys of `after:`', () => {
    const text = fixtureWith('PT2H: coordination', 'PT2X: coordination');
    const [problem] = problemsOf(text);
    expect(problem!.message).toBe('"PT2X" is not a duration');
    expect({ line: problem!.line, column: problem!.column }).toEqual({ line: lineOf(text, 'PT2X'), column: 7 });
  });

  it('[F6] rejects unknown keys and suggests the closest known one', () => {
    const text = fixtureWith(
      '        channel: phone\n        from: ncsc\n        to: [bank-b]',
      '        chanel: phone\n        from: ncsc\n        to: [bank-b]',
    );
    const problems = problemsOf(text);
    const unknown = problems.find((p) => p.message.startsWith('unknown key'));
    expect(unknown!.message).toBe('unknown key "chanel" in "phases.coordination.injects[decision-time]" (did you mean "channel"?)');
    expect(unknown!.line).toBe(lineOf(text, 'chanel'));
    expect(problems.some((p) => p.message === 'missing "channel" in "phases.coordination.injects[decision-time]"')).toBe(true);
  });

  it.each([
    ['organisation', 'to: [bank-b]', 'to: [bank-c]', 'unknown organisation "bank-c" (did you mean "bank-a"?)'],
    [
      'action',
      'action: report-ncsc, by: bank-a',
      'action: report-nsc, by: bank-a',
      'unknown action "report-nsc" (did you mean "report-ncsc"?)',
    ],
    ['phase', 'PT2H: coordination', 'PT2H: coordinaton', 'unknown phase "coordinaton" (did you mean "coordination"?)'],
    ['indicator', 'indicator: media, atLeast: 50', 'indicator: medai, atLeast: 50', 'unknown indicator "medai" (did you mean "media"?)'],
    ['objective', 'objective: duty-of-care', 'objective: duty-of-cure', 'unknown objective "duty-of-cure" (did you mean "duty-of-care"?)'],
    [
      'escalation level',
      'escalation: national-crisis',
      'escalation: national-crises',
      'unknown escalation level "national-crises" (did you mean "national-crisis"?)',
    ],
  ])('[F7] names an unknown %s with a did-you-mean', (_kind, find, replace, message) => {
    const text = fixtureWith(find, replace);
    const problem = problemsOf(text).find((p) => p.message === message);
    expect(problem, JSON.stringify(problemsOf(text))).toBeDefined();
    expect(problem!.line).toBe(lineOf(text, replace));
    expect(problem!.hint).toMatch(/^the .*s are: /);
  });

  it('[F7] points a condition with an unknown kind at the condition', () => {
    const text = fixtureWith('{ indicator: availability, below: 20 }', '{ indicatr: availability, below: 20 }');
    const [problem] = problemsOf(text);
    expect(problem!.message).toBe(
      '"phases.attack.when[0].if" must start with one of: indicator, escalation, action, phase, all, any (did you mean "indicator"?)',
    );
    expect(problem!.line).toBe(lineOf(text, 'indicatr'));
  });

  it('[J1] requires exactly one trigger per inject', () => {
    const text = fixtureWith('        at: PT10M\n', '        at: PT10M\n        when: { indicator: media, above: 5 }\n');
    expect(problemsOf(text)[0]!.message).toBe('inject "traffic-alert" has 2 triggers (at, when) [J1]');
  });

  it('[I1] rejects an indicator whose initial value lies outside its bounds', () => {
    const text = fixtureWith('initial: 100, min: 0, max: 100', 'initial: 120, min: 0, max: 100');
    expect(problemsOf(text)[0]!.message).toBe('indicator "availability" starts at 120, outside its bounds 0–100 [I1]');
  });

  it('[O2] refuses a scenario in which every organisation is simulated', () => {
    const text = fixtureText()
      .replace(/sector: (government|finance) \}/g, 'sector: $1, simulated: true }')
      .replace('sector: finance, seats', 'sector: finance, simulated: true, seats');
    expect(problemsOf(text).some((p) => p.message.includes('[O2]'))).toBe(true);
  });

  it('[P6] refuses transitions out of an end phase', () => {
    const text = fixtureWith('    end: true', '    end: true\n    after: { PT1H: attack }');
    expect(problemsOf(text)[0]!.message).toBe('end phase "recovery" has transitions [P6]');
  });

  it('[B2] refuses an objective that nothing can judge', () => {
    const text = fixtureWith('objective: duty-of-care }', 'objective: early-warning }');
    expect(problemsOf(text)[0]!.message).toContain('objective "duty-of-care" can never be judged');
  });

  it('refuses an expectation on an organisation that may not take the action', () => {
    const text = fixtureWith('{ action: report-ncsc, by: bank-a,', '{ action: report-ncsc, by: ncsc,');
    expect(problemsOf(text)[0]!.message).toBe('"ncsc" is expected to take "report-ncsc", but that action is only for bank-a, bank-b');
  });

  it('refuses an unknown seat address', () => {
    const text = fixtureWith('to: [bank-a/soc]', 'to: [bank-a/sock]');
    expect(problemsOf(text)[0]!.message).toBe('unknown seat "bank-a/sock" (did you mean "bank-a/soc"?)');
  });

  it('refuses a wrong enum value with the list of allowed ones', () => {
    const text = fixtureWith('channel: alert', 'channel: pager');
    const [problem] = problemsOf(text);
    expect(problem!.message).toContain('is "pager"');
    expect(problem!.hint).toContain('email, phone');
  });

  it('says which file could not be read', async () => {
    const result = await loadScenarioFile('/nonexistent/scenario.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatProblem(result.problems[0]!)).toBe(
        '/nonexistent/scenario.yaml:1:1: no such file\n  hint: give the path of a .yaml scenario, e.g. scenarios/rogue-certificates.yaml',
      );
  });
});
