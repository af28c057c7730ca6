import type { Activity } from '../app/activity.ts';
import { t } from '../i18n/i18n.ts';
import { el } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';
import { KeyedList } from '../ui/KeyedList.ts';
import { tlpBadge } from './tlpBadge.ts';

const SHOWN = 300;

/** Everything that happened, newest first, for one organisation or all of them. */
export class ActivityFeed {
  readonly element: HTMLElement;
  private readonly list = el('ol', { class: 'activity-list', attrs: { 'aria-live': 'polite', 'aria-relevant': 'additions' } });
  private readonly empty = el('p', { class: 'empty', text: t('log.empty') });
  private readonly filter = el('select', { class: 'select select-small', attrs: { 'aria-label': t('eval.allOrgs') } });
  private readonly rows: KeyedList<Activity, HTMLLIElement>;
  private items: readonly Activity[] = [];

  constructor(organisations: readonly { id: string; name: string }[], title?: string) {
    this.filter.append(
      el('option', { text: t('eval.allOrgs'), attrs: { value: '' } }),
      ...organisations.map((o) => el('option', { text: o.name, attrs: { value: o.id } })),
    );
    this.filter.addEventListener('change', () => this.render(this.items));
    this.rows = new KeyedList(
      this.list,
      (a) => a.id,
      (a) => this.row(a),
      () => undefined,
    );
    this.element = el('section', { class: 'activity' }, [
      el('div', { class: 'activity-head' }, [title ? el('h2', { class: 'panel-title', text: title }) : null, this.filter]),
      this.list,
      this.empty,
    ]);
  }

  render(items: readonly Activity[]): void {
    this.items = items;
    const org = this.filter.value;
    const shown = items.filter((a) => !org || a.organisations.includes(org)).slice(0, SHOWN);
    this.rows.render(shown);
    this.empty.hidden = shown.length > 0;
  }

  private row(a: Activity): HTMLLIElement {
    return el('li', { class: `activity-row kind-${a.kind}` }, [
      el('div', { class: 'activity-meta' }, [
        el('span', { class: 'activity-time', text: formatStamp(a.atMs) }),
        el('span', { class: 'activity-kind', text: a.label }),
        a.tlp ? tlpBadge(a.tlp) : null,
      ]),
      el('div', { class: 'activity-who', text: a.who }),
      a.title ? el('div', { class: 'activity-title', text: a.title }) : null,
      a.text ? el('div', { class: 'activity-text', text: a.text }) : null,
    ]);
  }
}
