import { RATINGS, type Rating } from '../../shared/protocol/evaluation.ts';
import { t } from '../i18n/i18n.ts';
import { el, setText, uid } from '../ui/el.ts';
import type { Choice } from './ObservationForm.ts';

export interface RatingDraft {
  readonly objective: string;
  readonly rating: Rating;
  readonly strengths: string;
  readonly improvements: string;
}

/**
 * An evaluator rates an objective P / S / M / U (the HSEEP after-action report's scale), with strengths and
 * areas for improvement. Rating again replaces the rater's earlier rating of that objective.
 */
export class RatingForm {
  readonly element: HTMLElement;
  private readonly objective = el('select', { class: 'select', attrs: { name: 'objective', 'aria-label': t('rate.objective') } });
  private readonly strengths = el('textarea', {
    class: 'textarea',
    attrs: { name: 'strengths', rows: 2, maxlength: 8000, placeholder: t('rate.strengths'), 'aria-label': t('rate.strengths') },
  });
  private readonly improvements = el('textarea', {
    class: 'textarea',
    attrs: { name: 'improvements', rows: 2, maxlength: 8000, placeholder: t('rate.improvements'), 'aria-label': t('rate.improvements') },
  });
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  private readonly group = uid('rating');

  constructor(objectives: readonly Choice[], rate: (draft: RatingDraft) => Promise<string | undefined>) {
    this.objective.replaceChildren(...objectives.map((o) => el('option', { text: o.label, attrs: { value: o.id } })));
    const scale = el('fieldset', { class: 'rating-scale' }, [
      el('legend', { class: 'field-label', text: t('rate.scale') }),
      ...RATINGS.map((r) =>
        el('label', { class: `rating-choice rating-${r}` }, [
          el('input', { attrs: { type: 'radio', name: this.group, value: r } }),
          el('strong', { text: r }),
          el('span', { text: t(`rate.${r}`) }),
        ]),
      ),
    ]);
    const submit = el('button', { class: 'button primary', text: t('rate.submit'), attrs: { type: 'submit' } });
    const form = el('form', { class: 'rating-form stack', attrs: { novalidate: true } }, [
      objectives.length ? this.objective : el('p', { class: 'hint', text: t('rate.noObjectives') }),
      scale,
      this.strengths,
      this.improvements,
      this.error,
      el('div', { class: 'button-row' }, [submit]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosen = form.querySelector<HTMLInputElement>(`input[name="${this.group}"]:checked`);
      if (!this.objective.value) return;
      if (!chosen) return void setText(this.error, t('rate.choose'));
      submit.disabled = true;
      const draft: RatingDraft = {
        objective: this.objective.value,
        rating: chosen.value as Rating,
        strengths: this.strengths.value.trim(),
        improvements: this.improvements.value.trim(),
      };
      void rate(draft).then((failure) => {
        submit.disabled = false;
        setText(this.error, failure ?? '');
        if (failure) return;
        chosen.checked = false;
        this.strengths.value = '';
        this.improvements.value = '';
      });
    });
    this.element = form;
  }
}
