import { TLP_LABELS, type TlpLabel } from '../../shared/scenario/tlp.ts';
import { t } from '../i18n/i18n.ts';
import { el, setText, uid } from '../ui/el.ts';
import { tlpBadge } from './tlpBadge.ts';

/** The five TLP 2.0 labels as a radio group in their own colours, with what the chosen one means. */
export class TlpPicker {
  readonly element: HTMLElement;
  private readonly meaning = el('p', { class: 'hint' });
  private readonly inputs = new Map<TlpLabel, HTMLInputElement>();

  constructor(initial: TlpLabel = 'TLP:GREEN') {
    const name = uid('tlp');
    const options = TLP_LABELS.map((label) => {
      const input = el('input', { attrs: { type: 'radio', name, value: label } });
      input.checked = label === initial;
      input.addEventListener('change', () => this.explain());
      this.inputs.set(label, input);
      return el('label', { class: 'tlp-option' }, [input, tlpBadge(label)]);
    });
    this.element = el('fieldset', { class: 'field plain' }, [
      el('legend', { class: 'field-label', text: t('compose.tlp') }),
      el('div', { class: 'tlp-picker' }, options),
      this.meaning,
    ]);
    this.explain();
  }

  get value(): TlpLabel {
    return TLP_LABELS.find((l) => this.inputs.get(l)!.checked) ?? 'TLP:GREEN';
  }

  set value(label: TlpLabel) {
    this.inputs.get(label)!.checked = true;
    this.explain();
  }

  private explain(): void {
    setText(this.meaning, t(`tlp.${this.value}`));
  }
}
