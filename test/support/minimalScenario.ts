/**
 * Builds small scenario texts for rule tests: a base with two organisations and one phase, into which a
 * test writes only what its rule is about.
 */
export interface MinimalParts {
  readonly extraOrganisations?: string;
  readonly indicators?: string;
  readonly timeline?: string;
  readonly phases?: string;
  readonly actions?: string;
  readonly objectives?: string;
  readonly duration?: string;
}

export function minimalScenario(parts: MinimalParts = {}): string {
  return `id: minimal
title: { en: Minimal, nl: Minimaal }
summary: { en: A test., nl: Een test. }
languages: [en, nl]
duration: ${parts.duration ?? 'PT2H'}
organisations:
  - { id: ncsc, name: { en: NCSC, nl: NCSC }, kind: public, sector: government }
  - { id: bank, name: { en: Bank, nl: Bank }, kind: private, sector: finance }
  - { id: isp, name: { en: ISP, nl: ISP }, kind: private, sector: telecom, simulated: true }
${parts.extraOrganisations ?? ''}
indicators:
  - { id: trust, label: { en: Trust, nl: Vertrouwen }, initial: 50, min: 0, max: 100 }
${parts.indicators ?? ''}
timeline:
${parts.timeline ?? '  []'}
phases:
${
  parts.phases ??
  `  only:
    title: { en: Only, nl: Enige }`
}
actions:
${parts.actions ?? '  []'}
objectives:
${parts.objectives ?? '  []'}
`;
}

/** One inject in YAML flow style, with sensible defaults for the fields a test does not care about. */
export function inject(id: string, fields: string): string {
  const defaults: Record<string, string> = {
    channel: 'email',
    from: 'ncsc',
    to: '[bank]',
    title: `{ en: ${id}, nl: ${id} }`,
    body: '{ en: Body, nl: Tekst }',
  };
  const given = new Set([...fields.matchAll(/(?:^|, )(\w+):/g)].map((m) => m[1]));
  const filled = Object.entries(defaults)
    .filter(([key]) => !given.has(key))
    .map(([key, value]) => `${key}: ${value}`);
  return `- { id: ${id}, ${[...filled, fields].join(', ')} }`;
}

export function action(id: string, fields = ''): string {
  return `- { id: ${id}, label: { en: ${id}, nl: ${id} }, by: [bank, ncsc, isp]${fields ? `, ${fields}` : ''} }`;
}

/** YAML list items indented for where they go: `list(6, inject(…), inject(…))` under a phase's `injects:`. */
export function list(indent: number, ...items: string[]): string {
  return items.map((item) => `${' '.repeat(indent)}${item}`).join('\n');
}
