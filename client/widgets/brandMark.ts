import { t } from '../i18n/i18n.ts';
import { el } from '../ui/el.ts';

/** The SimCell word mark: a small hexagonal cell and the name. Drawn in CSS, no image to load. */
export function brandMark(): HTMLElement {
  return el('div', { class: 'brand' }, [
    el('span', { class: 'brand-cell', attrs: { 'aria-hidden': 'true' } }),
    el('span', { class: 'brand-name', text: t('app.name') }),
  ]);
}
