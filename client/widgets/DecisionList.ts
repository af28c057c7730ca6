import { t } from '../i18n/i18n.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import { KeyedList } from '../ui/KeyedList.ts';

export interface Decision {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly report: boolean;
}

/**
 * The decisions open to an organisation now. Taking one is a deliberate act: the button opens a confirm
 * step (with the report field when the scenario asks for one), and only the server says it happened.
 */
export class DecisionList {
  readonly element: HTMLElement;
  private readonly list = el('div', { class: 'decision-list' });
  private readonly empty = el('p', { class: 'empty', text: t('decisions.empty') });
  private readonly cards: KeyedList<Decision, HTMLElement>;

  constructor(
    private readonly take: (decision: Decision, text: string | undefined) => Promise<boolean>,
    title = t('decisions.title'),
  ) {
    this.cards = new KeyedList(
      this.list,
      (d) => d.id,
      (d) => this.card(d),
      () => undefined,
    );
    this.element = el('section', { class: 'decisions stack' }, [el('h2', { class: 'section-title', text: title }), this.list, this.empty]);
  }

  render(decisions: readonly Decision[]): void {
    this.cards.render(decisions);
    this.empty.hidden = decisions.length > 0;
  }

  private card(decision: Decision): HTMLElement {
    const actions = el('div', { class: 'decision-actions' });
    const error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
    const card = el('article', { class: 'decision', attrs: { 'data-decision': decision.id } }, [
      el('h3', { class: 'decision-label', text: decision.label }),
      decision.description ? el('p', { class: 'decision-text', text: decision.description }) : null,
      actions,
      error,
    ]);
    const closed = () => {
      const open = el('button', {
        class: 'button primary',
        text: t('decisions.take'),
        attrs: { type: 'button' },
        on: { click: () => confirming() },
      });
      replaceChildren(actions, [open]);
      return open;
    };
    const confirming = () => {
      const report = decision.report
        ? el('textarea', {
            class: 'textarea',
            attrs: { 'aria-label': t('decisions.report'), placeholder: t('decisions.reportHint'), rows: 4 },
          })
        : undefined;
      const confirm = el('button', { class: 'button primary', text: t('decisions.confirm'), attrs: { type: 'button' } });
      const cancel = el('button', {
        class: 'button ghost',
        text: t('decisions.cancel'),
        attrs: { type: 'button' },
        on: { click: () => closed().focus() },
      });
      confirm.addEventListener('click', () => {
        confirm.disabled = true;
        setText(error, '');
        void this.take(decision, report?.value.trim() || undefined).then((ok) => {
          confirm.disabled = false;
          if (!ok && report) report.focus();
        });
      });
      replaceChildren(actions, [
        report ? el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('decisions.report') }), report]) : null,
        el('div', { class: 'button-row' }, [confirm, cancel]),
      ]);
      (report ?? confirm).focus();
    };
    closed();
    return card;
  }
}
