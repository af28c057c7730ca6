import { t } from '../i18n/i18n.ts';
import { el } from '../ui/el.ts';

export interface Recipient {
  readonly id: string;
  readonly name: string;
}

/** Organisations as check chips, with "all organisations" to tick every one. */
export class RecipientPicker {
  readonly element: HTMLElement;
  private readonly boxes = new Map<string, HTMLInputElement>();
  private readonly all: HTMLInputElement;

  constructor(recipients: readonly Recipient[], legend = t('compose.to')) {
    this.all = el('input', { attrs: { type: 'checkbox', 'data-recipient': '*' } });
    this.all.addEventListener('change', () => {
      for (const box of this.boxes.values()) box.checked = this.all.checked;
    });
    const chips = recipients.map((r) => {
      const box = el('input', { attrs: { type: 'checkbox', value: r.id, 'data-recipient': r.id } });
      box.addEventListener('change', () => this.syncAll());
      this.boxes.set(r.id, box);
      return el('label', { class: 'chip' }, [box, el('span', { text: r.name })]);
    });
    this.element = el('fieldset', { class: 'field plain' }, [
      el('legend', { class: 'field-label', text: legend }),
      el('div', { class: 'chips' }, [
        el('label', { class: 'chip chip-all' }, [this.all, el('span', { text: t('compose.all') })]),
        ...chips,
      ]),
    ]);
  }

  get value(): string[] {
    return [...this.boxes].filter(([, box]) => box.checked).map(([id]) => id);
  }

  set value(ids: readonly string[]) {
    for (const [id, box] of this.boxes) box.checked = ids.includes(id);
    this.syncAll();
  }

  focus(): void {
    this.boxes.values().next().value?.focus();
  }

  private syncAll(): void {
    this.all.checked = this.boxes.size > 0 && [...this.boxes.values()].every((b) => b.checked);
  }
}
