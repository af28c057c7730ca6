import { DEFAULT_ESCALATION_LEVELS } from '../../shared/scenario/defaultEscalation.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';
import { ActionCatalogue, type Texts } from './actionCatalogue.ts';
import { layoutPhases, type RowTiming } from './layoutPhases.ts';
import { languageName, slugify, uniqueId, type Named } from './mselNames.ts';
import { RowWarnings, type MselProblem } from './mselProblem.ts';
import { formatOffset } from './mselTime.ts';
import { conditionRefs, formatTrigger, indicatorFor, type ConditionRefs } from './mselTrigger.ts';
import type { MselRow } from './readMselRows.ts';

/**
 * Lays MSEL rows out as a scenario (docs/msel.md): recipients become organisations, senders personas,
 * phases phases (layoutPhases), expected actions actions with expectations (ActionCatalogue). Returns
 * the scenario as the data of a YAML file, with comments that tell a trainer where each part came from.
 */
export interface BuildOptions {
  readonly file: string;
  readonly id: string;
  readonly title: string;
  readonly languages: readonly string[];
  /** The column a field was read from, for messages: `B "Time"`. */
  readonly columnOf: (field: 'time' | 'sequence' | 'id' | 'trigger') => string | undefined;
}

export interface ScenarioDraft {
  readonly data: Record<string, unknown>;
  /** Comments to place before the node at each path. */
  readonly comments: { readonly path: readonly (string | number)[]; readonly text: string }[];
  readonly counts: Readonly<Record<'injects' | 'phases' | 'organisations' | 'personas' | 'actions' | 'objectives' | 'indicators', number>>;
}

const SIMULATION_CELL: Named = { id: 'simulation-cell', name: 'Simulation cell' };

export function buildScenario(
  rows: readonly MselRow[],
  options: BuildOptions,
): { draft?: ScenarioDraft; problems: MselProblem[]; warnings: MselProblem[] } {
  const { file, languages } = options;
  const primary = languages[0]!;
  const problems: MselProblem[] = [];
  const warnings = new RowWarnings();
  const bad = (row: MselRow, field: Parameters<BuildOptions['columnOf']>[0] | undefined, message: string, hint: string) => {
    const column = field && options.columnOf(field);
    problems.push({ file, row: row.row, line: row.line, ...(column ? { column } : {}), message, hint });
  };
  // A text in every language [F4]; a scenario in one language writes plain strings.
  const text = (t: Texts): unknown => {
    const first = t[primary] ?? Object.values(t).find((v) => v !== undefined) ?? '';
    return languages.length === 1 ? first : Object.fromEntries(languages.map((l) => [l, t[l] ?? first]));
  };
  const same = (name: string): Texts => Object.fromEntries(languages.map((l) => [l, name]));

  // Organisations: the recipients, in the order they appear, then any only named by id (by, triggers).
  const organisations = new Map<string, { name: string; seats: Map<string, string>; implicit: boolean }>();
  const addOrganisation = (id: string, name = id, implicit = false) => {
    if (!organisations.has(id)) organisations.set(id, { name, seats: new Map(), implicit });
    return organisations.get(id)!;
  };
  for (const row of rows)
    for (const recipient of row.to === 'all' ? [] : row.to) {
      const [orgId, seatId] = recipient.id.split('/') as [string, string | undefined];
      const [orgName, seatName] = seatId ? splitSeatName(recipient.name, orgId, seatId) : [recipient.name, undefined];
      const organisation = addOrganisation(orgId, orgName);
      if (seatId && !organisation.seats.has(seatId)) organisation.seats.set(seatId, seatName ?? seatId);
    }
  for (const row of rows) {
    for (const e of row.expects) e.by?.forEach((id) => addOrganisation(id, id, true));
    if (row.trigger?.kind === 'on' && row.trigger.by) addOrganisation(row.trigger.by, row.trigger.by, true);
    if (row.trigger?.kind === 'when') conditionRefs(row.trigger.condition).organisations.forEach((id) => addOrganisation(id, id, true));
  }
  const recipientOrganisations = (row: MselRow) =>
    row.to === 'all' ? [...organisations.keys()] : [...new Set(row.to.map((r) => r.id.split('/')[0]!))];

  // Senders: an organisation of the exercise speaks for itself; anyone else is a persona [O4].
  const personas = new Map<string, string>();
  const senderOf = (row: MselRow): string => {
    const from = row.from ?? SIMULATION_CELL;
    if (!row.from)
      warnings.add(
        `no sender: these injects come from "${SIMULATION_CELL.name}" (persona ${SIMULATION_CELL.id})`,
        row.row,
        'fill in From to name who sends them',
      );
    const organisation = organisations.get(from.id);
    // An organisation only named by id takes the name it sends under.
    if (organisation?.implicit && from.name !== from.id) Object.assign(organisation, { name: from.name, implicit: false });
    if (!organisation && !personas.has(from.id)) personas.set(from.id, from.name);
    return from.id;
  };

  // Inject ids: Inject ID, else the sequence number, else the row's place among the injects.
  const injectIds = new Set<string>();
  for (const [field, key] of [
    ['id', (row: MselRow) => row.id],
    ['sequence', (row: MselRow) => row.sequence],
  ] as const) {
    const seen = new Map<string, number>();
    for (const row of rows) {
      const value = key(row);
      if (value === undefined) continue;
      const first = seen.get(value);
      if (first !== undefined)
        bad(
          row,
          field,
          field === 'id' ? `inject id "${value}" is also on row ${first}` : `sequence number ${value} is also on row ${first}`,
          field === 'id' ? 'give each inject its own id' : 'number each inject once',
        );
      else seen.set(value, row.row);
      if (field === 'id') injectIds.add(value);
    }
  }
  const injectIdOf = (row: MselRow) => {
    if (row.id) return row.id;
    const sequence = row.sequence && slugify(row.sequence);
    const id = uniqueId(sequence ? `inject-${sequence}` : `inject-${rows.indexOf(row) + 1}`, injectIds);
    injectIds.add(id);
    return id;
  };

  const layout = layoutPhases(rows);
  for (const p of layout.problems) bad(p.row, p.onTime ? 'time' : undefined, p.message, p.hint);

  // Triggers name what the MSEL cannot declare: actions are declared, indicators made up, phases and levels checked.
  const catalogue = new ActionCatalogue(languages, warnings);
  const indicatorAtoms = new Map<string, ConditionRefs['indicators']>();
  const phaseIds = layout.phases.map((p) => p.id);
  const levels = DEFAULT_ESCALATION_LEVELS.map((l) => l.id as string);
  const checkTrigger = (row: MselRow) => {
    if (row.trigger?.kind === 'on') catalogue.declareForTrigger(row.trigger.action, row);
    if (row.trigger?.kind !== 'when') return;
    const refs = conditionRefs(row.trigger.condition);
    refs.actions.forEach((a) => catalogue.declareForTrigger(a, row));
    for (const phase of refs.phases.filter((p) => !phaseIds.includes(p)))
      bad(row, 'trigger', `the trigger names phase "${phase}", which no row is in`, `the phases are ${phaseIds.join(', ') || 'none'}`);
    for (const level of refs.levels.filter((l) => !levels.includes(l)))
      bad(
        row,
        'trigger',
        `the trigger names escalation level "${level}"`,
        `an imported scenario has the default levels: ${levels.join(', ')}`,
      );
    for (const atom of refs.indicators) indicatorAtoms.set(atom.indicator, [...(indicatorAtoms.get(atom.indicator) ?? []), atom]);
  };

  const comments: ScenarioDraft['comments'] = [];
  const injectOf = ({ row, at }: RowTiming, path: (string | number)[]) => {
    checkTrigger(row);
    const subject = { ...row.subject };
    const message = { ...row.message };
    for (const l of languages) {
      if (!subject[l] && message[l]) subject[l] = titleFrom(message[l]);
      if (!message[l] && subject[l]) message[l] = subject[l];
      if (!subject[l] && l !== primary)
        warnings.add(`no ${languageName(l)} subject or message: the ${languageName(primary)} text is used`, row.row);
    }
    const expects = catalogue.expectationsOf(row, recipientOrganisations(row));
    if (row.expects.length === 0 && row.objectives.length)
      warnings.add(
        'an objective without an expected action is kept as a comment: SimCell scores an objective by the actions it expects',
        row.row,
        'add the action the players should take in Expected Action',
      );
    comments.push({ path, text: provenance(row).join('\n') });
    return {
      id: injectIdOf(row),
      ...triggerOf(row, at),
      channel: row.channel,
      from: senderOf(row),
      to: row.to === 'all' ? 'all' : [...new Set(row.to.map((r) => r.id))],
      tlp: row.tlp,
      title: text(subject),
      body: text(message),
      ...(expects.length ? { expects } : {}),
    };
  };

  const timeline = layout.timeline.map((timing, i) => injectOf(timing, ['timeline', i]));
  const phases: Record<string, Record<string, unknown>> = {};
  layout.phases.forEach((phase, k) => {
    const next = layout.phases[k + 1];
    phases[phase.id] = {
      title: text(same(phase.title)),
      ...(next && phase.after !== undefined ? { after: { [formatDuration(phase.after)]: next.id } } : {}),
      injects: phase.rows.map((timing, i) => injectOf(timing, ['phases', phase.id, 'injects', i])),
    };
    const count = `${phase.rows.length} inject${phase.rows.length === 1 ? '' : 's'}`;
    comments.push({
      path: ['phases', phase.id],
      text: `${k === 0 ? 'the exercise starts here' : `begins at ${formatOffset(phase.start)} exercise time`}; ${count}`,
    });
  });
  if (layout.phases.length === 0) {
    phases.exercise = { title: text(same('Exercise')) };
    comments.push({
      path: ['phases', 'exercise'],
      text: 'the MSEL has no phases: one phase for the whole exercise, the injects are on the timeline',
    });
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (problems.length) return { problems, warnings: warnings.toProblems(file) };

  const indicators = [...indicatorAtoms].map(([id, atoms]) => indicatorFor(id, atoms, text(same(id))));
  const actions = catalogue.actionsData(text);
  const objectives = catalogue.objectivesData(text);
  const data: Record<string, unknown> = {
    id: options.id,
    title: text(same(options.title)),
    summary: text(same(`Imported from the MSEL ${options.file.split(/[\\/]/).pop()}: ${rows.length} injects.`)),
    languages: [...languages],
    duration: formatDuration(layout.endSeconds),
    organisations: [...organisations].map(([id, o]) => ({
      id,
      name: text(same(o.name)),
      kind: 'public',
      sector: 'unknown',
      ...(o.seats.size ? { seats: [...o.seats].map(([seat, name]) => ({ id: seat, name: text(same(name)) })) } : {}),
    })),
    ...(personas.size ? { personas: [...personas].map(([id, name]) => ({ id, name: text(same(name)) })) } : {}),
    ...(indicators.length ? { indicators } : {}),
    ...(timeline.length ? { timeline } : {}),
    phases,
    ...(actions.length ? { actions } : {}),
    ...(objectives.length ? { objectives } : {}),
  };
  comments.push(...sectionComments(data));
  return {
    draft: {
      data,
      comments,
      counts: {
        injects: rows.length,
        phases: Math.max(1, layout.phases.length),
        organisations: organisations.size,
        personas: personas.size,
        actions: actions.length,
        objectives: objectives.length,
        indicators: indicators.length,
      },
    },
    problems,
    warnings: warnings.toProblems(file),
  };
}

/** The comment above an inject: its row, its time as the MSEL wrote it, notes and the cells SimCell does not use. */
function provenance(row: MselRow): string[] {
  const when =
    row.time !== undefined
      ? `${row.timeText && row.timeText.replace(/^\+/, '') !== formatOffset(row.time).slice(1) ? `${row.timeText} = ` : ''}${formatOffset(row.time)} exercise time`
      : row.phaseTime !== undefined
        ? `${formatOffset(row.phaseTime)} into the phase`
        : formatTrigger(row.trigger!);
  return [
    `row ${row.row}${row.sequence ? ` (#${row.sequence})` : ''}: ${when}`,
    ...(row.notes ? prefixLines('Notes', row.notes) : []),
    ...(row.expects.length === 0
      ? row.objectives.flatMap((o) => prefixLines('Objective (no expected action, so not scored)', o.text))
      : []),
    ...row.extra.flatMap((e) => prefixLines(e.header, e.value)),
  ];
}

/** What a trainer should know about each part the import made up. */
function sectionComments(data: Record<string, unknown>): ScenarioDraft['comments'] {
  const notes: Record<string, string> = {
    organisations:
      'From the recipients. The MSEL does not say what kind of organisation each is, its sector, or whether\npeople play it: set kind (public | private | military | international) and sector, and simulated: true\nfor the organisations SimCell should play.',
    personas: 'From the senders that are not organisations of the exercise.',
    indicators:
      'Named by when: triggers. The MSEL does not define them: each starts where its conditions do not\nhold yet, and only Control changes them until actions or injects are given effects.',
    actions:
      'From Expected Action: open to the organisations expected to take them. An action only a trigger\nnames is open to all: narrow its by: if that is too wide.',
    objectives: 'From Objective; an expected action without one is judged as an objective of its own.',
  };
  return Object.entries(notes)
    .filter(([key]) => key in data)
    .map(([key, note]) => ({ path: [key], text: note }));
}

/** The inject's trigger as a scenario writes it [J1]: `at`, `on` or `when`. */
function triggerOf(row: MselRow, at: number | undefined): Record<string, unknown> {
  if (at !== undefined || !row.trigger) return { at: formatDuration(at ?? 0) };
  if (row.trigger.kind === 'when') return { when: row.trigger.condition };
  const { action, by, delaySeconds } = row.trigger;
  if (!by && !delaySeconds) return { on: action };
  return { on: { action, ...(by ? { by } : {}), ...(delaySeconds ? { delay: formatDuration(delaySeconds) } : {}) } };
}

/** `Noordbank / SOC` with ids noordbank/soc → the organisation's and the seat's names. */
function splitSeatName(name: string, orgId: string, seatId: string): [string, string] {
  const slash = name.lastIndexOf('/');
  if (slash < 0) return name === `${orgId}/${seatId}` ? [orgId, seatId] : [name, seatId];
  return [name.slice(0, slash).trim() || orgId, name.slice(slash + 1).trim() || seatId];
}

/** A subject made of the message: its first line, cut at a word near 80 characters. */
function titleFrom(message: string): string {
  const first = message.split('\n')[0]!.trim();
  if (first.length <= 80) return first;
  const cut = first.slice(0, 80);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 80)}…`;
}

function prefixLines(label: string, value: string): string[] {
  const [first, ...rest] = value.split('\n');
  return [`${label}: ${first}`, ...rest.map((l) => `  ${l}`)];
}
