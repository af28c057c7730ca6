import { el, setText } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';
import { KeyedList } from '../ui/KeyedList.ts';

export interface Headline {
  readonly id: string;
  readonly atMs: number;
  readonly channel: string;
  readonly title: string;
  readonly body: string;
}

/** Public news and social posts [J9], newest on top; a new one slides in so the room notices it. */
export class HeadlineList {
  readonly element: HTMLElement;
  private readonly list = el('ol', { class: 'headline-list', attrs: { 'aria-live': 'polite' } });
  private readonly rows: KeyedList<Headline, HTMLLIElement>;
  private readonly empty: HTMLElement;
  private seen = new Set<string>();

  constructor(title: string, emptyText: string) {
    this.empty = el('p', { class: 'empty', text: emptyText });
    this.rows = new KeyedList(
      this.list,
      (h) => h.id,
      (h) =>
        el('li', { class: 'headline' }, [
          el('div', { class: 'headline-meta' }, [
            el('span', { class: 'headline-channel', text: h.channel }),
            el('span', { class: 'headline-time', text: formatStamp(h.atMs) }),
          ]),
          el('div', { class: 'headline-title', text: h.title }),
          el('div', { class: 'headline-body' }),
        ]),
      (row, h) => setText(row.querySelector('.headline-body')!, h.body),
    );
    this.element = el('section', { class: 'panel headlines' }, [
      el('div', { class: 'panel-head' }, [el('h2', { class: 'panel-title', text: title })]),
      el('div', { class: 'panel-body' }, [this.list, this.empty]),
    ]);
  }

  render(headlines: readonly Headline[]): void {
    const first = this.seen.size === 0;
    this.rows.render(headlines);
    for (const h of headlines) {
      if (this.seen.has(h.id)) continue;
      this.seen.add(h.id);
      if (!first) this.rows.row(h.id)?.classList.add('arriving');
    }
    this.empty.hidden = headlines.length > 0;
  }
}
