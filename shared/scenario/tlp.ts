/** Traffic Light Protocol 2.0 labels (FIRST), from most to least restrictive. */
export const TLP_LABELS = ['TLP:RED', 'TLP:AMBER+STRICT', 'TLP:AMBER', 'TLP:GREEN', 'TLP:CLEAR'] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];

/** The official TLP 2.0 colours: text colour on a black background. */
export const TLP_COLOURS: Record<TlpLabel, string> = {
  'TLP:RED': '#FF2B2B',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:AMBER': '#FFC000',
  'TLP:GREEN': '#33FF00',
  'TLP:CLEAR': '#FFFFFF',
};

/** Reads `amber`, `TLP:AMBER`, `tlp: amber+strict`, `WHITE` (TLP 1.0) as a TLP 2.0 label [J8]. */
export function normaliseTlp(text: string): TlpLabel | undefined {
  const bare = text
    .trim()
    .toUpperCase()
    .replace(/^TLP\s*:?\s*/, '')
    .replace(/\s+/g, '');
  const label = `TLP:${bare === 'WHITE' ? 'CLEAR' : bare}`;
  return (TLP_LABELS as readonly string[]).includes(label) ? (label as TlpLabel) : undefined;
}

/** True when `label` is at least as restrictive as `than`. */
export function isAtLeastAsStrict(label: TlpLabel, than: TlpLabel): boolean {
  return TLP_LABELS.indexOf(label) <= TLP_LABELS.indexOf(than);
}
