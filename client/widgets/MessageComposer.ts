import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { t } from '../i18n/i18n.ts';
import { el, setText } from '../ui/el.ts';
import { RecipientPicker, type Recipient } from './RecipientPicker.ts';
import { TlpPicker } from './TlpPicker.ts';

export interface Draft {
  readonly to: string[];
  readonly tlp: TlpLabel;
  readonly subject: string;
  readonly body: string;
  readonly forward?: { readonly kind: 'inject' | 'message'; readonly id: string; readonly title: string };
  /** Control only: the simulated organisation to speak for. */
  readonly as?: string;
}

/**
 * A message to other organisations: recipients, a TLP label, subject and text, optionally forwarding
 * something received. Ctrl+Enter sends. The server checks the TLP rules; a refusal is shown here.
 */
export class MessageComposer {
  readonly element: HTMLElement;
  private readonly recipients: RecipientPicker;
  private readonly tlp = new TlpPicker('TLP:GREEN');
  private readonly subject = el('input', { class: 'input', attrs: { maxlength: 200, name: 'subject' } });
  private readonly body = el('textarea', { class: 'textarea', attrs: { rows: 6, maxlength: 8000, name: 'body' } });
  private readonly as: HTMLSelectElement | undefined;
  private readonly forwardNote = el('div', { class: 'forward-note', attrs: { hidden: true } });
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  private readonly submit = el('button', { class: 'button primary', text: t('compose.send'), attrs: { type: 'submit' } });
  private forward: Draft['forward'];

  constructor(
    recipients: readonly Recipient[],
    private readonly send: (draft: Draft) => Promise<string | undefined>,
    speakers?: readonly Recipient[],
  ) {
    this.recipients = new RecipientPicker(recipients);
    if (speakers) {
      this.as = el('select', { class: 'select', attrs: { name: 'as' } }, [
        el('option', { text: t('compose.asControl'), attrs: { value: '' } }),
        ...speakers.map((s) => el('option', { text: s.name, attrs: { value: s.id } })),
      ]);
    }
    const form = el('form', { class: 'composer stack', attrs: { novalidate: true } }, [
      this.as ? el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('compose.as') }), this.as]) : null,
      this.recipients.element,
      this.tlp.element,
      this.forwardNote,
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('compose.subject') }), this.subject]),
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('compose.body') }), this.body]),
      this.error,
      el('div', { class: 'button-row' }, [this.submit, el('span', { class: 'hint', text: t('compose.keys') })]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.trySend();
    });
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.trySend();
      }
    });
    this.element = form;
  }

  /** Starts a reply or a forward; the person finishes it. */
  prefill(draft: Partial<Draft>): void {
    this.recipients.value = draft.to ?? [];
    if (draft.tlp) this.tlp.value = draft.tlp;
    this.subject.value = draft.subject ?? '';
    this.body.value = draft.body ?? '';
    this.forward = draft.forward;
    this.forwardNote.hidden = !draft.forward;
    if (draft.forward) {
      const clear = el('button', { class: 'button small ghost', text: t('compose.clearForward'), attrs: { type: 'button' } });
      clear.addEventListener('click', () => this.prefill({ ...draft, forward: undefined }));
      this.forwardNote.replaceChildren(el('span', { text: t('compose.forwarding', { title: draft.forward.title }) }), clear);
    }
    if (this.as && draft.as !== undefined) this.as.value = draft.as;
    setText(this.error, '');
  }

  focus(): void {
    if (this.recipients.value.length) this.body.focus();
    else this.recipients.focus();
  }

  private async trySend(): Promise<void> {
    const to = this.recipients.value;
    if (!to.length) return void setText(this.error, t('compose.needRecipient'));
    const subject = this.subject.value.trim();
    if (!subject) return void this.subject.focus();
    this.submit.disabled = true;
    setText(this.submit, t('compose.sending'));
    const draft: Draft = {
      to,
      tlp: this.tlp.value,
      subject,
      body: this.body.value,
      ...(this.forward ? { forward: this.forward } : {}),
      ...(this.as?.value ? { as: this.as.value } : {}),
    };
    const failure = await this.send(draft);
    this.submit.disabled = false;
    setText(this.submit, t('compose.send'));
    setText(this.error, failure ?? '');
    if (!failure) this.prefill({ tlp: draft.tlp, ...(draft.as ? { as: draft.as } : {}) });
  }
}
