import { checkScenarioModel, type ModelCheck } from '../../../server/authoring/checkScenarioModel.ts';
import { parseScenario } from '../../../server/scenario/loadScenario.ts';
import type { ScenarioProblem } from '../../../server/scenario/scenarioProblem.ts';
import { action, inject, list, minimalScenario, type MinimalParts } from '../../support/minimalScenario.ts';

/**
 * A small scenario the check finds nothing wrong with: detection (an alert that expects bank to notify NCSC,
 * which moves on to response, or a timeout), response, and a debrief that ends it. Tests replace one part
 * to plant one defect.
 */
export const CLEAN: Required<Pick<MinimalParts, 'timeline' | 'phases' | 'actions' | 'objectives'>> = {
  timeline: list(2, inject('headline', 'at: PT20M, channel: news, to: all')),
  phases: `  detection:
    title: { en: Detection, nl: Detectie }
    injects:
${list(6, inject('alert', 'at: PT10M, expects: [{ action: notify, by: bank, within: PT30M, objective: warned }]'))}
    on:
      notify: response
    after:
      PT1H: response
  response:
    title: { en: Response, nl: Respons }
    effects: { indicators: { trust: -10 } }
    injects:
${list(6, inject('follow-up', 'on: reassure'))}
    after:
      PT30M: debrief
  debrief:
    title: { en: Debrief, nl: Nabespreking }
    end: true`,
  actions: list(2, action('notify', 'once: exercise'), action('reassure', 'phases: [response], effects: { indicators: { trust: 5 } }')),
  objectives: list(2, '- { id: warned, text: { en: Warned, nl: Gewaarschuwd } }'),
};

export function cleanWith(parts: MinimalParts): string {
  return minimalScenario({ ...CLEAN, ...parts });
}

export function check(text: string, bounds?: Parameters<typeof checkScenarioModel>[1]): ModelCheck & { text: string } {
  const loaded = parseScenario(text, 'planted.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return { ...checkScenarioModel(loaded, bounds), text };
}

/** The one problem whose message matches, failing with all of them otherwise. */
export function problem(result: { problems: readonly ScenarioProblem[] }, pattern: RegExp): ScenarioProblem {
  const found = result.problems.filter((p) => pattern.test(p.message));
  if (found.length !== 1)
    throw new Error(`expected one problem matching ${pattern}, got:\n${result.problems.map((p) => `${p.line}: ${p.message}`).join('\n')}`);
  return found[0]!;
}

/** The 1-based line of the first line containing `needle` (after `after`, if given). */
export function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const from = after === undefined ? 0 : lines.findIndex((line) => line.includes(after));
  const index = lines.findIndex((line, i) => i >= from && line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}
