import { formatDuration } from '../../shared/scenario/duration.ts';
import { DEFAULT_WITHIN_SECONDS } from './mselExpectations.ts';
import { languageName, slugify, uniqueId } from './mselNames.ts';
import type { RowWarnings } from './mselProblem.ts';
import type { MselRow } from './readMselRows.ts';

export type Texts = Partial<Record<string, string>>;

/**
 * The actions and objectives an MSEL implies. Each expected action becomes an action (the same text is
 * the same action) open to the organisations expected to take it, and an expectation of each of them;
 * each objective an objective; an expected action without an objective is judged as an objective of its
 * own. An action only a trigger names is open to all.
 */
export class ActionCatalogue {
  private readonly actions = new Map<string, { label: Texts; by: Set<string> | 'all'; firstRow: number }>();
  private readonly actionByLabel = new Map<string, string>();
  private readonly objectives = new Map<string, Texts>();
  private readonly objectiveByText = new Map<string, string>();
  private readonly primary: string;

  constructor(
    private readonly languages: readonly string[],
    private readonly warnings: RowWarnings,
  ) {
    this.primary = languages[0]!;
  }

  get actionCount(): number {
    return this.actions.size;
  }

  get objectiveCount(): number {
    return this.objectives.size;
  }

  /** The row's expectations as the scenario writes them; `recipients` is who is expected when the row does not say. */
  expectationsOf(row: MselRow, recipients: readonly string[]): Record<string, unknown>[] {
    return row.expects.map((e, i) => {
      const actionId = e.id ?? this.actionByLabel.get(e.label) ?? uniqueId(slugify(e.label) || 'action', new Set(this.actions.keys()));
      if (!e.id) this.actionByLabel.set(e.label, actionId);
      const action = this.declare(actionId, this.translated(row, 'expectLabels', i, e.label, 'Expected Action'), row, false);
      const by = e.by ? [...e.by] : [...recipients];
      if (action.by !== 'all') for (const organisation of by) action.by.add(organisation);

      const index = row.objectives.length === 1 ? 0 : i;
      const line = row.objectives[index];
      let objective = actionId;
      if (line) {
        objective =
          line.id ?? this.objectiveByText.get(line.text) ?? uniqueId(slugify(line.text) || 'objective', new Set(this.objectives.keys()));
        if (!line.id) this.objectiveByText.set(line.text, objective);
        if (!this.objectives.has(objective))
          this.objectives.set(objective, this.translated(row, 'objectiveTexts', index, line.text, 'Objective'));
      } else if (!this.objectives.has(objective)) this.objectives.set(objective, action.label);
      return {
        action: actionId,
        by,
        within: formatDuration(e.withinSeconds ?? DEFAULT_WITHIN_SECONDS),
        objective,
        ...(e.auto !== undefined ? { auto: e.auto === 'control' ? 'control' : formatDuration(e.auto) } : {}),
      };
    });
  }

  /** An action a trigger names (`on notify-ncsc`, `when { action: … }`). */
  declareForTrigger(id: string, row: MselRow): void {
    this.declare(id, Object.fromEntries(this.languages.map((l) => [l, id])), row, true);
  }

  actionsData(text: (t: Texts) => unknown): Record<string, unknown>[] {
    return [...this.actions].map(([id, a]) => ({ id, label: text(a.label), by: a.by === 'all' || a.by.size === 0 ? 'all' : [...a.by] }));
  }

  objectivesData(text: (t: Texts) => unknown): Record<string, unknown>[] {
    return [...this.objectives].map(([id, t]) => ({ id, text: text(t) }));
  }

  private declare(id: string, label: Texts, row: MselRow, forTrigger: boolean) {
    const existing = this.actions.get(id);
    if (!existing) {
      const action = { label, by: forTrigger ? ('all' as const) : new Set<string>(), firstRow: row.row };
      this.actions.set(id, action);
      return action;
    }
    if (forTrigger) return existing;
    // A trigger named it first: an expected action gives it its label and who may take it.
    if (existing.by === 'all') return Object.assign(existing, { label, by: new Set<string>() });
    if (existing.label[this.primary] !== label[this.primary])
      this.warnings.add(
        `action "${id}" keeps the label of row ${existing.firstRow} ("${existing.label[this.primary]}"); the label given here is not used`,
        row.row,
      );
    return existing;
  }

  /** A text in every language: the row's translation, else the first language's text (with a warning). */
  private translated(row: MselRow, kind: 'expectLabels' | 'objectiveTexts', index: number, text: string, column: string): Texts {
    const result: Texts = { [this.primary]: text };
    for (const l of this.languages.slice(1)) {
      const translation = row[kind][l]?.[index];
      if (translation) result[l] = translation;
      else this.warnings.add(`no ${languageName(l)} text in ${column} (${l}): the ${languageName(this.primary)} one is used`, row.row);
    }
    return result;
  }
}
