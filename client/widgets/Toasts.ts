import { el } from '../ui/el.ts';

/**
 * Short notices in a corner (a new inject, "message sent", an error). They are read out by screen readers
 * (`aria-live`) and fade by themselves; errors stay longer.
 */
export class Toasts {
  readonly element = el('div', { class: 'toasts', attrs: { 'aria-live': 'polite', role: 'status' } });

  show(text: string, kind: 'info' | 'ok' | 'error' | 'inject' = 'info'): void {
    const toast = el('div', { class: `toast toast-${kind}`, text });
    this.element.append(toast);
    while (this.element.childElementCount > 4) this.element.firstElementChild?.remove();
    window.setTimeout(() => toast.classList.add('leaving'), kind === 'error' ? 7000 : 4000);
    window.setTimeout(() => toast.remove(), kind === 'error' ? 7600 : 4600);
  }
}
