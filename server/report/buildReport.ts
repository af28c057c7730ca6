import type { LocalText, Scenario } from '../../shared/scenario/scenario.ts';
import { TLP_LABELS } from '../../shared/scenario/tlp.ts';
import type { ExpectationStatus } from '../engine/effects.ts';
import { judgeObjectives } from '../engine/judgeObjectives.ts';
import type { Archive } from '../exercise/exerciseArchive.ts';
import { parseScenario } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import { consensusRating } from './consensusRating.ts';
import { readDebrief } from './readDebrief.ts';
import { controlEventText, endText } from './reportLabels.ts';
import {
  REPORT_FORMAT,
  type KeyFigures,
  type ObjectiveAnalysis,
  type OrganisationResponse,
  type ReportModel,
  type ReportOrganisation,
  type ScoredExpectation,
} from './reportModel.ts';
import { buildTimeline } from './buildTimeline.ts';
import { replayExercise, type ReplayedExercise } from './replayExercise.ts';

/** The archive's scenario does not load, so there is nothing to report on. */
export class ReportInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/**
 * The after-action report of one exercise, from its archive alone: the scenario it ran and every event.
 * Pure — the same archive gives the same report — and it decides nothing itself: deliveries, expectations
 * and the situation over time come from replaying the events through the exercise session and its engine.
 */
export function buildReport(archive: Archive): ReportModel {
  const { exercise, events } = archive;
  const loaded = parseScenario(archive.scenarioSource, `archive:${exercise.id}`);
  if (!loaded.ok) throw new ReportInputError(loaded.problems.map(formatProblem));
  const scenario = loaded.scenario;
  const replayed = replayExercise(scenario, exercise.id, exercise.name, exercise.speed, events);
  const debrief = readDebrief(events);
  const timeline = buildTimeline(scenario, events, replayed, controlEventText, endText);
  const expectations = scoredExpectations(scenario, replayed);
  const started = events.find((e) => e.body.type === 'exercise.started');

  const objectives: ObjectiveAnalysis[] = judgeObjectives(scenario, replayed.expectations, replayed.context).map((judged) => {
    const ratings = debrief.ratings.get(judged.id) ?? [];
    const objective = scenario.objectives.find((o) => o.id === judged.id)!;
    return {
      id: judged.id,
      text: objective.text,
      ratings,
      consensus: consensusRating(ratings.map((r) => r.rating)),
      automatic: { met: judged.met, expectations: judged.expectations, requiresHeld: judged.requiresHeld ?? null },
      observations: debrief.observations.filter(
        (o) =>
          o.objective === judged.id ||
          (o.inject !== null && scenario.injects.some((i) => i.id === o.inject && i.expects.some((x) => x.objective === judged.id))),
      ),
    };
  });

  const figures: KeyFigures = {
    injectsDelivered: replayed.injects.length,
    actionsTaken: replayed.logs.filter((l) => l.view.kind === 'action').length,
    messagesSent: replayed.messages.length,
    expectations: tally(expectations.map((e) => e.status)),
    observations: debrief.observations.length,
    ratings: [...debrief.ratings.values()].reduce((n, list) => n + list.length, 0),
    hotwashAnswers: debrief.hotwash.length,
  };

  const tlps = timeline.flatMap((t) => (t.tlp ? [t.tlp] : []));
  return {
    format: REPORT_FORMAT,
    exercise: {
      id: exercise.id,
      name: exercise.name,
      status: exercise.status,
      speed: exercise.speed,
      createdAt: exercise.createdAt,
      exportedAt: archive.exportedAt,
      startedAt: started ? new Date(started.wallMs).toISOString() : null,
      endedAt: replayed.ended ? new Date(replayed.ended.wallMs).toISOString() : null,
      exerciseMs: replayed.ended?.atMs ?? replayed.nowMs,
      endReason: replayed.ended?.reason ?? null,
      events: events.length,
    },
    scenario: {
      id: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      languages: scenario.languages,
      audience: scenario.audience,
      author: scenario.author ?? null,
      durationMs: scenario.durationSeconds * 1000,
    },
    organisations: organisationsOf(scenario, archive),
    summary: debrief.summary,
    figures,
    objectives,
    observations: debrief.observations,
    expectations,
    responseTimes: responseTimes(scenario, expectations, replayed),
    phases: replayed.phases.map((p) => ({ id: p.phase, title: scenario.phases.find((x) => x.id === p.phase)?.title ?? {}, atMs: p.atMs })),
    indicators: scenario.indicators.map((i) => ({
      id: i.id,
      label: i.label,
      min: i.min,
      max: i.max,
      unit: i.unit ?? '',
      public: i.public,
      points: replayed.indicators.get(i.id) ?? [],
    })),
    escalation: {
      levels: scenario.escalation.levels.map((l) => ({ id: l.id, label: l.label })),
      points: replayed.escalation.map(({ level, atMs }) => ({ atMs, level })),
    },
    timeline,
    hotwash: debrief.hotwash,
    improvementPlan: debrief.plan,
    highestTlp: tlps.length ? TLP_LABELS[Math.min(...tlps.map((t) => TLP_LABELS.indexOf(t)))]! : null,
    published: debrief.published,
  };
}

function organisationsOf(scenario: Scenario, archive: Archive): ReportOrganisation[] {
  const people = new Map<string, string[]>();
  for (const { actor } of archive.events) {
    if (actor.role !== 'participant' || actor.organisation === null) continue;
    const names = people.get(actor.organisation) ?? [];
    if (!names.includes(actor.name)) names.push(actor.name);
    people.set(actor.organisation, names);
  }
  return scenario.organisations.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    sector: o.sector,
    simulated: o.simulated,
    participants: people.get(o.id) ?? [],
  }));
}

function scoredExpectations(scenario: Scenario, replayed: ReplayedExercise): ScoredExpectation[] {
  const title = (id: string): LocalText => scenario.injects.find((i) => i.id === id)?.title ?? { [scenario.languages[0]!]: id };
  const label = (id: string): LocalText => scenario.actions.find((a) => a.id === id)?.label ?? { [scenario.languages[0]!]: id };
  return replayed.expectations
    .map((e) => ({
      id: e.id,
      inject: e.inject,
      injectTitle: title(e.inject),
      action: e.action,
      actionLabel: label(e.action),
      organisation: e.organisation,
      objective: e.objective,
      deliveredAtMs: e.deliveredAt,
      dueAtMs: e.dueAt,
      status: e.status,
      respondedAtMs: e.respondedAt ?? null,
      responseMs: e.respondedAt === undefined ? null : e.respondedAt - e.deliveredAt,
    }))
    .sort((a, b) => a.deliveredAtMs - b.deliveredAtMs || (a.id < b.id ? -1 : 1));
}

function responseTimes(scenario: Scenario, expectations: readonly ScoredExpectation[], replayed: ReplayedExercise): OrganisationResponse[] {
  const deliveredAt = new Map(replayed.injects.map((i) => [i.view.id, i.view.atMs]));
  /** Organisation → inject → how long its first acknowledgement took. */
  const firstAck = new Map<string, Map<string, number>>();
  for (const { view } of replayed.logs) {
    if (view.kind !== 'acknowledge' || !view.inject || !view.organisation) continue;
    const own = firstAck.get(view.organisation) ?? new Map<string, number>();
    if (!own.has(view.inject)) own.set(view.inject, view.atMs - (deliveredAt.get(view.inject) ?? view.atMs));
    firstAck.set(view.organisation, own);
  }
  return scenario.organisations.flatMap((o) => {
    const own = expectations.filter((e) => e.organisation === o.id);
    const acks = [...(firstAck.get(o.id)?.values() ?? [])];
    if (own.length === 0 && acks.length === 0) return [];
    const answered = own.flatMap((e) => (e.responseMs === null ? [] : [e.responseMs]));
    return [
      {
        organisation: o.id,
        simulated: o.simulated,
        counts: tally(own.map((e) => e.status)),
        responseMs: answered,
        medianMs: median(answered),
        maxMs: answered.length ? Math.max(...answered) : null,
        acknowledged: acks.length,
        acknowledgeMedianMs: median(acks),
      },
    ];
  });
}

function tally(statuses: readonly ExpectationStatus[]): Record<ExpectationStatus, number> {
  const counts = { met: 0, late: 0, missed: 0, pending: 0 };
  for (const s of statuses) counts[s]++;
  return counts;
}

/** The middle value; with an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
