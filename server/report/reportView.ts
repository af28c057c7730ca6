import { formatClock } from '../../shared/scenario/duration.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { html, type SafeHtml } from './html.ts';
import { LABELS, say, type ReportLabels, type ReportLanguage } from './reportLabels.ts';
import type { ObjectiveAnalysis, ReportModel, ReportText } from './reportModel.ts';

/** The report in one language: its words, and how it names organisations, ratings and judgements. */
export class ReportView {
  readonly l: ReportLabels;
  private readonly fallbacks: readonly string[];
  private readonly orgNames: ReadonlyMap<string, ReportText>;

  constructor(
    readonly model: ReportModel,
    readonly lang: ReportLanguage,
  ) {
    this.l = LABELS[lang];
    this.fallbacks = model.scenario.languages;
    this.orgNames = new Map(model.organisations.map((o) => [o.id, o.name]));
  }

  say(text: ReportText | undefined): string {
    return say(text, this.lang, this.fallbacks);
  }

  /** An organisation id, a seat address (`org/seat`) or `control`, as a name. */
  org(id: string | null): string {
    if (id === null) return '';
    if (id === 'control') return this.l.exerciseControl;
    const [org, seat] = id.split('/') as [string, string | undefined];
    const name = this.orgNames.has(org) ? this.say(this.orgNames.get(org)) : org;
    return seat ? `${name} / ${seat}` : name;
  }

  /** Why the exercise ended, as the timeline says it. */
  endReason(): string {
    const entry = this.model.timeline.findLast((t) => t.kind === 'end');
    return entry ? this.say(entry.title) : '';
  }

  /** An objective's team rating: the letter and its words. */
  rating(o: ObjectiveAnalysis): SafeHtml {
    return o.consensus
      ? html`<span class="rating rating-${o.consensus}">${o.consensus}</span> ${this.l.ratings[o.consensus]}`
      : html`<span class="muted">${this.l.notRated}</span>`;
  }

  /** The engine's judgement of an objective, with the count of its expectations by outcome. */
  automatic(o: ObjectiveAnalysis): string {
    const { l } = this;
    const x = o.automatic.expectations;
    const counts = `${x.met} ${l.statuses.met}, ${x.late} ${l.statuses.late}, ${x.missed} ${l.statuses.missed}${x.pending ? `, ${x.pending} ${l.statuses.pending}` : ''}`;
    const condition = o.automatic.requiresHeld === null ? '' : `; ${o.automatic.requiresHeld ? l.conditionHeld : l.conditionFailed}`;
    return `${o.automatic.met ? l.achieved : l.notAchieved} (${counts}${condition})`;
  }
}

export function tlpBadge(tlp: TlpLabel): SafeHtml {
  return html`<span class="tlp tlp-${tlp.slice(4).toLowerCase().replace('+', '-')}">${tlp}</span>`;
}

export function clock(ms: number): string {
  return formatClock(ms / 1000);
}

/** A span of time as `45 s`, `12 min` or `1:05 h`; a dash when there is none. */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')} h`;
}

/** ISO wall time as `2025-03-04 09:12 UTC`: the same in every time zone the report is made in. */
export function wallTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}
