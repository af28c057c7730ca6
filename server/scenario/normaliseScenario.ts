import { DEFAULT_ESCALATION_LEVELS } from '../../shared/scenario/defaultEscalation.ts';
import { parseDuration } from '../../shared/scenario/duration.ts';
import type { Text } from '../../shared/scenario/idSchema.ts';
import type { Inject, LocalText, Scenario } from '../../shared/scenario/scenario.ts';
import type { ParsedInject, ParsedScenario } from '../../shared/scenario/scenarioSchema.ts';
import { normaliseTlp } from '../../shared/scenario/tlp.ts';
import { listInjects } from './checkScenario.ts';

/**
 * Turns a checked scenario into the form the engine and the clients use. Only call it on a scenario that
 * checkScenario found no problem in: it trusts every reference.
 */
export function normaliseScenario(s: ParsedScenario): Scenario {
  const languages = s.languages;
  const text = (t: Text): LocalText => (typeof t === 'string' ? Object.fromEntries(languages.map((l) => [l, t])) : pick(t, languages));
  const optionalText = (t: Text | undefined) => (t === undefined ? undefined : text(t));
  const orgIds = s.organisations.map((o) => o.id);
  const phaseIds = Object.keys(s.phases);

  const inject = (i: ParsedInject, phase: string | undefined): Inject => {
    const toAll = i.to === 'all' || i.to.includes('all');
    return {
      id: i.id,
      phase,
      trigger:
        i.at !== undefined
          ? { kind: 'at', seconds: i.at }
          : i.on !== undefined
            ? typeof i.on === 'string'
              ? { kind: 'on', action: i.on, delaySeconds: 0 }
              : { kind: 'on', action: i.on.action, by: i.on.by, delaySeconds: i.on.delay ?? 0 }
            : { kind: 'when', condition: i.when! },
      channel: i.channel,
      from: i.from,
      to: toAll ? orgIds : (i.to as string[]),
      toAll,
      tlp: normaliseTlp(i.tlp)!,
      title: text(i.title),
      body: text(i.body),
      expects: i.expects.map((e) => ({
        action: e.action,
        by: typeof e.by === 'string' ? [e.by] : e.by,
        withinSeconds: e.within,
        objective: e.objective,
        auto: e.auto,
      })),
      ...(i.effects
        ? { effects: { indicators: i.effects.indicators, ...(i.effects.escalation ? { escalation: i.effects.escalation } : {}) } }
        : {}),
    };
  };

  const levels = (s.escalation?.levels ?? DEFAULT_ESCALATION_LEVELS).map((l) => ({ id: l.id, label: text(l.label) }));
  return {
    id: s.id,
    title: text(s.title),
    summary: text(s.summary),
    languages,
    audience: s.audience,
    durationSeconds: s.duration,
    start: s.start ?? phaseIds[0]!,
    author: s.author,
    organisations: s.organisations.map((o) => ({
      id: o.id,
      name: text(o.name),
      kind: o.kind,
      sector: o.sector,
      simulated: o.simulated,
      description: optionalText(o.description),
      seats: o.seats.map((seat) => ({ id: seat.id, name: text(seat.name) })),
    })),
    personas: s.personas.map((p) => ({ id: p.id, name: text(p.name), role: optionalText(p.role), organisation: p.organisation })),
    indicators: s.indicators.map((x) => ({ ...x, label: text(x.label) })),
    escalation: { initial: s.escalation?.initial ?? levels[0]!.id, levels },
    injects: listInjects(s).map(({ inject: i, phase }) => inject(i, phase)),
    phases: Object.entries(s.phases).map(([id, p]) => ({
      id,
      title: text(p.title),
      description: optionalText(p.description),
      escalation: p.escalation,
      ...(p.effects ? { effects: { indicators: p.effects.indicators } } : {}),
      on: Object.entries(p.on).map(([action, target]) =>
        typeof target === 'string' ? { action, goto: target } : { action, goto: target.goto, if: target.if },
      ),
      after: Object.entries(p.after).map(([delay, goto]) => ({ seconds: parseDuration(delay)!, goto })),
      when: p.when.map((w) => ({ if: w.if, goto: w.goto })),
      end: p.end,
    })),
    actions: s.actions.map((a) => ({
      id: a.id,
      label: text(a.label),
      description: optionalText(a.description),
      by: a.by === 'all' ? orgIds : a.by,
      phases: a.phases,
      when: a.when,
      once: a.once,
      report: a.report,
      effects: { indicators: a.effects.indicators, escalation: a.effects.escalation },
    })),
    objectives: s.objectives.map((o) => ({ id: o.id, text: text(o.text), requires: o.requires })),
  };
}

/** The declared languages of a text; the default ladder's labels fall back to English. */
function pick(t: Readonly<Record<string, string>>, languages: readonly string[]): LocalText {
  return Object.fromEntries(languages.map((l) => [l, t[l] ?? t.en ?? Object.values(t)[0] ?? '']));
}
