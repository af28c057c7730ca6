import { t } from '../i18n/i18n.ts';
import { el, setText } from '../ui/el.ts';

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export interface Observation {
  readonly text: string;
  readonly organisation?: string;
  readonly objective?: string;
  readonly inject?: string;
}

/** An evaluator's note, tied (optionally) to an organisation, an objective and an inject. */
export class ObservationForm {
  readonly element: HTMLElement;
  private readonly text = el('textarea', {
    class: 'textarea',
    attrs: { name: 'observation', rows: 4, maxlength: 8000, 'aria-label': t('eval.observation') },
  });
  private readonly organisation = el('select', { class: 'select', attrs: { name: 'organisation', 'aria-label': t('sim.organisation') } });
  private readonly objective = el('select', { class: 'select', attrs: { name: 'objective', 'aria-label': t('eval.objectives') } });
  private readonly inject = el('select', { class: 'select', attrs: { name: 'inject', 'aria-label': t('eval.anyInject') } });
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  private injectKey = '';

  constructor(
    organisations: readonly Choice[],
    objectives: readonly Choice[],
    record: (observation: Observation) => Promise<string | undefined>,
  ) {
    fill(this.organisation, t('eval.anyOrg'), organisations);
    fill(this.objective, t('eval.anyObjective'), objectives);
    fill(this.inject, t('eval.anyInject'), []);
    const submit = el('button', { class: 'button primary', text: t('eval.record'), attrs: { type: 'submit' } });
    const form = el('form', { class: 'observation-form stack', attrs: { novalidate: true } }, [
      this.text,
      el('div', { class: 'observation-about' }, [
        el('span', { class: 'field-label', text: t('eval.about') }),
        this.organisation,
        this.objective,
        this.inject,
      ]),
      this.error,
      el('div', { class: 'button-row' }, [submit]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.text.value.trim();
      if (!text) return void this.text.focus();
      submit.disabled = true;
      const observation: Observation = {
        text,
        ...optional('organisation', this.organisation.value),
        ...optional('objective', this.objective.value),
        ...optional('inject', this.inject.value),
      };
      void record(observation).then((failure) => {
        submit.disabled = false;
        setText(this.error, failure ?? '');
        if (!failure) this.text.value = '';
      });
    });
    this.element = form;
  }

  /** The injects delivered so far, to tie an observation to. */
  setInjects(injects: readonly Choice[]): void {
    const key = injects.map((i) => i.id).join(',');
    if (key === this.injectKey) return;
    this.injectKey = key;
    const chosen = this.inject.value;
    fill(this.inject, t('eval.anyInject'), injects);
    this.inject.value = chosen;
  }
}

function fill(select: HTMLSelectElement, none: string, choices: readonly Choice[]): void {
  select.replaceChildren(
    el('option', { text: none, attrs: { value: '' } }),
    ...choices.map((c) => el('option', { text: c.label, attrs: { value: c.id } })),
  );
}

function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
