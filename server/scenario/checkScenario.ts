import type { Condition } from '../../shared/scenario/conditionSchema.ts';
import { DEFAULT_ESCALATION_LEVELS } from '../../shared/scenario/defaultEscalation.ts';
import { parseDuration } from '../../shared/scenario/duration.ts';
import { ID_PATTERN } from '../../shared/scenario/idSchema.ts';
import type { ParsedInject, ParsedScenario } from '../../shared/scenario/scenarioSchema.ts';
import { normaliseTlp, TLP_LABELS } from '../../shared/scenario/tlp.ts';
import { didYouMean } from './didYouMean.ts';
import type { PathProblem } from './scenarioProblem.ts';
import { forEachText, type Path } from './forEachText.ts';

/**
 * The rules that span the file and that a schema cannot state: every reference resolves, ids are unique,
 * texts are in every language, triggers and bounds make sense. Returns problems with their YAML paths.
 */
export function checkScenario(s: ParsedScenario): PathProblem[] {
  const problems: PathProblem[] = [];
  const report = (path: Path, message: string, hint?: string, atKey = false) => problems.push({ path, message, hint, atKey });

  const orgIds = new Set(s.organisations.map((o) => o.id));
  const seatAddresses = new Set(s.organisations.flatMap((o) => o.seats.map((seat) => `${o.id}/${seat.id}`)));
  const personaIds = new Set(s.personas.map((p) => p.id));
  const indicatorIds = new Set(s.indicators.map((i) => i.id));
  const levelIds = new Set((s.escalation?.levels ?? DEFAULT_ESCALATION_LEVELS).map((l) => l.id));
  const phaseIds = new Set(Object.keys(s.phases));
  const actionIds = new Set(s.actions.map((a) => a.id));
  const objectiveIds = new Set(s.objectives.map((o) => o.id));
  const actionsById = new Map(s.actions.map((a) => [a.id, a]));

  const refer = (kind: string, known: Set<string>, id: string, path: Path, atKey = false) => {
    if (known.has(id)) return;
    const listed = [...known].slice(0, 12).join(', ');
    report(
      path,
      `unknown ${kind} "${id}"${didYouMean(id, known)}`,
      known.size ? `the ${kind}s are: ${listed}${known.size > 12 ? ', …' : ''}` : `declare it under ${kind}s first`,
      atKey,
    );
  };
  const org = (id: string, path: Path) => refer('organisation', orgIds, id, path);
  const action = (id: string, path: Path, atKey = false) => refer('action', actionIds, id, path, atKey);
  const phase = (id: string, path: Path) => refer('phase', phaseIds, id, path);
  const level = (id: string, path: Path) => refer('escalation level', levelIds, id, path);

  const condition = (c: Condition, path: Path): void => {
    if ('indicator' in c) refer('indicator', indicatorIds, c.indicator, [...path, 'indicator']);
    else if ('escalation' in c) level(c.escalation, [...path, 'escalation']);
    else if ('phase' in c) phase(c.phase, [...path, 'phase']);
    else if ('action' in c) {
      action(c.action, [...path, 'action']);
      if (c.by !== undefined) org(c.by, [...path, 'by']);
    } else if ('all' in c) c.all.forEach((inner, i) => condition(inner, [...path, 'all', i]));
    else c.any.forEach((inner, i) => condition(inner, [...path, 'any', i]));
  };

  // [F3] unique ids per kind.
  const unique = (kind: string, entries: { id: string; path: Path }[]) => {
    const seen = new Map<string, Path>();
    for (const { id, path } of entries) {
      if (seen.has(id)) report([...path, 'id'], `duplicate ${kind} id "${id}"`, `ids must be unique among ${kind}s: rename one of them`);
      else seen.set(id, path);
    }
  };
  unique(
    'organisation',
    s.organisations.map((o, i) => ({ id: o.id, path: ['organisations', i] })),
  );
  s.organisations.forEach((o, i) =>
    unique(
      'seat',
      o.seats.map((seat, j) => ({ id: seat.id, path: ['organisations', i, 'seats', j] })),
    ),
  );
  unique(
    'persona',
    s.personas.map((p, i) => ({ id: p.id, path: ['personas', i] })),
  );
  unique(
    'indicator',
    s.indicators.map((x, i) => ({ id: x.id, path: ['indicators', i] })),
  );
  unique(
    'escalation level',
    (s.escalation?.levels ?? []).map((l, i) => ({ id: l.id, path: ['escalation', 'levels', i] })),
  );
  unique(
    'action',
    s.actions.map((a, i) => ({ id: a.id, path: ['actions', i] })),
  );
  unique(
    'objective',
    s.objectives.map((o, i) => ({ id: o.id, path: ['objectives', i] })),
  );
  const allInjects = listInjects(s);
  unique(
    'inject',
    allInjects.map(({ inject, path }) => ({ id: inject.id, path })),
  );
  for (const id of Object.keys(s.phases)) {
    if (!ID_PATTERN.test(id))
      report(
        ['phases', id],
        `phase id "${id}" is not lower-case letters, digits and hyphens`,
        'rename it like "coordination" or "phase-2"',
        true,
      );
  }

  // [F4] every text in every declared language.
  const languages = s.languages;
  forEachText(s, (text, path) => {
    if (typeof text === 'string') {
      if (languages.length > 1)
        report(
          path,
          `this text needs a version in each of ${languages.join(', ')}`,
          `write it as { ${languages.map((l) => `${l}: …`).join(', ')} }`,
        );
      return;
    }
    for (const language of languages) {
      if (!(language in text))
        report(path, `text is missing in "${language}"`, `add ${language}: … (the scenario's languages are ${languages.join(', ')})`);
    }
    for (const language of Object.keys(text)) {
      if (!languages.includes(language))
        report(
          [...path, language],
          `language "${language}" is not among the scenario's languages (${languages.join(', ')})${didYouMean(language, languages)}`,
          'add it to languages, or remove this text',
          true,
        );
    }
  });

  // Organisations, personas, indicators, escalation.
  if (s.organisations.every((o) => o.simulated))
    report(
      ['organisations'],
      'every organisation is simulated: nobody can play this scenario [O2]',
      'set simulated: false (or leave it out) on the organisations people will play',
    );
  s.personas.forEach((p, i) => p.organisation !== undefined && org(p.organisation, ['personas', i, 'organisation']));
  s.indicators.forEach((x, i) => {
    if (x.min > x.max) report(['indicators', i, 'min'], `indicator "${x.id}" has min ${x.min} above max ${x.max}`, 'swap them');
    else if (x.initial < x.min || x.initial > x.max)
      report(
        ['indicators', i, 'initial'],
        `indicator "${x.id}" starts at ${x.initial}, outside its bounds ${x.min}–${x.max} [I1]`,
        `choose an initial value between ${x.min} and ${x.max}`,
      );
  });
  if (s.escalation?.initial !== undefined) level(s.escalation.initial, ['escalation', 'initial']);
  if (s.start !== undefined) phase(s.start, ['start']);
  if (phaseIds.size === 0) report(['phases'], 'a scenario needs at least one phase', 'add a phase under phases:');

  // Injects.
  for (const { inject, path } of allInjects) {
    const triggers = (['at', 'on', 'when'] as const).filter((k) => inject[k] !== undefined);
    if (triggers.length !== 1) {
      report(
        path,
        triggers.length
          ? `inject "${inject.id}" has ${triggers.length} triggers (${triggers.join(', ')}) [J1]`
          : `inject "${inject.id}" has no trigger [J1]`,
        'give exactly one of at: (a time), on: (an action) or when: (a condition)',
      );
    }
    if (inject.on !== undefined) {
      const on = typeof inject.on === 'string' ? { action: inject.on } : inject.on;
      const onPath = typeof inject.on === 'string' ? [...path, 'on'] : [...path, 'on', 'action'];
      action(on.action, onPath);
      if ('by' in on && on.by !== undefined) org(on.by, [...path, 'on', 'by']);
    }
    if (inject.when !== undefined) condition(inject.when, [...path, 'when']);
    if (!personaIds.has(inject.from) && !orgIds.has(inject.from)) {
      report(
        [...path, 'from'],
        `unknown sender "${inject.from}": not a persona or organisation${didYouMean(inject.from, [...personaIds, ...orgIds])}`,
        'add it under personas:, or name an organisation',
      );
    }
    if (inject.to !== 'all') {
      inject.to.forEach((to, j) => {
        if (to === 'all') return;
        if (to.includes('/')) {
          if (!seatAddresses.has(to))
            report(
              [...path, 'to', j],
              `unknown seat "${to}"${didYouMean(to, seatAddresses)}`,
              "a seat is written organisation/seat and must be listed under the organisation's seats",
            );
        } else org(to, [...path, 'to', j]);
      });
    }
    if (inject.effects) {
      for (const indicator of Object.keys(inject.effects.indicators))
        refer('indicator', indicatorIds, indicator, [...path, 'effects', 'indicators', indicator], true);
      if (inject.effects.escalation !== undefined) level(inject.effects.escalation, [...path, 'effects', 'escalation']);
    }
    if (normaliseTlp(inject.tlp) === undefined)
      report([...path, 'tlp'], `"${inject.tlp}" is not a TLP 2.0 label`, `use one of ${TLP_LABELS.join(', ')}`);
    inject.expects.forEach((e, j) => {
      const ePath = [...path, 'expects', j];
      action(e.action, [...ePath, 'action']);
      refer('objective', objectiveIds, e.objective, [...ePath, 'objective']);
      const byList = typeof e.by === 'string' ? [e.by] : e.by;
      byList.forEach((by, k) => {
        const byPath = typeof e.by === 'string' ? [...ePath, 'by'] : [...ePath, 'by', k];
        if (!orgIds.has(by)) return org(by, byPath);
        const a = actionsById.get(e.action);
        if (a && a.by !== 'all' && !a.by.includes(by))
          report(
            byPath,
            `"${by}" is expected to take "${e.action}", but that action is only for ${a.by.join(', ')}`,
            `add ${by} to the action's by:, or expect another organisation`,
          );
      });
      if (e.within <= 0) report([...ePath, 'within'], 'an expectation needs a window longer than zero', 'write e.g. within: PT30M');
    });
  }

  // Phases.
  for (const [id, p] of Object.entries(s.phases)) {
    const path = ['phases', id];
    if (p.escalation !== undefined) level(p.escalation, [...path, 'escalation']);
    for (const indicator of Object.keys(p.effects?.indicators ?? {}))
      refer('indicator', indicatorIds, indicator, [...path, 'effects', 'indicators', indicator], true);
    for (const [actionId, target] of Object.entries(p.on)) {
      action(actionId, [...path, 'on', actionId], true);
      if (typeof target === 'string') phase(target, [...path, 'on', actionId]);
      else {
        phase(target.goto, [...path, 'on', actionId, 'goto']);
        if (target.if) condition(target.if, [...path, 'on', actionId, 'if']);
      }
    }
    for (const [delay, target] of Object.entries(p.after)) {
      const seconds = parseDuration(delay);
      if (seconds === undefined)
        report([...path, 'after', delay], `"${delay}" is not a duration`, 'write it as PT30M, PT1H30M or P1DT2H (or 30m, 1h30m, 2d)', true);
      else if (seconds === 0)
        report(
          [...path, 'after', delay],
          'a timed transition needs a delay longer than zero',
          'use when: for an immediate, conditional move',
          true,
        );
      phase(target, [...path, 'after', delay]);
    }
    p.when.forEach((w, i) => {
      condition(w.if, [...path, 'when', i, 'if']);
      phase(w.goto, [...path, 'when', i, 'goto']);
    });
    if (p.end && (Object.keys(p.on).length || Object.keys(p.after).length || p.when.length)) {
      report(path, `end phase "${id}" has transitions [P6]`, 'remove on:, after: and when: from it, or drop end: true');
    }
  }

  // Actions.
  s.actions.forEach((a, i) => {
    const path = ['actions', i];
    if (a.by !== 'all') a.by.forEach((by, j) => org(by, [...path, 'by', j]));
    a.phases?.forEach((p, j) => phase(p, [...path, 'phases', j]));
    if (a.when) condition(a.when, [...path, 'when']);
    for (const indicator of Object.keys(a.effects.indicators))
      refer('indicator', indicatorIds, indicator, [...path, 'effects', 'indicators', indicator], true);
    if (a.effects.escalation !== undefined) level(a.effects.escalation, [...path, 'effects', 'escalation']);
  });

  // Objectives [B2].
  const judged = new Set(allInjects.flatMap(({ inject }) => inject.expects.map((e) => e.objective)));
  s.objectives.forEach((o, i) => {
    if (o.requires) condition(o.requires, ['objectives', i, 'requires']);
    if (!judged.has(o.id) && !o.requires)
      report(
        ['objectives', i],
        `objective "${o.id}" can never be judged: no expectation names it and it has no requires [B2]`,
        `add objective: ${o.id} to an inject's expects, or give it a requires: condition`,
      );
  });

  return problems;
}

/** Every inject with its path: the timeline's first, then each phase's, in file order [J10]. */
export function listInjects(s: ParsedScenario): { inject: ParsedInject; path: Path; phase?: string }[] {
  return [
    ...s.timeline.map((inject, i) => ({ inject, path: ['timeline', i] as Path })),
    ...Object.entries(s.phases).flatMap(([phase, p]) =>
      p.injects.map((inject, i) => ({ inject, path: ['phases', phase, 'injects', i] as Path, phase })),
    ),
  ];
}
