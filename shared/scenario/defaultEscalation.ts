/** [E1] The escalation ladder of the Dutch crisis structure, used when a scenario gives none. */
export const DEFAULT_ESCALATION_LEVELS = [
  { id: 'normal', label: { en: 'Normal operations', nl: 'Normale bedrijfsvoering' } },
  { id: 'incident', label: { en: 'Incident', nl: 'Incident' } },
  { id: 'large-scale', label: { en: 'Large-scale ICT incident', nl: 'Grootschalig ICT-incident' } },
  { id: 'national-crisis', label: { en: 'National crisis', nl: 'Nationale crisis' } },
] as const;
