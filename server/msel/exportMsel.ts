import type { Expectation, Inject, Scenario } from '../../shared/scenario/scenario.ts';
import { formatExpectedAction, formatObjective, oneLine } from './mselExpectations.ts';
import { formatNamed } from './mselNames.ts';
import { formatOffset } from './mselTime.ts';
import { formatTrigger } from './mselTrigger.ts';
import { writeCsv, type CsvOptions } from './writeCsv.ts';

/**
 * A scenario as an MSEL: one row per inject, in the scenario's order (timeline, then each phase). The
 * columns an exercise team knows, plus SimCell's own (Inject ID, Phase Time, Trigger) and `[id]` after
 * names where the name alone would give another id, so that `msel import` gives every inject back.
 * Texts come in one column per language when the scenario has several.
 */
export const EXPORT_NOT_KEPT = [
  'indicators and the escalation ladder',
  'phase transitions, entry effects and end phases',
  "actions' effects, phases, conditions and options",
  "injects' effects (written in Notes)",
  "objectives' requires conditions, and objectives no expectation names",
  'organisation kinds, sectors, descriptions and which are simulated',
  'names in languages other than the first, persona roles, the title, summary and duration',
] as const;

export function mselTable(scenario: Scenario): string[][] {
  const languages = scenario.languages;
  const primary = languages[0]!;
  const suffix = languages.length > 1 || primary !== 'en';
  const perLanguage = (header: string) => (suffix ? languages.map((l) => `${header} (${l})`) : [header]);
  const header = [
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
    ...perLanguage('Subject'),
    ...perLanguage('Message'),
    ...perLanguage('Expected Action'),
    ...perLanguage('Objective'),
    'Notes',
  ];

  const organisations = new Map(scenario.organisations.map((o) => [o.id, o]));
  const nameOf = (id: string) => {
    const named = organisations.get(id) ?? scenario.personas.find((p) => p.id === id);
    return named ? named.name[primary]! : id;
  };
  const recipient = (address: string) => {
    const [orgId, seatId] = address.split('/') as [string, string | undefined];
    const organisation = organisations.get(orgId);
    const seat = organisation?.seats.find((s) => s.id === seatId);
    const name = seatId ? `${nameOf(orgId)} / ${seat?.name[primary] ?? seatId}` : nameOf(orgId);
    return formatNamed(name, address, true);
  };
  const phaseTitle = (id: string) => scenario.phases.find((p) => p.id === id)?.title[primary] ?? id;
  const actionLabel = (id: string, language: string) => scenario.actions.find((a) => a.id === id)?.label[language] ?? id;
  const objectiveText = (id: string, language: string) => scenario.objectives.find((o) => o.id === id)?.text[language] ?? id;

  const rows = scenario.injects.map((inject, index) => {
    const defaultBy = [...new Set(inject.to.map((address) => address.split('/')[0]!))];
    const byDiffers = (e: Expectation) => inject.toAll || e.by.length !== defaultBy.length || e.by.some((o, i) => o !== defaultBy[i]);
    const sharedObjective = inject.expects.length > 0 && inject.expects.every((e) => e.objective === inject.expects[0]!.objective);
    const objectiveIds = sharedObjective ? [inject.expects[0]!.objective] : inject.expects.map((e) => e.objective);
    const trigger = inject.trigger;
    return [
      String(index + 1),
      inject.id,
      inject.phase ? formatNamed(phaseTitle(inject.phase), inject.phase) : '',
      trigger.kind === 'at' && !inject.phase ? formatOffset(trigger.seconds) : '',
      trigger.kind === 'at' && inject.phase ? formatOffset(trigger.seconds) : '',
      trigger.kind === 'at' ? '' : formatTrigger(trigger),
      inject.channel,
      formatNamed(nameOf(inject.from), inject.from),
      inject.toAll ? 'All' : inject.to.map(recipient).join('; '),
      inject.tlp,
      ...languages.map((l) => (inject.title[l] ?? '').trim()),
      ...languages.map((l) => (inject.body[l] ?? '').trim()),
      ...languages.map((l) =>
        inject.expects
          .map((e) =>
            l === primary
              ? formatExpectedAction(actionLabel(e.action, l), {
                  id: e.action,
                  ...(byDiffers(e) ? { by: e.by } : {}),
                  withinSeconds: e.withinSeconds,
                  ...(e.auto !== undefined ? { auto: e.auto } : {}),
                })
              : oneLine(actionLabel(e.action, l)),
          )
          .join('\n'),
      ),
      ...languages.map((l) =>
        objectiveIds.map((id) => (l === primary ? formatObjective(objectiveText(id, l), id) : oneLine(objectiveText(id, l)))).join('\n'),
      ),
      effectsNote(inject),
    ];
  });
  return [header, ...rows];
}

export function exportMsel(scenario: Scenario, options: CsvOptions = {}): string {
  return writeCsv(mselTable(scenario), options);
}

/** What the inject's arrival does [J11], which the MSEL has no column for. */
function effectsNote(inject: Inject): string {
  if (!inject.effects) return '';
  const deltas = Object.entries(inject.effects.indicators).map(([id, delta]) => `${id} ${delta >= 0 ? '+' : ''}${delta}`);
  const parts = [
    ...(deltas.length ? [deltas.join(', ')] : []),
    ...(inject.effects.escalation ? [`escalation to ${inject.effects.escalation}`] : []),
  ];
  return parts.length ? `On arrival (SimCell effects, not imported): ${parts.join('; ')}.` : '';
}
