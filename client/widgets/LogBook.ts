import type { LogEntryView, LogKind } from '../../shared/protocol/serverMessages.ts';
import { t } from '../i18n/i18n.ts';
import { el, setText } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';
import { KeyedList } from '../ui/KeyedList.ts';

const FILTERS: readonly (LogKind | 'all')[] = ['all', 'log', 'sitrep', 'action'];

/**
 * The organisation's log book: what it wrote (log entries, situation reports) and what it did (decisions,
 * acknowledgements), newest first, with a form to add to it.
 */
export class LogBook {
  readonly element: HTMLElement;
  private readonly list = el('ol', { class: 'log-list' });
  private readonly empty = el('p', { class: 'empty', text: t('log.empty') });
  private readonly entries: KeyedList<LogEntryView, HTMLLIElement>;
  private readonly kind = el('select', { class: 'select', attrs: { name: 'kind', 'aria-label': t('log.write') } }, [
    el('option', { text: t('log.kind.log'), attrs: { value: 'log' } }),
    el('option', { text: t('log.kind.sitrep'), attrs: { value: 'sitrep' } }),
  ]);
  private readonly text = el('textarea', {
    class: 'textarea',
    attrs: { rows: 3, maxlength: 8000, name: 'log', 'aria-label': t('log.write'), placeholder: t('log.write') },
  });
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  private filter: LogKind | 'all' = 'all';
  private all: readonly LogEntryView[] = [];

  constructor(private readonly write: (kind: 'log' | 'sitrep', text: string) => Promise<string | undefined>) {
    this.entries = new KeyedList(
      this.list,
      (e) => e.id,
      (e) => this.row(e),
      () => undefined,
    );
    const filters = el(
      'div',
      { class: 'segmented', attrs: { role: 'group' } },
      FILTERS.map((f) =>
        el('button', {
          text: f === 'all' ? t('log.filter.all') : t(`log.kind.${f}`),
          attrs: { type: 'button', 'aria-pressed': String(f === 'all'), 'data-filter': f },
        }),
      ),
    );
    filters.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest('button');
      if (!button) return;
      this.filter = button.dataset.filter as LogKind | 'all';
      for (const b of filters.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
      this.render(this.all);
    });
    const add = el('button', { class: 'button primary', text: t('log.add'), attrs: { type: 'submit' } });
    const form = el('form', { class: 'log-form stack' }, [
      el('div', { class: 'field-row' }, [this.kind]),
      this.text,
      this.error,
      el('div', { class: 'button-row' }, [add]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.text.value.trim();
      if (!text) return void this.text.focus();
      add.disabled = true;
      void this.write(this.kind.value as 'log' | 'sitrep', text).then((failure) => {
        add.disabled = false;
        setText(this.error, failure ?? '');
        if (!failure) this.text.value = '';
      });
    });
    this.element = el('section', { class: 'logbook stack' }, [
      form,
      el('div', { class: 'logbook-head' }, [el('h2', { class: 'section-title', text: t('log.title') }), filters]),
      this.list,
      this.empty,
    ]);
  }

  render(entries: readonly LogEntryView[]): void {
    this.all = entries;
    const shown = [...entries].filter((e) => this.filter === 'all' || e.kind === this.filter).reverse();
    this.entries.render(shown);
    this.empty.hidden = shown.length > 0;
  }

  private row(entry: LogEntryView): HTMLLIElement {
    return el('li', { class: `log-entry log-${entry.kind}` }, [
      el('div', { class: 'log-meta' }, [
        el('span', { class: 'log-time', text: formatStamp(entry.atMs) }),
        el('span', { class: 'log-kind', text: t(`log.kind.${entry.kind}`) }),
        el('span', { class: 'log-author', text: entry.author }),
      ]),
      el('div', { class: 'log-text', text: entry.text }),
    ]);
  }
}
