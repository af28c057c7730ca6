import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Inject, Scenario } from '../../../shared/scenario/scenario.ts';
import { exportMsel, mselTable } from '../../../server/msel/exportMsel.ts';
import { importMsel } from '../../../server/msel/importMsel.ts';
import { formatMselProblem } from '../../../server/msel/mselProblem.ts';
import { readCsv } from '../../../server/msel/readCsv.ts';
import { loadScenarioFile } from '../../../server/scenario/loadScenario.ts';
import { FIXTURE, fixtureWith, scenarioFrom } from '../../support/scenarioText.ts';

const folder = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const files = [
  ...readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => folder + f),
  FIXTURE,
];

async function load(file: string): Promise<Scenario> {
  const result = await loadScenarioFile(file);
  if (!result.ok) throw new Error(`${file} does not validate`);
  return result.scenario;
}

function reimport(csv: string, file: string): Scenario {
  const result = importMsel(new TextEncoder().encode(csv), { file });
  if (!result.ok) throw new Error(result.problems.map((p) => formatMselProblem(p)).join('\n'));
  return result.scenario;
}

/** What the issue says a round trip keeps, per inject; texts without the trailing newline of a YAML block. */
function kept(inject: Inject, s: Scenario) {
  const trim = (text: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(text).map(([l, t]) => [l, t.trim()]));
  return {
    phase: inject.phase,
    time: inject.trigger,
    channel: inject.channel,
    sender: inject.from,
    recipients: inject.toAll ? 'all' : inject.to,
    subject: trim(inject.title),
    message: trim(inject.body),
    tlp: inject.tlp,
    expected: inject.expects.map((e) => ({
      action: e.action,
      label: s.actions.find((a) => a.id === e.action)!.label,
      by: e.by,
      within: e.withinSeconds,
      auto: e.auto,
      objective: e.objective,
      objectiveText: s.objectives.find((o) => o.id === e.objective)!.text,
    })),
  };
}

describe.each(files.map((f) => [f.split('/').pop()!, f]))('MSEL export then import of %s', (_, file) => {
  it('keeps every inject: time or trigger, phase, channel, sender, recipients, subject, message, TLP, expected actions and objectives', async () => {
    const original = await load(file);
    const back = reimport(exportMsel(original), 'round-trip.csv');
    expect(back.injects.map((i) => i.id)).toEqual(expect.arrayContaining(original.injects.map((i) => i.id)));
    expect(back.injects).toHaveLength(original.injects.length);
    for (const inject of original.injects) {
      const again = back.injects.find((i) => i.id === inject.id)!;
      expect({ id: inject.id, ...kept(again, back) }).toEqual({ id: inject.id, ...kept(inject, original) });
    }
  });

  it('keeps the names of organisations, seats, personas and phases in the first language', async () => {
    const original = await load(file);
    const back = reimport(exportMsel(original), 'round-trip.csv');
    const first = original.languages[0]!;
    // An organisation that only ever gets "All" is named nowhere in the MSEL (docs/msel.md).
    const used = new Set(original.injects.flatMap((i) => (i.toAll ? [] : i.to.map((t) => t.split('/')[0]!))));
    expect(used.size).toBeGreaterThan(0);
    for (const organisation of original.organisations.filter((o) => used.has(o.id))) {
      const again = back.organisations.find((o) => o.id === organisation.id)!;
      expect(again.name[first]).toBe(organisation.name[first]);
      for (const seat of again.seats) expect(seat.name[first]).toBe(organisation.seats.find((s) => s.id === seat.id)!.name[first]);
    }
    for (const persona of back.personas) expect(persona.name[first]).toBe(original.personas.find((p) => p.id === persona.id)!.name[first]);
    for (const phase of back.phases) expect(phase.title[first]).toBe(original.phases.find((p) => p.id === phase.id)!.title[first]);
  });

  it('exports the same MSEL again from the imported scenario (only the effects in Notes are gone)', async () => {
    const first = mselTable(await load(file));
    const second = mselTable(reimport(exportMsel(await load(file)), 'round-trip.csv'));
    const withoutNotes = (table: string[][]) => table.map((row) => row.slice(0, -1));
    expect(withoutNotes(second)).toEqual(withoutNotes(first));
    expect(first[0]!.at(-1)).toBe('Notes');
  });

  it('round-trips through a semicolon-separated file as well', async () => {
    const original = await load(file);
    const csv = exportMsel(original, { delimiter: ';' });
    expect(readCsv(csv.replace(/^\uFEFF/, '')).delimiter).toBe(';');
    const back = reimport(csv, 'round-trip.csv');
    expect(back.injects.map((i) => kept(i, back))).toEqual(original.injects.map((i) => kept(i, original)));
  });
});

describe('the exported MSEL', () => {
  it('has the columns an exercise team knows, one per language for texts, and one row per inject', async () => {
    const table = mselTable(await load(FIXTURE));
    expect(table[0]).toEqual([
      '#',
      'Inject ID',
      'Phase',
      'Time',
      'Phase Time',
      'Trigger',
      'Channel',
      'From',
      'To',
      'TLP',
      'Subject (en)',
      'Subject (nl)',
      'Message (en)',
      'Message (nl)',
      'Expected Action (en)',
      'Expected Action (nl)',
      'Objective (en)',
      'Objective (nl)',
      'Notes',
    ]);
    expect(table).toHaveLength(9);
    const row = (id: string) => Object.fromEntries(table[0]!.map((h, i) => [h, table.find((r) => r[1] === id)![i]]));
    expect(row('headline')).toMatchObject({ Time: '+00:30', Phase: '', From: 'A reporter [reporter]', To: 'All', TLP: 'TLP:CLEAR' });
    expect(row('traffic-alert')).toMatchObject({
      Phase: 'Attack',
      'Phase Time': '+00:10',
      To: 'Bank A / SOC',
      TLP: 'TLP:AMBER',
      'Expected Action (en)': 'Report to NCSC [report-ncsc; within 00:30]',
      'Expected Action (nl)': 'Meld bij NCSC',
      'Objective (en)': 'Banks warn NCSC early [early-warning]',
    });
    expect(row('ncsc-ack')).toMatchObject({ Time: '', 'Phase Time': '', Trigger: 'on report-ncsc +00:05', From: 'NCSC' });
    expect(row('media-storm')).toMatchObject({ Trigger: 'when { indicator: media, atLeast: 50 }' });
  });

  it("writes an inject's effects in Notes, which the import leaves as a comment", () => {
    const scenario = scenarioFrom(
      fixtureWith(
        '    title: { en: Banks slow, nl: Banken traag }',
        '    effects: { indicators: { media: 15, availability: -5 }, escalation: incident }\n    title: { en: Banks slow, nl: Banken traag }',
      ),
    );
    const table = mselTable(scenario);
    const note = 'On arrival (SimCell effects, not imported): media +15, availability -5; escalation to incident.';
    expect(table.find((r) => r[1] === 'headline')!.at(-1)).toBe(note);
    const result = importMsel(exportMsel(scenario), { file: 'effects.csv' });
    expect(result.ok && result.yaml).toContain(`# Notes: ${note}`);
    expect(result.ok && result.scenario.injects.find((i) => i.id === 'headline')!.effects).toBeUndefined();
  });
});
