import { TLP_COLOURS, type TlpLabel } from '../../shared/scenario/tlp.ts';
import { el } from '../ui/el.ts';

/** A TLP 2.0 label as FIRST draws it: the label's official colour on black. */
export function tlpBadge(label: TlpLabel, size: 'small' | 'large' = 'small'): HTMLElement {
  const badge = el('span', { class: `tlp tlp-${size}`, text: label, attrs: { title: label } });
  badge.style.color = TLP_COLOURS[label];
  return badge;
}
