import type { Rating } from '../../shared/protocol/evaluation.ts';
import type { LocalText, Scenario } from '../../shared/scenario/scenario.ts';
import type { EventBody } from '../exercise/exerciseEvent.ts';
import type { ExpectationStatus } from '../engine/effects.ts';
import type { ReportText, TimelineKind } from './reportModel.ts';

/** The languages the report's own words exist in; scenario texts come in the scenario's languages. */
export const REPORT_LANGUAGES = ['en', 'nl'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const en = {
  reportTitle: 'After-action report',
  draft: 'Draft — not published',
  tlpNotice: 'For the exercise team. This report contains material labelled {tlp}: share it accordingly.',
  overview: 'Exercise overview',
  scenario: 'Scenario',
  exercise: 'Exercise',
  created: 'Created',
  started: 'Started',
  ended: 'Ended',
  notYet: 'not yet',
  exerciseTime: 'Exercise time covered',
  plannedDuration: 'Planned duration',
  status: 'Status',
  speed: 'Speed',
  author: 'Scenario author',
  organisations: 'Participating organisations',
  organisation: 'Organisation',
  kind: 'Kind',
  sector: 'Sector',
  playedBy: 'Played by',
  simulated: 'simulated by SimCell',
  nobodyRecorded: 'nobody recorded',
  objectives: 'Objectives',
  summary: 'Executive summary',
  noSummary: 'Exercise Control has not written an executive summary.',
  keyFigures: 'Key figures',
  injectsDelivered: 'Injects delivered',
  actionsTaken: 'Decisions taken',
  messagesSent: 'Messages between organisations',
  expectationsScored: 'Expectations met / late / missed / open',
  observationsRecorded: 'Observations recorded',
  ratingsGiven: 'Ratings given',
  hotwashAnswers: 'Hot-wash answers',
  analysis: 'Analysis per objective',
  consensus: 'Team rating',
  notRated: 'not rated yet',
  automatic: 'Scored from the scenario’s expectations',
  achieved: 'achieved',
  notAchieved: 'not achieved',
  conditionHeld: 'its condition held at the end',
  conditionFailed: 'its condition did not hold at the end',
  ratedBy: 'Rated by',
  rating: 'Rating',
  strengths: 'Strengths',
  improvements: 'Areas for improvement',
  observations: 'Observations',
  none: 'None.',
  responses: 'Response times per organisation',
  responseChart: 'Response time to each expectation, in minutes after delivery',
  median: 'median',
  medianResponse: 'Median response',
  slowest: 'Slowest',
  acknowledged: 'Injects acknowledged',
  medianAcknowledge: 'Median time to acknowledge',
  expectations: 'Expectations',
  inject: 'Inject',
  expectedAction: 'Expected action',
  objective: 'Objective',
  delivered: 'Delivered',
  due: 'Due',
  responseTime: 'Response time',
  result: 'Result',
  noExpectations: 'No expectation was opened.',
  situation: 'Indicators and escalation over time',
  escalation: 'Escalation level',
  exerciseClock: 'exercise time (hh:mm)',
  phases: 'Phases',
  timeline: 'Timeline',
  time: 'Time',
  what: 'What',
  who: 'Who',
  to: 'To',
  hotwash: 'Hot wash',
  participant: 'Participant',
  wentWell: 'What went well',
  toImprove: 'What to improve',
  noHotwash: 'No participant answered the hot wash.',
  plan: 'Improvement plan',
  issue: 'Issue',
  correctiveAction: 'Corrective action',
  responsible: 'Responsible organisation',
  dueDate: 'Due date',
  noPlan: 'The improvement plan is empty.',
  footer: 'Made by SimCell from exercise {id} ({events} events), exported {time}.',
  exerciseControl: 'Exercise Control',
  ratings: {
    P: 'Performed without challenges',
    S: 'Performed with some challenges',
    M: 'Performed with major challenges',
    U: 'Unable to be performed',
  } satisfies Record<Rating, string>,
  statuses: { met: 'met', late: 'late', missed: 'missed', pending: 'open' } satisfies Record<ExpectationStatus, string>,
  exerciseStatuses: { ready: 'not started', running: 'running', paused: 'paused', ended: 'ended' },
  kinds: { public: 'public', private: 'private', military: 'military', international: 'international' },
  timelineKinds: {
    phase: 'Phase',
    escalation: 'Escalation',
    inject: 'Inject',
    action: 'Decision',
    message: 'Message',
    acknowledgement: 'Acknowledged',
    log: 'Log',
    sitrep: 'Situation report',
    observation: 'Observation',
    control: 'Control',
    end: 'End',
  } satisfies Record<TimelineKind, string>,
  control: {
    started: 'Exercise started',
    paused: 'Clock paused',
    resumed: 'Clock resumed',
    speed: 'Speed set to {speed}×',
    fireNext: 'Next inject fired early',
    adhoc: 'Ad-hoc inject sent',
    indicator: '{indicator} set to {value}',
    escalation: 'Escalation set to {level}',
    goto: 'Jumped to phase {phase}',
    end: 'Ended the exercise',
    codeReissued: 'Join code reissued for {seat}',
  },
  endReasons: {
    control: 'Exercise ended by Exercise Control',
    duration: 'Exercise ended: the planned duration ran out',
    phase: 'Exercise ended in its final phase, {phase}',
  },
};

export type ReportLabels = typeof en;

const nl: ReportLabels = {
  reportTitle: 'Evaluatierapport',
  draft: 'Concept — niet gepubliceerd',
  tlpNotice: 'Voor het oefenteam. Dit rapport bevat materiaal met het label {tlp}: deel het daarnaar.',
  overview: 'Overzicht van de oefening',
  scenario: 'Scenario',
  exercise: 'Oefening',
  created: 'Aangemaakt',
  started: 'Gestart',
  ended: 'Beëindigd',
  notYet: 'nog niet',
  exerciseTime: 'Oefentijd in dit rapport',
  plannedDuration: 'Geplande duur',
  status: 'Status',
  speed: 'Snelheid',
  author: 'Auteur van het scenario',
  organisations: 'Deelnemende organisaties',
  organisation: 'Organisatie',
  kind: 'Soort',
  sector: 'Sector',
  playedBy: 'Gespeeld door',
  simulated: 'gesimuleerd door SimCell',
  nobodyRecorded: 'niemand geregistreerd',
  objectives: 'Doelstellingen',
  summary: 'Managementsamenvatting',
  noSummary: 'De oefenleiding heeft geen managementsamenvatting geschreven.',
  keyFigures: 'Kerncijfers',
  injectsDelivered: 'Afgeleverde injects',
  actionsTaken: 'Genomen besluiten',
  messagesSent: 'Berichten tussen organisaties',
  expectationsScored: 'Verwachtingen op tijd / te laat / gemist / open',
  observationsRecorded: 'Vastgelegde observaties',
  ratingsGiven: 'Gegeven oordelen',
  hotwashAnswers: 'Antwoorden op de hot wash',
  analysis: 'Analyse per doelstelling',
  consensus: 'Oordeel van het team',
  notRated: 'nog niet beoordeeld',
  automatic: 'Gescoord uit de verwachtingen van het scenario',
  achieved: 'behaald',
  notAchieved: 'niet behaald',
  conditionHeld: 'de voorwaarde gold aan het eind',
  conditionFailed: 'de voorwaarde gold aan het eind niet',
  ratedBy: 'Beoordeeld door',
  rating: 'Oordeel',
  strengths: 'Sterke punten',
  improvements: 'Verbeterpunten',
  observations: 'Observaties',
  none: 'Geen.',
  responses: 'Reactietijden per organisatie',
  responseChart: 'Reactietijd per verwachting, in minuten na aflevering',
  median: 'mediaan',
  medianResponse: 'Mediane reactietijd',
  slowest: 'Traagste',
  acknowledged: 'Bevestigde injects',
  medianAcknowledge: 'Mediane tijd tot bevestiging',
  expectations: 'Verwachtingen',
  inject: 'Inject',
  expectedAction: 'Verwachte actie',
  objective: 'Doelstelling',
  delivered: 'Afgeleverd',
  due: 'Uiterlijk',
  responseTime: 'Reactietijd',
  result: 'Resultaat',
  noExpectations: 'Er is geen verwachting geopend.',
  situation: 'Indicatoren en opschaling in de tijd',
  escalation: 'Opschalingsniveau',
  exerciseClock: 'oefentijd (uu:mm)',
  phases: 'Fasen',
  timeline: 'Tijdlijn',
  time: 'Tijd',
  what: 'Wat',
  who: 'Wie',
  to: 'Aan',
  hotwash: 'Hot wash',
  participant: 'Deelnemer',
  wentWell: 'Wat ging goed',
  toImprove: 'Wat kan beter',
  noHotwash: 'Geen deelnemer heeft de hot wash ingevuld.',
  plan: 'Verbeterplan',
  issue: 'Knelpunt',
  correctiveAction: 'Verbeteractie',
  responsible: 'Verantwoordelijke organisatie',
  dueDate: 'Streefdatum',
  noPlan: 'Het verbeterplan is leeg.',
  footer: 'Gemaakt door SimCell uit oefening {id} ({events} gebeurtenissen), geëxporteerd {time}.',
  exerciseControl: 'Oefenleiding',
  ratings: {
    P: 'Uitgevoerd zonder problemen',
    S: 'Uitgevoerd met enkele problemen',
    M: 'Uitgevoerd met grote problemen',
    U: 'Kon niet worden uitgevoerd',
  },
  statuses: { met: 'op tijd', late: 'te laat', missed: 'gemist', pending: 'open' },
  exerciseStatuses: { ready: 'niet gestart', running: 'loopt', paused: 'gepauzeerd', ended: 'beëindigd' },
  kinds: { public: 'publiek', private: 'privaat', military: 'militair', international: 'internationaal' },
  timelineKinds: {
    phase: 'Fase',
    escalation: 'Opschaling',
    inject: 'Inject',
    action: 'Besluit',
    message: 'Bericht',
    acknowledgement: 'Bevestigd',
    log: 'Logboek',
    sitrep: 'Situatierapport',
    observation: 'Observatie',
    control: 'Oefenleiding',
    end: 'Einde',
  },
  control: {
    started: 'Oefening gestart',
    paused: 'Klok gepauzeerd',
    resumed: 'Klok hervat',
    speed: 'Snelheid op {speed}× gezet',
    fireNext: 'Volgende inject vervroegd verstuurd',
    adhoc: 'Ad-hoc inject verstuurd',
    indicator: '{indicator} op {value} gezet',
    escalation: 'Opschaling op {level} gezet',
    goto: 'Naar fase {phase} gesprongen',
    end: 'Oefening beëindigd',
    codeReissued: 'Toegangscode opnieuw uitgegeven voor {seat}',
  },
  endReasons: {
    control: 'Oefening beëindigd door de oefenleiding',
    duration: 'Oefening beëindigd: de geplande duur is verstreken',
    phase: 'Oefening beëindigd in de eindfase {phase}',
  },
};

export const LABELS: Record<ReportLanguage, ReportLabels> = { en, nl };

export function isReportLanguage(lang: string): lang is ReportLanguage {
  return (REPORT_LANGUAGES as readonly string[]).includes(lang);
}

/** The scenario's first language when the report speaks it, else English. */
export function defaultReportLanguage(scenarioLanguages: readonly string[]): ReportLanguage {
  return REPORT_LANGUAGES.find((l) => l === scenarioLanguages[0]) ?? 'en';
}

/** Fills `{name}` placeholders. The result is plain text: the renderer escapes it like any other. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A text in `lang`, else in the scenario's first language that has it, else any. */
export function say(text: ReportText | undefined, lang: string, fallbacks: readonly string[] = []): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  for (const l of [lang, ...fallbacks]) if (text[l] !== undefined) return text[l];
  return Object.values(text)[0] ?? '';
}

/** One text per report language, from a function of the labels and the language. */
function everyLanguage(make: (labels: ReportLabels, lang: ReportLanguage) => string): LocalText {
  return Object.fromEntries(REPORT_LANGUAGES.map((lang) => [lang, make(LABELS[lang], lang)]));
}

/** What Control did, for the timeline; undefined for events that are not Control's commands. */
export function controlEventText(body: EventBody, scenario: Scenario): LocalText | undefined {
  const from = scenario.languages;
  switch (body.type) {
    case 'exercise.started':
      return everyLanguage((l) => l.control.started);
    case 'clock.paused':
      return everyLanguage((l) => l.control.paused);
    case 'clock.resumed':
      return everyLanguage((l) => l.control.resumed);
    case 'clock.speed':
      return everyLanguage((l) => fill(l.control.speed, { speed: body.speed }));
    case 'control.fireNext':
      return everyLanguage((l) => l.control.fireNext);
    case 'control.adhoc':
      return everyLanguage((l) => l.control.adhoc);
    case 'control.indicator': {
      const label = scenario.indicators.find((i) => i.id === body.indicator)?.label;
      return everyLanguage((l, lang) =>
        fill(l.control.indicator, { indicator: say(label, lang, from) || body.indicator, value: body.value }),
      );
    }
    case 'control.escalation': {
      const label = scenario.escalation.levels.find((x) => x.id === body.level)?.label;
      return everyLanguage((l, lang) => fill(l.control.escalation, { level: say(label, lang, from) || body.level }));
    }
    case 'control.goto': {
      const title = scenario.phases.find((p) => p.id === body.phase)?.title;
      return everyLanguage((l, lang) => fill(l.control.goto, { phase: say(title, lang, from) || body.phase }));
    }
    case 'control.end':
      return everyLanguage((l) => l.control.end);
    case 'code.reissued':
      return everyLanguage((l) => fill(l.control.codeReissued, { seat: body.seat }));
    default:
      return undefined;
  }
}

/** Why the exercise ended (`control`, `duration`, `phase:<id>`), in every report language. */
export function endText(reason: string, scenario: Scenario): LocalText {
  if (reason.startsWith('phase:')) {
    const id = reason.slice('phase:'.length);
    const title = scenario.phases.find((p) => p.id === id)?.title;
    return everyLanguage((l, lang) => fill(l.endReasons.phase, { phase: say(title, lang, scenario.languages) || id }));
  }
  return everyLanguage((l) => (reason === 'duration' ? l.endReasons.duration : l.endReasons.control));
}
