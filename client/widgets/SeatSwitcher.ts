import { t } from '../i18n/i18n.ts';
import { el } from '../ui/el.ts';

export interface SeatChoice {
  readonly id: string;
  readonly label: string;
}

/** Whose eyes the replay looks through: Control (everything), the big screen, or one organisation or seat. */
export class SeatSwitcher {
  readonly element: HTMLElement;
  private readonly select = el('select', { class: 'select', attrs: { name: 'seat', 'data-replay': 'seat' } });

  constructor(choices: readonly SeatChoice[], current: string, onChange: (seat: string) => void) {
    this.select.append(...choices.map((c) => el('option', { text: c.label, attrs: { value: c.id, selected: c.id === current } })));
    this.select.value = current;
    this.select.addEventListener('change', () => onChange(this.select.value));
    this.element = el('label', { class: 'field seat-switcher' }, [
      el('span', { class: 'field-label', text: t('replay.seat') }),
      this.select,
    ]);
  }
}
