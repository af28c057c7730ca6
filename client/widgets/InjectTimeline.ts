import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { channelName } from '../app/names.ts';
import { t } from '../i18n/i18n.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import { formatDuration, formatStamp } from '../ui/formatTime.ts';
import { KeyedList } from '../ui/KeyedList.ts';
import { tlpBadge } from './tlpBadge.ts';

export interface UpcomingRow {
  readonly id: string;
  readonly dueAtMs: number;
  readonly channel: string;
  readonly tlp: TlpLabel;
  readonly title: string;
  readonly recipients: string;
}

export interface Acknowledgement {
  readonly organisation: string;
  readonly name: string;
  readonly atMs: number | undefined;
  readonly simulated: boolean;
}

export interface DeliveredRow {
  readonly id: string;
  readonly atMs: number;
  readonly channel: string;
  readonly tlp: TlpLabel;
  readonly title: string;
  readonly acknowledgements: readonly Acknowledgement[];
}

/**
 * Control's timeline: what comes next (with a countdown in exercise time) and what has been delivered,
 * with each receiving organisation's acknowledgement.
 */
export class InjectTimeline {
  readonly element: HTMLElement;
  private readonly upcoming: KeyedList<UpcomingRow & { nowMs: number }, HTMLLIElement>;
  private readonly delivered: KeyedList<DeliveredRow, HTMLLIElement>;
  private readonly noUpcoming = el('p', { class: 'empty small', text: t('control.noneUpcoming') });
  private readonly noDelivered = el('p', { class: 'empty small', text: t('control.noneDelivered') });

  constructor(fireNext: () => void) {
    const upcomingList = el('ol', { class: 'timeline-list upcoming' });
    const deliveredList = el('ol', { class: 'timeline-list delivered' });
    this.upcoming = new KeyedList(
      upcomingList,
      (r) => r.id,
      () => el('li', { class: 'timeline-row' }),
      (row, r) => this.fillUpcoming(row, r),
    );
    this.delivered = new KeyedList(
      deliveredList,
      (r) => r.id,
      () => el('li', { class: 'timeline-row' }),
      (row, r) => this.fillDelivered(row, r),
    );
    const fire = el('button', {
      class: 'button small',
      text: t('control.fireNext'),
      attrs: { type: 'button', 'data-control': 'fire-next' },
      on: { click: fireNext },
    });
    this.element = el('section', { class: 'panel timeline' }, [
      el('div', { class: 'panel-head' }, [el('h2', { class: 'panel-title', text: t('control.timeline') }), fire]),
      el('div', { class: 'panel-body timeline-columns' }, [
        el('div', { class: 'timeline-column' }, [
          el('h3', { class: 'section-title', text: t('control.upcoming') }),
          upcomingList,
          this.noUpcoming,
        ]),
        el('div', { class: 'timeline-column' }, [
          el('h3', { class: 'section-title', text: t('control.delivered') }),
          deliveredList,
          this.noDelivered,
        ]),
      ]),
    ]);
  }

  render(upcoming: readonly UpcomingRow[], delivered: readonly DeliveredRow[], nowMs: number): void {
    this.upcoming.render(upcoming.map((r) => ({ ...r, nowMs })));
    this.delivered.render(delivered);
    this.noUpcoming.hidden = upcoming.length > 0;
    this.noDelivered.hidden = delivered.length > 0;
  }

  private fillUpcoming(row: HTMLLIElement, r: UpcomingRow & { nowMs: number }): void {
    const key = `${r.title}|${r.dueAtMs}|${r.recipients}`;
    if (row.dataset.render !== key) {
      row.dataset.render = key;
      replaceChildren(row, [
        el('div', { class: 'timeline-meta' }, [
          el('span', { class: 'timeline-time', text: formatStamp(r.dueAtMs) }),
          el('span', { class: 'timeline-countdown' }),
          el('span', { class: 'timeline-channel', text: channelName(r.channel) }),
          tlpBadge(r.tlp),
        ]),
        el('div', { class: 'timeline-title', text: r.title }),
        el('div', { class: 'timeline-to', text: r.recipients }),
      ]);
    }
    setText(row.querySelector('.timeline-countdown')!, t('control.dueIn', { time: formatDuration(r.dueAtMs - r.nowMs) }));
  }

  private fillDelivered(row: HTMLLIElement, r: DeliveredRow): void {
    const key = JSON.stringify(r);
    if (row.dataset.render === key) return;
    row.dataset.render = key;
    replaceChildren(row, [
      el('div', { class: 'timeline-meta' }, [
        el('span', { class: 'timeline-time', text: formatStamp(r.atMs) }),
        el('span', { class: 'timeline-channel', text: channelName(r.channel) }),
        tlpBadge(r.tlp),
      ]),
      el('div', { class: 'timeline-title', text: r.title }),
      el(
        'div',
        { class: 'ack-chips' },
        r.acknowledgements.map((a) =>
          el('span', {
            class: `ack-chip ${a.atMs !== undefined ? 'done' : a.simulated ? 'simulated' : 'waiting'}`,
            text: a.atMs !== undefined ? `✓ ${a.name} ${formatStamp(a.atMs)}` : a.name,
            attrs: {
              title: a.atMs !== undefined ? t('control.ackd', { time: formatStamp(a.atMs) }) : t('control.notAckd'),
              'data-org': a.organisation,
            },
          }),
        ),
      ),
    ]);
  }
}
