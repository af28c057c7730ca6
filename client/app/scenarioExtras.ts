import type { LocalText, ScenarioSummaryView } from '../../shared/protocol/serverMessages.ts';

/**
 * Parts of the scenario that Control and evaluators need but the protocol's `ScenarioSummaryView` does not
 * carry yet (phases to jump to, objective texts, action labels). Read when the server sends them, so the
 * screens show names instead of ids as soon as it does; until then the screens fall back to ids.
 */
export interface ScenarioExtras {
  readonly phases: readonly { readonly id: string; readonly title: LocalText }[] | undefined;
  readonly objectives: readonly { readonly id: string; readonly text: LocalText }[] | undefined;
  readonly actions: readonly { readonly id: string; readonly label: LocalText }[] | undefined;
}

export function scenarioExtras(summary: ScenarioSummaryView): ScenarioExtras {
  const loose = summary as unknown as Record<string, unknown>;
  return {
    phases: listOf(loose.phases, 'title'),
    objectives: listOf(loose.objectives, 'text'),
    actions: listOf(loose.actions, 'label'),
  };
}

function listOf<K extends string>(value: unknown, textKey: K): ({ id: string } & Record<K, LocalText>)[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter(
    (v): v is { id: string } & Record<K, LocalText> =>
      typeof (v as { id?: unknown })?.id === 'string' && typeof (v as Record<string, unknown>)[textKey] === 'object',
  );
  return items.length ? items : undefined;
}
