import { t } from '../i18n/i18n.ts';
import { el, setText } from '../ui/el.ts';

/**
 * The hot wash: right after the exercise ends, each participant says what went well and what to improve.
 * Closed (with a note) while the exercise runs; sending again replaces the earlier answers.
 */
export class HotwashForm {
  readonly element: HTMLElement;
  private readonly wentWell = el('textarea', {
    class: 'textarea',
    attrs: { name: 'wentWell', rows: 4, maxlength: 4000, 'aria-label': t('hotwash.wentWell') },
  });
  private readonly toImprove = el('textarea', {
    class: 'textarea',
    attrs: { name: 'toImprove', rows: 4, maxlength: 4000, 'aria-label': t('hotwash.toImprove') },
  });
  private readonly note = el('p', { class: 'hint', attrs: { role: 'status' } });
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  private readonly form: HTMLFormElement;

  constructor(submit: (answers: { wentWell: string; toImprove: string }) => Promise<string | undefined>) {
    const button = el('button', { class: 'button primary', text: t('hotwash.submit'), attrs: { type: 'submit' } });
    this.form = el('form', { class: 'hotwash-form stack', attrs: { novalidate: true } }, [
      el('label', { class: 'field-label', text: t('hotwash.wentWell') }),
      this.wentWell,
      el('label', { class: 'field-label', text: t('hotwash.toImprove') }),
      this.toImprove,
      this.error,
      el('div', { class: 'button-row' }, [button]),
    ]);
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const answers = { wentWell: this.wentWell.value.trim(), toImprove: this.toImprove.value.trim() };
      if (!answers.wentWell && !answers.toImprove) return void this.wentWell.focus();
      button.disabled = true;
      void submit(answers).then((failure) => {
        button.disabled = false;
        setText(this.error, failure ?? '');
        if (!failure) setText(this.note, t('hotwash.thanks'));
      });
    });
    this.element = el('div', { class: 'hotwash stack' }, [el('p', { class: 'hint', text: t('hotwash.intro') }), this.note, this.form]);
    this.setOpen(false);
  }

  /** The form opens when the exercise has ended. */
  setOpen(open: boolean): void {
    this.form.hidden = !open;
    if (!open) setText(this.note, t('hotwash.closed'));
    else if (this.note.textContent === t('hotwash.closed')) setText(this.note, '');
  }
}
