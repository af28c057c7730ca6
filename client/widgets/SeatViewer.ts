import { inboxItems } from '../app/inboxItems.ts';
import { channelName, humanise, organisationName, senderName } from '../app/names.ts';
import { t } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import type { Connection } from '../net/Connection.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';
import { KeyedList } from '../ui/KeyedList.ts';
import { tlpBadge } from './tlpBadge.ts';
import '../styles/dryRun.css';

/** Joins an organisation's view as a watching seat: the watched connection, or the refusal in words. */
export type WatchOrganisation = (organisation: string) => Promise<Connection | string>;

interface Row {
  readonly id: string;
  readonly atMs: number;
  readonly kind: string;
  readonly tlp?: TlpLabel;
  readonly title: string;
  readonly who: string;
  readonly body: string;
}

/**
 * A dry-run's seat views: Control picks an organisation and sees what its participants see, and when — the
 * injects, messages and log entries the server sends to that organisation's watching seat (filtered on the
 * server; this only shows what arrived), and the decisions open to it now. One organisation at a time.
 */
export class SeatViewer {
  readonly element: HTMLElement;
  private readonly picker = el('div', { class: 'segmented seat-picker', attrs: { role: 'group', 'aria-label': t('views.pick') } });
  private readonly status = el('p', { class: 'hint seat-view-status', attrs: { role: 'status' }, text: t('views.choose') });
  private readonly open = el('ul', { class: 'seat-view-open' });
  private readonly feed = el('ol', { class: 'seat-view-feed', attrs: { 'aria-live': 'polite', 'aria-relevant': 'additions' } });
  private readonly empty = el('p', { class: 'empty', text: t('views.nothing') });
  private readonly body = el('div', { class: 'seat-view', attrs: { hidden: true } });
  private readonly rows: KeyedList<Row, HTMLLIElement>;
  private watched: { organisation: string; connection: Connection; off: () => void } | undefined;
  private wanted = '';

  constructor(
    organisations: readonly { id: string; name: string; simulated: boolean }[],
    private readonly watch: WatchOrganisation,
  ) {
    for (const o of organisations)
      this.picker.append(
        el('button', {
          text: o.simulated ? `${o.name} · ${t('views.simulated')}` : o.name,
          attrs: { type: 'button', 'data-organisation': o.id, 'aria-pressed': 'false' },
          on: { click: () => void this.show(o.id) },
        }),
      );
    this.rows = new KeyedList(
      this.feed,
      (row) => row.id,
      (row) => this.row(row),
      () => undefined,
    );
    replaceChildren(this.body, [
      el('h3', { class: 'section-title', text: t('views.open') }),
      this.open,
      el('h3', { class: 'section-title', text: t('views.received') }),
      this.feed,
      this.empty,
    ]);
    this.element = el('section', { class: 'seat-viewer stack' }, [
      el('div', { class: 'field' }, [el('span', { class: 'field-label', text: t('views.pick') }), this.picker]),
      this.status,
      this.body,
    ]);
  }

  /** Leaves the watched organisation (when the screen goes away). */
  close(): void {
    this.wanted = '';
    this.stopWatching();
  }

  private async show(organisation: string): Promise<void> {
    if (this.watched?.organisation === organisation) return;
    this.wanted = organisation;
    this.stopWatching();
    for (const button of this.picker.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(button.dataset.organisation === organisation));
    setText(this.status, t('views.joining'));
    this.body.hidden = true;
    const joined = await this.watch(organisation);
    if (typeof joined === 'string') {
      if (this.wanted === organisation) setText(this.status, joined);
      return;
    }
    if (this.wanted !== organisation) return void joined.leave(); // another was picked meanwhile
    const render = () => this.render(joined);
    const offs = [
      joined.on('inject', render),
      joined.on('message', render),
      joined.on('log', render),
      joined.on('state', render),
      joined.on('welcome', render),
    ];
    this.watched = { organisation, connection: joined, off: () => offs.forEach((off) => off()) };
    setText(this.status, t('views.watching', { org: organisationName(joined, organisation) }));
    this.body.hidden = false;
    render();
  }

  private stopWatching(): void {
    if (!this.watched) return;
    this.watched.off();
    void this.watched.connection.leave();
    this.watched = undefined;
  }

  private render(c: Connection): void {
    const org = c.seat.organisation ?? '';
    const open = [...(c.state.desks?.get(org)?.openActions ?? [])];
    replaceChildren(
      this.open,
      open.length
        ? open.map((a) => el('li', { text: localText(a.label, humanise(a.id)), attrs: { 'data-action': a.id } }))
        : [el('li', { class: 'empty', text: t('views.noneOpen') })],
    );
    const received: Row[] = inboxItems(c).map((item) =>
      item.kind === 'inject'
        ? {
            id: item.id,
            atMs: item.atMs,
            kind: channelName(item.inject.channel),
            tlp: item.inject.tlp,
            title: localText(item.inject.title, item.inject.id),
            who: senderName(c, item.inject.from, item.inject.fromName),
            body: localText(item.inject.body),
          }
        : {
            id: item.id,
            atMs: item.atMs,
            kind: item.sent ? t('views.sent') : t('channel.message'),
            tlp: item.message.tlp,
            title: item.message.subject,
            who: `${item.message.author} · ${organisationName(c, item.message.from)}`,
            body: item.message.body,
          },
    );
    const logged: Row[] = [...c.logs.values()]
      .filter((l) => l.organisation === org)
      .map((l) => ({ id: `l:${l.id}`, atMs: l.atMs, kind: t('views.log'), title: l.text, who: l.author, body: '' }));
    const rows = [...received, ...logged].sort((a, b) => b.atMs - a.atMs);
    this.rows.render(rows);
    this.empty.hidden = rows.length > 0;
  }

  private row(r: Row): HTMLLIElement {
    const body = r.body ? el('div', { class: 'seat-view-body', text: r.body, attrs: { hidden: true } }) : null;
    const item = el('li', { class: 'seat-view-row', attrs: { 'data-id': r.id } }, [
      el('div', { class: 'seat-view-meta' }, [
        el('span', { class: 'seat-view-time', text: formatStamp(r.atMs) }),
        el('span', { class: 'seat-view-kind', text: r.kind }),
        r.tlp ? tlpBadge(r.tlp) : null,
      ]),
      el('div', { class: 'seat-view-title', text: r.title }),
      el('div', { class: 'seat-view-who', text: r.who }),
      body,
    ]);
    if (body) {
      item.tabIndex = 0;
      const toggle = () => (body.hidden = !body.hidden);
      item.addEventListener('click', toggle);
      item.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          toggle();
        }
      });
    }
    return item;
  }
}
