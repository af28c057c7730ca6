import type { PlanItem } from '../../shared/protocol/evaluation.ts';
import type { DebriefState } from '../app/debriefState.ts';
import { t } from '../i18n/i18n.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import type { Choice } from './ObservationForm.ts';

export interface DebriefActions {
  summary(text: string): Promise<string | undefined>;
  setPlanItem(item: PlanItem): Promise<string | undefined>;
  removePlanItem(id: string): Promise<string | undefined>;
  publish(published: boolean): Promise<string | undefined>;
  /** The report's shareable link, when this screen holds the admin token. */
  reportLink(): Promise<string | undefined>;
}

/**
 * Control's debrief: the ratings so far, the executive summary, the improvement plan (issue, corrective
 * action, responsible organisation, due date), and publishing the after-action report to its link.
 */
export class DebriefPanel {
  readonly element: HTMLElement;
  private readonly ratings = el('ul', { class: 'debrief-ratings plain-list' });
  private readonly hotwash = el('p', { class: 'hint' });
  private readonly summary = el('textarea', {
    class: 'textarea',
    attrs: { name: 'summary', rows: 5, maxlength: 15000, 'aria-label': t('debrief.summary') },
  });
  private summaryDirty = false;
  private readonly plan = el('tbody');
  private readonly issue = el('input', {
    class: 'input',
    attrs: { name: 'issue', maxlength: 2000, placeholder: t('debrief.issue'), 'aria-label': t('debrief.issue') },
  });
  private readonly action = el('input', {
    class: 'input',
    attrs: { name: 'action', maxlength: 2000, placeholder: t('debrief.action'), 'aria-label': t('debrief.action') },
  });
  private readonly organisation = el('select', {
    class: 'select',
    attrs: { name: 'organisation', 'aria-label': t('debrief.responsible') },
  });
  private readonly objective = el('select', { class: 'select', attrs: { name: 'objective', 'aria-label': t('debrief.objective') } });
  private readonly due = el('input', {
    class: 'input',
    attrs: { name: 'due', type: 'date', required: true, 'aria-label': t('debrief.due') },
  });
  private readonly publishButton = el('button', { class: 'button', attrs: { type: 'button', name: 'publish' } });
  private readonly link = el('p', { class: 'report-link' });
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  private published = false;
  private planIds: string[] = [];

  constructor(
    private readonly organisations: readonly Choice[],
    private readonly objectives: readonly Choice[],
    private readonly actions: DebriefActions,
  ) {
    this.organisation.replaceChildren(...organisations.map((o) => el('option', { text: o.label, attrs: { value: o.id } })));
    this.objective.replaceChildren(
      el('option', { text: t('eval.anyObjective'), attrs: { value: '' } }),
      ...objectives.map((o) => el('option', { text: o.label, attrs: { value: o.id } })),
    );
    this.summary.addEventListener('input', () => (this.summaryDirty = true));
    const saveSummary = el('button', { class: 'button', text: t('debrief.saveSummary'), attrs: { type: 'button', name: 'saveSummary' } });
    saveSummary.addEventListener(
      'click',
      () => void this.run(this.actions.summary(this.summary.value.trim()), () => (this.summaryDirty = false)),
    );
    const addForm = el('form', { class: 'plan-add', attrs: { novalidate: true } }, [
      this.issue,
      this.action,
      this.organisation,
      this.objective,
      this.due,
      el('button', { class: 'button primary', text: t('debrief.addItem'), attrs: { type: 'submit' } }),
    ]);
    addForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const missing = [this.issue, this.action, this.due].find((input) => !input.value.trim());
      if (missing) return void missing.focus();
      const item: PlanItem = {
        id: this.nextId(),
        issue: this.issue.value.trim(),
        action: this.action.value.trim(),
        organisation: this.organisation.value,
        due: this.due.value,
        ...(this.objective.value ? { objective: this.objective.value } : {}),
      };
      void this.run(this.actions.setPlanItem(item), () => addForm.reset());
    });
    this.publishButton.addEventListener('click', () => void this.run(this.actions.publish(!this.published)));
    const section = (title: string, ...body: HTMLElement[]) =>
      el('section', { class: 'debrief-section stack' }, [el('h3', { text: title }), ...body]);
    this.element = el('div', { class: 'debrief stack' }, [
      section(t('debrief.ratings'), this.ratings, this.hotwash),
      section(t('debrief.summary'), this.summary, el('div', { class: 'button-row' }, [saveSummary])),
      section(
        t('debrief.plan'),
        el('table', { class: 'plan-table' }, [
          el('thead', {}, [
            el(
              'tr',
              {},
              [t('debrief.issue'), t('debrief.action'), t('debrief.responsible'), t('debrief.due'), ''].map((h) => el('th', { text: h })),
            ),
          ]),
          this.plan,
        ]),
        addForm,
      ),
      section(t('debrief.report'), this.link, el('div', { class: 'button-row' }, [this.publishButton])),
      this.error,
    ]);
  }

  render(state: DebriefState): void {
    const label = (choices: readonly Choice[], id: string) => choices.find((c) => c.id === id)?.label ?? id;
    replaceChildren(
      this.ratings,
      this.objectives.map((o) => {
        const given = [...(state.ratings.get(o.id)?.values() ?? [])];
        return el('li', { class: 'debrief-rating' }, [
          el('span', { text: o.label }),
          given.length
            ? el(
                'span',
                { class: 'rating-list' },
                given.map((r) => el('span', { class: `rating-badge rating-${r.rating}`, text: r.rating, attrs: { title: r.author } })),
              )
            : el('span', { class: 'hint', text: t('debrief.notRated') }),
        ]);
      }),
    );
    setText(this.hotwash, t('debrief.hotwashCount', { count: String(state.hotwashCount) }));
    if (!this.summaryDirty && this.summary.value !== state.summary) this.summary.value = state.summary;
    this.planIds = state.plan.map((p) => p.id);
    replaceChildren(
      this.plan,
      state.plan.map((item) =>
        el('tr', { attrs: { 'data-item': item.id } }, [
          el('td', { text: item.issue }),
          el('td', { text: item.action }),
          el('td', { text: label(this.organisations, item.organisation) }),
          el('td', { text: item.due }),
          el('td', {}, [
            el('button', {
              class: 'button small',
              text: t('debrief.remove'),
              attrs: { type: 'button', 'aria-label': t('debrief.removeItem', { issue: item.issue }) },
              on: { click: () => void this.run(this.actions.removePlanItem(item.id)) },
            }),
          ]),
        ]),
      ),
    );
    if (this.published !== state.published || !this.publishButton.textContent) {
      this.published = state.published;
      setText(this.publishButton, t(state.published ? 'debrief.unpublish' : 'debrief.publish'));
      void this.actions
        .reportLink()
        .then((url) =>
          replaceChildren(this.link, [
            url
              ? state.published
                ? el('a', { text: url, attrs: { href: url, target: '_blank', rel: 'noopener' } })
                : el('span', { class: 'hint', text: t('debrief.unpublished') })
              : el('span', { class: 'hint', text: t('debrief.noToken') }),
          ]),
        );
    }
  }

  private nextId(): string {
    let n = this.planIds.length + 1;
    while (this.planIds.includes(`item-${n}`)) n++;
    return `item-${n}`;
  }

  private async run(action: Promise<string | undefined>, done?: () => void): Promise<void> {
    const failure = await action;
    setText(this.error, failure ?? '');
    if (!failure) done?.();
  }
}
