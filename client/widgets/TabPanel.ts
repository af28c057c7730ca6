import { el, setText, uid } from '../ui/el.ts';

/**
 * Tabs as WAI-ARIA describes them: arrow keys move between tabs, Home/End jump, the panel follows.
 * A tab can carry a count (unread, open decisions).
 */
export class TabPanel {
  readonly element: HTMLElement;
  private readonly list = el('div', { class: 'tablist', attrs: { role: 'tablist' } });
  private readonly body = el('div', { class: 'tabbody' });
  private readonly tabs = new Map<string, { tab: HTMLButtonElement; panel: HTMLElement; badge: HTMLElement }>();
  private selected = '';

  constructor(
    label: string,
    private readonly onSelect: (id: string) => void = () => undefined,
  ) {
    this.list.setAttribute('aria-label', label);
    this.element = el('section', { class: 'tabs' }, [this.list, this.body]);
    this.list.addEventListener('keydown', (e) => this.onKey(e));
  }

  add(id: string, label: string, panel: HTMLElement): void {
    const tabId = uid('tab');
    const panelId = uid('panel');
    const badge = el('span', { class: 'badge', attrs: { hidden: true } });
    const tab = el(
      'button',
      {
        class: 'tab',
        attrs: { type: 'button', role: 'tab', id: tabId, 'aria-controls': panelId, 'data-tab': id, tabindex: -1 },
        on: { click: () => this.select(id) },
      },
      [el('span', { text: label }), badge],
    );
    panel.id = panelId;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tabId);
    panel.classList.add('tabpanel');
    panel.hidden = true;
    this.list.append(tab);
    this.body.append(panel);
    this.tabs.set(id, { tab, panel, badge });
    if (!this.selected) this.select(id);
  }

  select(id: string, focus = false): void {
    const next = this.tabs.get(id);
    if (!next) return;
    this.selected = id;
    for (const [key, { tab, panel }] of this.tabs) {
      const on = key === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
    if (focus) next.tab.focus();
    this.onSelect(id);
  }

  current(): string {
    return this.selected;
  }

  setBadge(id: string, count: number, urgent = false): void {
    const entry = this.tabs.get(id);
    if (!entry) return;
    entry.badge.hidden = count <= 0;
    entry.badge.classList.toggle('urgent', urgent);
    setText(entry.badge, String(count));
  }

  private onKey(event: KeyboardEvent): void {
    const ids = [...this.tabs.keys()];
    const at = ids.indexOf(this.selected);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.select(ids[(to + ids.length) % ids.length]!, true);
  }
}
