import { t } from '../i18n/i18n.ts';
import { el, replaceChildren } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';

export type ExpectationStatus = 'pending' | 'met' | 'late' | 'missed';

export interface ObjectiveView {
  readonly id: string;
  readonly text: string;
  readonly expectations: readonly {
    readonly id: string;
    readonly organisation: string;
    readonly action: string;
    readonly inject: string;
    readonly status: ExpectationStatus;
    readonly dueAtMs: number;
    readonly respondedAtMs: number;
  }[];
}

/**
 * Objectives and the expectations that judge them [B1]: who should do what by when, and whether they did.
 * The automatic status is advice to the evaluator, not the rating [B3].
 */
export class ObjectiveTracker {
  readonly element = el('section', { class: 'objectives stack' });
  private key = '';

  render(objectives: readonly ObjectiveView[]): void {
    const key = JSON.stringify(objectives);
    if (key === this.key) return;
    this.key = key;
    if (!objectives.some((o) => o.expectations.length))
      return replaceChildren(this.element, [el('p', { class: 'empty', text: t('eval.noExpectations') })]);
    replaceChildren(
      this.element,
      objectives.map((o) => {
        const counts = (s: ExpectationStatus) => o.expectations.filter((e) => e.status === s).length;
        return el('article', { class: 'objective', attrs: { 'data-objective': o.id } }, [
          el('header', { class: 'objective-head' }, [
            el('h3', { class: 'objective-text', text: o.text }),
            el(
              'div',
              { class: 'objective-counts' },
              (['met', 'pending', 'late', 'missed'] as const)
                .filter((s) => counts(s) > 0)
                .map((s) => el('span', { class: `status-pill status-${s}`, text: `${counts(s)} ${t(`eval.status.${s}`)}` })),
            ),
          ]),
          el(
            'ul',
            { class: 'expectation-list' },
            o.expectations.map((e) =>
              el('li', { class: `expectation status-${e.status}` }, [
                el('span', { class: `status-dot status-${e.status}`, attrs: { 'aria-hidden': 'true' } }),
                el('div', { class: 'expectation-body' }, [
                  el('div', { text: t('eval.by', { org: e.organisation, action: e.action }) }),
                  el('div', { class: 'hint', text: e.inject }),
                ]),
                el('div', { class: 'expectation-time' }, [
                  el('span', { class: `status-text status-${e.status}`, text: t(`eval.status.${e.status}`) }),
                  el('span', {
                    class: 'hint',
                    text: e.respondedAtMs >= 0 ? formatStamp(e.respondedAtMs) : t('control.due', { time: formatStamp(e.dueAtMs) }),
                  }),
                ]),
              ]),
            ),
          ),
        ]);
      }),
    );
  }
}
