import { formatClock } from '../../shared/scenario/duration.ts';
import type { LocalText, Scenario } from '../../shared/scenario/scenario.ts';
import type { SimulationReport } from './simulateExercise.ts';

/** A simulation as a timeline a trainer reads top to bottom. */
export function formatTimeline(report: SimulationReport, scenario: Scenario, language = scenario.languages[0]!): string {
  const say = (text: LocalText | undefined, fallback: string) => text?.[language] ?? fallback;
  const phaseTitle = new Map(scenario.phases.map((p) => [p.id, p.title]));
  const actionLabel = new Map(scenario.actions.map((a) => [a.id, a.label]));
  const levelLabel = new Map(scenario.escalation.levels.map((l) => [l.id, l.label]));
  const rows: { at: number; order: number; text: string }[] = [];
  const add = (at: number, text: string) => rows.push({ at, order: rows.length, text });

  for (const p of report.phases) add(p.atSeconds, `▶ phase ${p.phase} — ${say(phaseTitle.get(p.phase), p.phase)}`);
  for (const e of report.escalation) add(e.atSeconds, `▲ escalation: ${say(levelLabel.get(e.level), e.level)}`);
  for (const d of report.deliveries)
    add(d.atSeconds, `✉ ${d.channel.padEnd(8)} ${d.tlp.padEnd(16)} → ${d.to.join(', ')}: ${say(d.title, d.inject)}`);
  for (const a of report.actions)
    add(a.atSeconds, `✔ ${a.by}${a.simulated ? ' (simulated)' : ''}: ${say(actionLabel.get(a.action), a.action)}`);
  if (report.ended) add(report.ended.atSeconds, `■ ended (${report.ended.reason})`);
  rows.sort((a, b) => a.at - b.at || a.order - b.order);

  const indicatorLine = scenario.indicators.map((i) => `${i.id} ${report.indicators[i.id]}`).join(', ');
  const tally = (status: string) => report.expectations.filter((e) => e.status === status).length;
  return [
    `${say(scenario.title, scenario.id)} (${scenario.id}) — policy ${report.policy}, seed ${report.seed}`,
    '',
    ...rows.map((r) => `${formatClock(r.at).padStart(8)}  ${r.text}`),
    '',
    `Indicators: ${indicatorLine || 'none'}`,
    `Expectations: ${tally('met')} met, ${tally('late')} late, ${tally('missed')} missed`,
    `Objectives: ${report.objectives.map((o) => `${o.met ? '✓' : '✗'} ${o.id}`).join(', ') || 'none'}`,
    '',
  ].join('\n');
}
