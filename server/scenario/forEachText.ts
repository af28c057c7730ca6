import type { Text } from '../../shared/scenario/idSchema.ts';
import type { ParsedScenario } from '../../shared/scenario/scenarioSchema.ts';

export type Path = readonly (string | number)[];

/** Visits every translatable text of a scenario with its path [F4]. */
export function forEachText(s: ParsedScenario, visit: (text: Text, path: Path) => void): void {
  const maybe = (text: Text | undefined, path: Path) => text !== undefined && visit(text, path);
  visit(s.title, ['title']);
  visit(s.summary, ['summary']);
  s.organisations.forEach((o, i) => {
    visit(o.name, ['organisations', i, 'name']);
    maybe(o.description, ['organisations', i, 'description']);
    o.seats.forEach((seat, j) => visit(seat.name, ['organisations', i, 'seats', j, 'name']));
  });
  s.personas.forEach((p, i) => {
    visit(p.name, ['personas', i, 'name']);
    maybe(p.role, ['personas', i, 'role']);
  });
  s.indicators.forEach((x, i) => visit(x.label, ['indicators', i, 'label']));
  s.escalation?.levels.forEach((l, i) => visit(l.label, ['escalation', 'levels', i, 'label']));
  const injects = (list: ParsedScenario['timeline'], base: Path) =>
    list.forEach((inject, i) => {
      visit(inject.title, [...base, i, 'title']);
      visit(inject.body, [...base, i, 'body']);
    });
  injects(s.timeline, ['timeline']);
  for (const [id, p] of Object.entries(s.phases)) {
    visit(p.title, ['phases', id, 'title']);
    maybe(p.description, ['phases', id, 'description']);
    injects(p.injects, ['phases', id, 'injects']);
  }
  s.actions.forEach((a, i) => {
    visit(a.label, ['actions', i, 'label']);
    maybe(a.description, ['actions', i, 'description']);
  });
  s.objectives.forEach((o, i) => visit(o.text, ['objectives', i, 'text']));
}
