import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importMsel, type ImportOptions, type ImportResult } from '../../../server/msel/importMsel.ts';
import { formatMselProblem } from '../../../server/msel/mselProblem.ts';
import { parseStart } from '../../../server/msel/mselTime.ts';
import { readCsv } from '../../../server/msel/readCsv.ts';
import { simulateExercise } from '../../../server/simulate/simulateExercise.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/msel/${name}`, import.meta.url)));

function imported(input: Uint8Array | string, options: Partial<ImportOptions> = {}): Extract<ImportResult, { ok: true }> {
  const result = importMsel(input, { file: 'msel.csv', ...options });
  if (!result.ok) throw new Error(result.problems.map((p) => formatMselProblem(p)).join('\n'));
  return result;
}

function problemsOf(input: Uint8Array | string, options: Partial<ImportOptions> = {}) {
  const result = importMsel(input, { file: 'msel.csv', ...options });
  if (result.ok) throw new Error('expected the import to fail');
  return result.problems;
}

/** When each inject arrives if nobody acts: the MSEL's times, if the phases are laid out right. */
function arrivals(result: Extract<ImportResult, { ok: true }>): Record<string, number> {
  const report = simulateExercise(result.scenario, { seed: 1, policy: 'none' });
  return Object.fromEntries(report.deliveries.map((d) => [d.inject, d.atSeconds]));
}

const minutes = (n: number) => n * 60;

describe('importing an HSEEP-style MSEL (title rows, commas, quotes and line breaks in cells)', () => {
  const result = imported(fixture('hseep-english.csv'), { file: 'hseep-english.csv' });
  const s = result.scenario;
  const inject = (id: string) => s.injects.find((i) => i.id === id)!;

  it('reads every row as an inject, numbered by Event #', () => {
    expect(s.injects.map((i) => i.id)).toEqual(['inject-1', 'inject-2', 'inject-3', 'inject-4', 'inject-5']);
    expect(result.counts).toMatchObject({ injects: 5, phases: 2, organisations: 2, personas: 2 });
  });

  it('delivers every inject at its MSEL time, whatever the format (+00:05, 00:20, PT45M, 01:15, +01:40)', () => {
    expect(arrivals(result)).toEqual({
      'inject-1': minutes(5),
      'inject-2': minutes(20),
      'inject-3': minutes(45),
      'inject-4': minutes(75),
      'inject-5': minutes(100),
    });
  });

  it('makes moves phases, chained in order: the second begins at its earliest row', () => {
    expect(s.phases.map((p) => [p.id, p.title.en, p.after.map((a) => [a.seconds, a.goto])])).toEqual([
      ['move-1-detection', 'Move 1 — Detection', [[minutes(75), 'move-2-disruption']]],
      ['move-2-disruption', 'Move 2 — Disruption', []],
    ]);
    expect(inject('inject-4').trigger).toEqual({ kind: 'at', seconds: 0 });
    expect(inject('inject-5').trigger).toEqual({ kind: 'at', seconds: minutes(25) });
  });

  it('maps inject types to channels and TLP with or without the prefix', () => {
    expect(s.injects.map((i) => i.channel)).toEqual(['email', 'phone', 'alert', 'social', 'briefing']);
    expect(s.injects.map((i) => i.tlp)).toEqual(['TLP:AMBER', 'TLP:GREEN', 'TLP:AMBER+STRICT', 'TLP:CLEAR', 'TLP:GREEN']);
  });

  it('makes recipients organisations (; separated, All players = everyone) and other senders personas', () => {
    expect(s.organisations.map((o) => [o.id, o.name.en])).toEqual([
      ['port-authority', 'Port Authority'],
      ['ncsc', 'NCSC'],
    ]);
    expect(s.personas.map((p) => [p.id, p.name.en])).toEqual([
      ['harbour-soc', 'Harbour SOC'],
      ['journalist', 'Journalist'],
    ]);
    expect(s.injects.map((i) => i.from)).toEqual(['harbour-soc', 'port-authority', 'ncsc', 'journalist', 'ncsc']);
    expect(inject('inject-3').to).toEqual(['ncsc', 'port-authority']);
    expect([inject('inject-4').toAll, inject('inject-5').toAll]).toEqual([true, true]);
  });

  it('keeps quoted commas, doubled quotes and line breaks in the texts', () => {
    expect(inject('inject-3').title.en).toBe('Alert: known C2 address, seen at two ports');
    expect(inject('inject-3').body.en).toBe(
      'The address belongs to a known criminal infrastructure.\nIt was also seen at a port in Antwerp.',
    );
    expect(inject('inject-2').body.en).toBe('"We see something odd on the crane network, can you help?"');
  });

  it('turns expected actions into actions and expectations, judged by the objective (Core Capability)', () => {
    expect(inject('inject-1').expects).toEqual([
      { action: 'report-the-incident-to-ncsc', by: ['port-authority'], withinSeconds: 1800, objective: 'early-warning', auto: undefined },
    ]);
    // Sent to everyone: everyone is expected to act.
    expect(inject('inject-4').expects[0]).toMatchObject({
      action: 'publish-a-statement',
      by: ['port-authority', 'ncsc'],
      objective: 'public-communication',
    });
    expect(s.actions.map((a) => [a.id, a.label.en, a.by])).toEqual([
      ['report-the-incident-to-ncsc', 'Report the incident to NCSC', ['port-authority']],
      ['open-an-incident-and-advise-the-port-authority', 'Open an incident and advise the port authority', ['ncsc']],
      ['publish-a-statement', 'Publish a statement', ['port-authority', 'ncsc']],
    ]);
    expect(s.objectives.map((o) => [o.id, o.text.en])).toEqual([
      ['early-warning', 'Early warning'],
      ['public-communication', 'Public communication'],
    ]);
  });

  it('keeps notes and unknown columns as comments on the inject, and says where each came from', () => {
    expect(result.yaml).toContain(
      '      # row 4 (#1): +00:05 exercise time\n      # Notes: Start of play\n      # Controller: Anna\n      - id: inject-1\n',
    );
    expect(result.yaml).toContain('      # Notes: Press pressure rises;\n      #   keep an eye on it\n');
    expect(result.yaml).toContain('  # begins at +01:15 exercise time; 2 injects\n  move-2-disruption:\n');
  });

  it('lists the unknown column and the skipped title row as warnings', () => {
    expect(result.warnings.map((w) => formatMselProblem(w))).toEqual([
      'hseep-english.csv: row 1: above the header row, not read: "MSEL — Exercise Dark Harbour (version 3)"',
      expect.stringMatching(/^hseep-english\.csv: row 3, column M "Controller": unknown column: its cells are kept as comments/),
    ]);
  });
});

describe('importing a Dutch Excel MSEL (BOM, semicolons, CRLF, clock times, Dutch names)', () => {
  const bytes = fixture('dutch-semicolon.csv');
  const result = imported(bytes, { start: parseStart('09:00')!, language: 'nl' });
  const s = result.scenario;

  it('is the file this test means: UTF-8 with a BOM, CRLF and semicolons', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(';Real Time;');
    expect(bytes.toString('utf8').split('\r\n').length).toBeGreaterThan(4);
    expect([result.encoding, result.delimiter]).toEqual(['utf-8 with BOM', ';']);
  });

  it('counts clock times from --start, Dag 2 the next day', () => {
    expect(arrivals(result)).toEqual({
      'inject-1': minutes(10),
      'inject-2': minutes(45),
      'inject-3': minutes(90),
      'inject-4': minutes(23 * 60 + 30),
    });
  });

  it('reads Dutch channel names and TLP colours, Iedereen as everyone, and Dutch text exactly', () => {
    expect(s.languages).toEqual(['nl']);
    expect(s.injects.map((i) => i.channel)).toEqual(['email', 'phone', 'news', 'social']);
    expect(s.injects.map((i) => i.tlp)).toEqual(['TLP:AMBER', 'TLP:RED', 'TLP:CLEAR', 'TLP:GREEN']);
    expect(s.injects[1]!.to).toEqual(['waterschap-rijnmond', 'gemeente-zuiderhaven']);
    expect(s.injects[2]!.toAll).toBe(true);
    expect(s.injects[0]!.body.nl).toBe('Het procesbesturingssysteem van rwzi Zuiderhaven geeft vreemde waarden; de operator twijfelt.');
    expect(s.injects[1]!.body.nl).toBe('De operator meldt:\n"De pompen stoppen één voor één."');
    expect(s.injects[3]!.body.nl).toContain('Café ’t Hoekje');
  });

  it('names numbered phases after their column: "1" under Phase is "Phase 1"', () => {
    expect(s.phases.map((p) => [p.id, p.title.nl])).toEqual([
      ['phase-1', 'Phase 1'],
      ['phase-2', 'Phase 2'],
    ]);
  });

  it('shows the clock time beside the exercise time in the comment', () => {
    expect(result.yaml).toContain('# row 5 (#4): Dag 2 08:30 = +23:30 exercise time');
  });

  it('without --start, refuses a clock time on a given day and says to give the start', () => {
    expect(problemsOf(bytes, { file: 'dutch.csv' }).map((p) => formatMselProblem(p))).toEqual([
      // Row 3 holds a line break, so row 5 starts on line 6.
      'dutch.csv: row 5 (line 6), column B "Real Time": "Dag 2 08:30" is a clock time on a given day\n  hint: give the clock time the exercise starts, e.g. --start 09:00',
    ]);
  });
});

describe('importing texts in two languages', () => {
  const result = imported(fixture('bilingual.csv'));
  const s = result.scenario;

  it('takes the languages from the column names, in order', () => {
    expect(s.languages).toEqual(['en', 'nl']);
    expect(s.injects[0]!.title).toEqual({ en: 'Traffic spike', nl: 'Verkeerspiek' });
    expect(s.injects[0]!.body).toEqual({ en: '40 Gbit/s towards the login page.', nl: '40 Gbit/s naar de inlogpagina.' });
  });

  it('pairs the lines of expected actions and objectives across languages', () => {
    expect(s.injects[0]!.expects.map((e) => [e.action, e.objective])).toEqual([
      ['report-to-ncsc', 'banks-warn-ncsc-early'],
      ['switch-on-scrubbing', 'online-banking-stays-available'],
    ]);
    expect(s.actions.find((a) => a.id === 'switch-on-scrubbing')!.label).toEqual({ en: 'Switch on scrubbing', nl: 'Zet scrubbing aan' });
    expect(s.objectives.find((o) => o.id === 'online-banking-stays-available')!.text).toEqual({
      en: 'Online banking stays available',
      nl: 'Internetbankieren blijft beschikbaar',
    });
    // The same expected action on another row is the same action, now expected of both banks.
    expect(s.injects[1]!.expects).toEqual([expect.objectContaining({ action: 'report-to-ncsc', by: ['bank-a', 'bank-b'] })]);
    expect(s.actions.find((a) => a.id === 'report-to-ncsc')!.by).toEqual(['bank-a', 'bank-b']);
  });

  it('reads UTF-16 with tabs (Excel "Unicode text") to the same scenario', () => {
    const text = readFileSync(fileURLToPath(new URL('../../fixtures/msel/bilingual.csv', import.meta.url)), 'utf8');
    // The same cells, separated by tabs and quoted where a cell holds a quote, a tab or a line break.
    const tabbed = readCsv(text)
      .records.map((r) => r.cells.map((c) => (/["\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t'))
      .join('\r\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(tabbed, 'utf16le')]);
    const again = imported(utf16);
    expect([again.encoding, again.delimiter]).toEqual(['utf-16le', '\t']);
    expect(again.scenario.injects).toEqual(s.injects);
  });
});

describe("importing SimCell's own columns (Inject ID, Phase Time, Trigger, [ids])", () => {
  const result = imported(fixture('simcell-columns.csv'));
  const s = result.scenario;
  const inject = (id: string) => s.injects.find((i) => i.id === id)!;

  it('keeps inject ids and times in the phase', () => {
    expect(s.injects.map((i) => [i.id, i.phase])).toEqual([
      ['storm', undefined],
      ['quiet', undefined],
      ['first-alert', 'attack'],
      ['ack', 'attack'],
      ['board', 'response'],
    ]);
    expect(inject('first-alert').trigger).toEqual({ kind: 'at', seconds: minutes(10) });
    expect(s.phases.find((p) => p.id === 'attack')!.after).toEqual([{ seconds: minutes(60), goto: 'response' }]);
    expect(inject('board').trigger).toEqual({ kind: 'at', seconds: 0 });
  });

  it('reads follow-up and condition triggers', () => {
    expect(inject('ack').trigger).toEqual({ kind: 'on', action: 'notify-ncsc', by: 'bank-a', delaySeconds: 300 });
    expect(inject('storm').trigger).toEqual({ kind: 'when', condition: { indicator: 'media-pressure', atLeast: 60 } });
    expect(inject('quiet').trigger).toEqual({
      kind: 'when',
      condition: { all: [{ action: 'notify-ncsc', not: true }, { escalation: 'incident' }] },
    });
  });

  it('declares an indicator a condition names, starting where the condition does not hold', () => {
    expect(s.indicators).toEqual([{ id: 'media-pressure', label: { en: 'media-pressure' }, initial: 0, min: 0, max: 100, public: true }]);
  });

  it('takes ids in brackets for organisations, seats, personas, phases, actions and objectives', () => {
    expect(s.organisations.map((o) => [o.id, o.name.en, o.seats.map((seat) => [seat.id, seat.name.en])])).toEqual([
      ['bank-a', 'Bank A', [['soc', 'Security operations']]],
      ['ncsc', 'National Cyber Security Centre', []],
    ]);
    expect(s.personas.map((p) => [p.id, p.name.en])).toEqual([
      ['reporter', 'Reporter'],
      ['bank-a-soc', 'SOC desk'],
    ]);
    expect(inject('first-alert').to).toEqual(['bank-a/soc']);
    expect(inject('first-alert').expects).toEqual([
      { action: 'notify-ncsc', by: ['bank-a'], withinSeconds: 2700, objective: 'early-warning', auto: 'control' },
    ]);
    expect(inject('board').to).toEqual(['ncsc', 'bank-a']);
    expect(inject('board').expects[0]).toMatchObject({ action: 'decide-filtering', withinSeconds: 3600, objective: 'decide-filtering' });
  });

  it('judges an expected action without an objective as an objective of its own', () => {
    expect(s.objectives.map((o) => [o.id, o.text.en])).toEqual([
      ['early-warning', 'Banks warn early'],
      ['decide-filtering', 'Decide on filtering'],
    ]);
  });
});

describe('bad rows', () => {
  it('reports every bad row by row, line and column, with the fix, and writes nothing', () => {
    const result = importMsel(fixture('bad-rows.csv'), { file: 'bad-rows.csv' });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => [p.row, p.line, p.column, p.message])).toEqual([
      [3, 4, 'B "Time"', '"half ten" is not a time'],
      [4, 5, 'D "Type"', '"Carrier pigeon" is not an inject type SimCell knows'],
      [5, 6, 'F "To"', 'no recipient'],
      [6, 7, 'I "TLP"', '"orange" is not a TLP 2.0 label'],
      [7, 8, 'J "Expected Action"', 'within "soon" is not a time'],
      [8, 9, 'B "Time"', 'no time'],
      [9, 10, 'H "Message"', 'no subject and no message'],
      [10, 11, 'F "To"', '"[Bank A]" is not an id'],
    ]);
    expect(problems.every((p) => p.hint)).toBe(true);
    expect(result.warnings.map((w) => w.column)).toEqual(['L "Owner"']);
  });

  it('reports what spans rows: a sequence number twice, an inject after its phase ended, phases out of order', () => {
    expect(problemsOf(fixture('bad-order.csv')).map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'A "Seq"', 'sequence number 1 is also on row 2'],
      [4, 'B "Time"', 'at +02:10 this inject would come after phase "Recovery" began (+02:00), so it would never arrive'],
      [6, 'B "Time"', 'phase "Aftermath" would begin at +00:30, its earliest row, but phase "Recovery" before it begins at +02:00'],
    ]);
  });

  it.each([
    ['a sheet without a header row', 'hello,world\n1,2\n', 'no header row'],
    ['a header without rows', 'Time,To,Message\n', 'no injects'],
    ['no time column', 'To,Message\nBank A,Hi\n', 'no time column'],
    ['no recipients column', 'Time,Message\n+00:10,Hi\n', 'no recipients column'],
    ['no message column', 'Time,To\n+00:10,Bank A\n', 'no message column'],
    [
      'two columns for one language',
      'Time,To,Message,Message (en)\n+00:10,Bank A,Hi,Hoi\n',
      '"Message (en)" and a column without a language are both in en',
    ],
  ])('refuses %s', (_, csv, message) => {
    expect(problemsOf(csv)).toEqual([expect.objectContaining({ message: expect.stringContaining(message) })]);
  });

  it.each([
    ['a value beyond the last header', 'Time,To,Message\n+00:10,Bank A,Hi,extra\n', undefined, 'a value in column D, which has no header'],
    [
      'a time and a phase time',
      'Time,Phase Time,Phase,To,Message\n+00:10,+00:05,P,Bank A,Hi\n',
      'B "Phase Time"',
      'both Time and Phase Time are given',
    ],
    [
      'a phase time without a phase',
      'Phase Time,Phase,To,Message\n+00:05,,Bank A,Hi\n',
      'A "Phase Time"',
      'a time in the phase, but no phase',
    ],
    ['a bad trigger', 'Trigger,To,Message\nat noon,Bank A,Hi\n', 'A "Trigger"', '"at noon" is not a trigger'],
    ['a bad inject id', 'Inject ID,Time,To,Message\nFirst One,+00:10,Bank A,Hi\n', 'A "Inject ID"', '"First One" is not an id'],
    ['an empty inject type', 'Time,Type,To,Message\n+00:10,,Bank A,Hi\n', 'B "Type"', 'no inject type'],
    [
      'more objectives than expected actions',
      'Time,To,Message,Expected Action,Objective\n+00:10,Bank A,Hi,Call,"A\nB\nC"\n',
      'E "Objective"',
      '3 objectives for 1 expected actions',
    ],
    [
      'translations with fewer lines',
      'Time,To,Message,Expected Action,Expected Action (nl)\n+00:10,Bank A,Hi,"Call\nWrite",Bel\n',
      'E "Expected Action (nl)"',
      '1 lines for 2',
    ],
    ['a sender that is a seat', 'Time,From,To,Message\n+00:10,SOC [bank-a/soc],Bank A,Hi\n', 'B "From"', '"[bank-a/soc]" is not an id'],
    [
      'a trigger naming a phase no row is in',
      'Trigger,Phase,To,Message\n"when { phase: later }",Now,Bank A,Hi\n',
      'A "Trigger"',
      'the trigger names phase "later"',
    ],
    [
      'a trigger naming an escalation level not on the default ladder',
      'Trigger,To,Message\n"when { escalation: panic }",Bank A,Hi\n',
      'A "Trigger"',
      'escalation level "panic"',
    ],
    [
      'an inject id used twice',
      'Inject ID,Time,To,Message\na,+00:10,Bank A,Hi\na,+00:20,Bank A,Hi\n',
      'A "Inject ID"',
      'inject id "a" is also on row 2',
      3,
    ],
  ] as [string, string, string | undefined, string, number?][])('refuses a row with %s', (_, csv, column, message, row = 2) => {
    const [problem, ...more] = problemsOf(csv);
    expect(more).toEqual([]);
    expect([problem!.row, problem!.column, problem!.hint]).toEqual([row, column, expect.any(String)]);
    expect(problem!.message).toContain(message);
  });
});

describe('defaults and warnings', () => {
  it('lets an MSEL without phases, channels or senders play on the timeline, from the simulation cell, by email', () => {
    const result = imported('Time,To,Message\n+00:10,Bank A,Hello\n+00:30,All,Bye\n');
    expect(result.scenario.phases.map((p) => p.id)).toEqual(['exercise']);
    expect(result.scenario.injects.map((i) => [i.phase, i.from, i.channel, i.title.en])).toEqual([
      [undefined, 'simulation-cell', 'email', 'Hello'],
      [undefined, 'simulation-cell', 'email', 'Bye'],
    ]);
    expect(arrivals(result)).toEqual({ 'inject-1': minutes(10), 'inject-2': minutes(30) });
    expect(result.warnings.map((w) => w.message)).toEqual([
      'no inject type column: every inject comes by email',
      'rows 2, 3: no sender: these injects come from "Simulation cell" (persona simulation-cell)',
    ]);
  });

  it('keeps an objective without an expected action as a comment, and says it is not scored', () => {
    const result = imported('Time,To,Message,Objective\n+00:10,Bank A,Hello,Early warning\n');
    expect(result.scenario.objectives).toEqual([]);
    expect(result.yaml).toContain('# Objective (no expected action, so not scored): Early warning');
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining('row 2: an objective without an expected action is kept as a comment'),
    );
  });

  it('suggests --start when the first time looks like a clock time', () => {
    const result = imported('Time,To,Message\n08:30,Bank A,Hello\n');
    expect(result.warnings.map((w) => w.hint)).toContainEqual('import again with --start 08:30 (or the time the exercise starts)');
  });

  it('reads Windows-1252 (Excel\'s plain "CSV") with Dutch headers, and warns', () => {
    const result = imported(fixture('windows-1252.csv'));
    expect(result.encoding).toBe('windows-1252');
    expect(result.scenario.injects[0]).toMatchObject({ channel: 'email', from: 'gemeente', to: ['waterschap'], title: { en: 'Overleg' } });
    expect(result.scenario.injects[0]!.body.en).toBe('Café ’t Hoekje meldt storing: één pomp, ç, €10.');
    expect(result.warnings[0]!.message).toContain('not UTF-8');
  });

  it('fills a missing translation from the first language and says so', () => {
    const result = imported('Time,To,Subject (en),Subject (nl)\n+00:10,Bank A,Hello,\n');
    expect(result.scenario.injects[0]!.title).toEqual({ en: 'Hello', nl: 'Hello' });
    expect(result.warnings.map((w) => w.message)).toContainEqual('row 2: no Dutch subject or message: the English text is used');
  });

  it('uses --id and --title, and refuses an id that is not one', () => {
    expect(imported('Time,To,Message\n+00:10,Bank A,Hi\n', { id: 'drill-1', title: 'Drill one' }).scenario).toMatchObject({
      id: 'drill-1',
      title: { en: 'Drill one' },
    });
    expect(problemsOf('Time,To,Message\n+00:10,Bank A,Hi\n', { id: 'Drill 1' })[0]!.message).toBe('"Drill 1" is not a scenario id');
  });
});
