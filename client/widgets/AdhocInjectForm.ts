import { CHANNELS, type Channel } from '../../shared/scenario/channels.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { channelName } from '../app/names.ts';
import { t } from '../i18n/i18n.ts';
import { el, setText } from '../ui/el.ts';
import { RecipientPicker, type Recipient } from './RecipientPicker.ts';
import { TlpPicker } from './TlpPicker.ts';

export interface AdhocInject {
  readonly channel: Channel;
  readonly from: string;
  readonly to: string[];
  readonly tlp: TlpLabel;
  readonly title: string;
  readonly body: string;
}

/** An inject Control writes on the spot and delivers now: the simulation cell improvising. */
export class AdhocInjectForm {
  readonly element: HTMLElement;
  private readonly channel = el(
    'select',
    { class: 'select', attrs: { name: 'channel' } },
    CHANNELS.map((c) => el('option', { text: channelName(c), attrs: { value: c } })),
  );
  private readonly from: HTMLSelectElement;
  private readonly to: RecipientPicker;
  private readonly tlp = new TlpPicker('TLP:AMBER');
  private readonly title = el('input', { class: 'input', attrs: { name: 'title', maxlength: 200 } });
  private readonly body = el('textarea', { class: 'textarea', attrs: { name: 'body', rows: 5, maxlength: 4000 } });
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });

  constructor(senders: readonly Recipient[], recipients: readonly Recipient[], send: (inject: AdhocInject) => Promise<string | undefined>) {
    this.from = el(
      'select',
      { class: 'select', attrs: { name: 'from' } },
      senders.map((s) => el('option', { text: s.name, attrs: { value: s.id } })),
    );
    this.to = new RecipientPicker(recipients, t('adhoc.to'));
    const submit = el('button', { class: 'button primary', text: t('adhoc.send'), attrs: { type: 'submit' } });
    const form = el('form', { class: 'adhoc stack', attrs: { novalidate: true } }, [
      el('div', { class: 'field-row' }, [
        el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('adhoc.channel') }), this.channel]),
        el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('adhoc.from') }), this.from]),
      ]),
      this.to.element,
      this.tlp.element,
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('adhoc.title') }), this.title]),
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('adhoc.body') }), this.body]),
      this.error,
      el('div', { class: 'button-row' }, [submit]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const to = this.to.value;
      if (!to.length) return void setText(this.error, t('compose.needRecipient'));
      if (!this.title.value.trim()) return void this.title.focus();
      submit.disabled = true;
      const inject: AdhocInject = {
        channel: this.channel.value as Channel,
        from: this.from.value,
        to,
        tlp: this.tlp.value,
        title: this.title.value.trim(),
        body: this.body.value,
      };
      void send(inject).then((failure) => {
        submit.disabled = false;
        setText(this.error, failure ?? '');
        if (failure) return;
        this.title.value = '';
        this.body.value = '';
      });
    });
    this.element = form;
  }
}
