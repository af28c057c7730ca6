import type { InboxItem } from '../app/inboxItems.ts';
import { t } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';
import { KeyedList } from '../ui/KeyedList.ts';
import { tlpBadge } from './tlpBadge.ts';

export interface InboxHandlers {
  readonly select: (item: InboxItem) => void;
  readonly acknowledge: (item: InboxItem) => void;
  readonly reply: (item: InboxItem) => void;
}

export interface InboxRowState {
  readonly unread: boolean;
  readonly acknowledged: boolean;
  readonly sender: string;
}

/**
 * The inbox as a listbox: ↑/↓ (or j/k) move and open, A acknowledges, R replies. Rows keep their place
 * while new ones arrive at the top, so the reader is not pulled away from what they are reading.
 */
export class InboxList {
  readonly element: HTMLElement;
  private readonly list = el('ul', { class: 'inbox-list', attrs: { role: 'listbox', tabindex: 0, 'aria-label': t('inbox.title') } });
  private readonly unread = el('span', { class: 'badge urgent', attrs: { hidden: true } });
  private readonly empty = el('p', { class: 'empty', text: t('inbox.empty') });
  private readonly rows: KeyedList<InboxItem & InboxRowState, HTMLLIElement>;
  private items: InboxItem[] = [];
  private selected: string | undefined;

  constructor(private readonly handlers: InboxHandlers) {
    this.rows = new KeyedList(
      this.list,
      (item) => item.id,
      (item) =>
        el('li', {
          class: 'inbox-row',
          attrs: { role: 'option', id: `row-${item.id.replace(/[^\w-]/g, '_')}` },
          on: { click: () => this.select(item.id) },
        }),
      (row, item) => this.fill(row, item),
    );
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.element = el('section', { class: 'panel inbox' }, [
      el('div', { class: 'panel-head' }, [el('h2', { class: 'panel-title', text: t('inbox.title') }), this.unread]),
      el('div', { class: 'panel-body flush' }, [this.list, this.empty]),
      el('div', { class: 'kbd-hint', text: t('inbox.keys') }),
    ]);
  }

  render(items: readonly InboxItem[], stateOf: (item: InboxItem) => InboxRowState): void {
    this.items = [...items];
    const rows = items.map((item) => ({ ...item, ...stateOf(item) }));
    this.rows.render(rows);
    this.empty.hidden = items.length > 0;
    const unread = rows.filter((r) => r.unread).length;
    this.unread.hidden = unread === 0;
    setText(this.unread, t('inbox.unread', { n: unread }));
    this.markSelected();
  }

  select(id: string, notify = true): void {
    this.selected = id;
    this.markSelected();
    const item = this.items.find((i) => i.id === id);
    if (item && notify) this.handlers.select(item);
  }

  focus(): void {
    this.list.focus();
  }

  private markSelected(): void {
    for (const key of this.rows.keys()) this.rows.row(key)!.setAttribute('aria-selected', String(key === this.selected));
    const row = this.selected ? this.rows.row(this.selected) : undefined;
    if (row) {
      this.list.setAttribute('aria-activedescendant', row.id);
      row.scrollIntoView({ block: 'nearest' });
    } else this.list.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const at = this.items.findIndex((i) => i.id === this.selected);
    const current = this.items[at];
    const move = (to: number) => {
      const next = this.items[Math.max(0, Math.min(this.items.length - 1, to))];
      if (next) this.select(next.id);
      event.preventDefault();
    };
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        return move(at + 1);
      case 'ArrowUp':
      case 'k':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(this.items.length - 1);
      case 'Enter':
      case ' ':
        return move(Math.max(0, at));
      case 'a':
      case 'A':
        if (current) this.handlers.acknowledge(current);
        return;
      case 'r':
      case 'R':
        if (current) {
          event.preventDefault();
          this.handlers.reply(current);
        }
    }
  }

  private fill(row: HTMLLIElement, item: InboxItem & InboxRowState): void {
    const title = item.kind === 'inject' ? localText(item.inject.title, item.inject.id) : item.message.subject;
    const tlp = item.kind === 'inject' ? item.inject.tlp : item.message.tlp;
    const channel = item.kind === 'inject' ? t(`channel.${item.inject.channel}`) : item.sent ? t('inbox.sent') : t('channel.message');
    const key = [title, tlp, channel, item.unread, item.acknowledged, item.sender].join('|');
    if (row.dataset.render === key) return;
    row.dataset.render = key;
    row.classList.toggle('unread', item.unread);
    row.classList.toggle('sent', item.kind === 'message' && item.sent);
    replaceChildren(row, [
      el('span', { class: 'inbox-dot', attrs: { 'aria-hidden': 'true' } }),
      el('div', { class: 'inbox-meta' }, [
        el('span', { class: 'inbox-channel', text: channel }),
        el('span', { class: 'inbox-time', text: formatStamp(item.atMs) }),
        tlpBadge(tlp),
      ]),
      el('div', { class: 'inbox-title', text: title }),
      el('div', { class: 'inbox-sender' }, [
        el('span', { text: item.sender }),
        item.acknowledged ? el('span', { class: 'inbox-ack', text: '✓', attrs: { title: t('reader.acknowledge') } }) : null,
      ]),
      item.unread ? el('span', { class: 'visually-hidden', text: t('inbox.new') }) : null,
    ]);
  }
}
