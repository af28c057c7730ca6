import { t, type Language } from '../i18n/i18n.ts';
import { el, setText, uid } from '../ui/el.ts';
import { brandMark } from './brandMark.ts';
import { languageSwitch } from './LanguageSwitch.ts';

export interface JoinFields {
  readonly code: string;
  readonly name: string;
}

/** The join card: code, name and language, and a clear message when a join fails. */
export class JoinForm {
  readonly element: HTMLElement;
  private readonly code: HTMLInputElement;
  private readonly name: HTMLInputElement;
  private readonly submit: HTMLButtonElement;
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });

  constructor(initial: Partial<JoinFields>, onJoin: (fields: JoinFields) => void, onLanguage: (lang: Language) => void) {
    const codeId = uid('code');
    const nameId = uid('name');
    this.code = el('input', {
      class: 'input input-code',
      attrs: {
        id: codeId,
        name: 'code',
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder: t('join.codeHint'),
        maxlength: 40,
        value: initial.code ?? '',
      },
    });
    this.name = el('input', {
      class: 'input',
      attrs: { id: nameId, name: 'name', autocomplete: 'name', placeholder: t('join.nameHint'), maxlength: 60, value: initial.name ?? '' },
    });
    this.submit = el('button', { class: 'button primary wide', text: t('join.submit'), attrs: { type: 'submit' } });
    const form = el('form', { class: 'join-form', attrs: { novalidate: true } }, [
      el('label', { class: 'field' }, [
        el('span', { class: 'field-label', text: t('join.code'), attrs: { id: `${codeId}-l` } }),
        this.code,
      ]),
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('join.name') }), this.name]),
      el('div', { class: 'field' }, [el('span', { class: 'field-label', text: t('language.label') }), languageSwitch(onLanguage, 'long')]),
      this.error,
      this.submit,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const fields = { code: this.code.value.trim(), name: this.name.value.trim() };
      if (!fields.code) return this.fail(t('join.needCode'), this.code);
      if (!fields.name) return this.fail(t('join.needName'), this.name);
      onJoin(fields);
    });
    this.element = el('div', { class: 'join-card' }, [
      el('div', { class: 'join-head' }, [brandMark(), el('span', { class: 'join-tagline', text: t('app.tagline') })]),
      el('h1', { class: 'join-title', text: t('join.title') }),
      el('p', { class: 'join-lead', text: t('join.lead') }),
      form,
      el('p', { class: 'join-hint', text: t('join.controlHint') }),
    ]);
  }

  focus(): void {
    (this.code.value ? this.name : this.code).focus();
  }

  busy(on: boolean): void {
    this.submit.disabled = on;
    setText(this.submit, on ? t('join.joining') : t('join.submit'));
    if (on) setText(this.error, '');
  }

  fail(message: string, field?: HTMLInputElement): void {
    this.busy(false);
    setText(this.error, message);
    field?.focus();
  }
}
