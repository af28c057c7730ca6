import type { InboxItem } from '../app/inboxItems.ts';
import { t } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import { el, replaceChildren, type Child } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';
import { tlpBadge } from './tlpBadge.ts';

export interface ReaderContext {
  readonly sender: string;
  readonly recipients: string;
  /** Exercise ms of this organisation's acknowledgement, if it has acknowledged. */
  readonly acknowledgedAt: number | undefined;
  readonly canAcknowledge: boolean;
  readonly canReply: boolean;
  /** False in a replay, where nothing can be sent. */
  readonly canForward?: boolean;
}

export interface ReaderHandlers {
  readonly acknowledge: (item: InboxItem) => void;
  readonly reply: (item: InboxItem) => void;
  readonly forward: (item: InboxItem) => void;
}

/** Reads one inject or message in full: who sent it, how, under which TLP label, and what it says. */
export class InjectReader {
  readonly element = el('article', { class: 'reader', attrs: { 'aria-live': 'polite' } });
  private shown: string | undefined;

  constructor(private readonly handlers: ReaderHandlers) {
    this.clear();
  }

  clear(): void {
    this.shown = undefined;
    replaceChildren(this.element, [el('p', { class: 'empty', text: t('reader.empty') })]);
  }

  show(item: InboxItem, context: ReaderContext): void {
    const key = `${item.id}|${context.acknowledgedAt ?? ''}|${context.sender}`;
    if (key === this.shown) return;
    this.shown = key;
    const inject = item.kind === 'inject' ? item.inject : undefined;
    const message = item.kind === 'message' ? item.message : undefined;
    const tlp = inject?.tlp ?? message!.tlp;
    const title = inject ? localText(inject.title, inject.id) : message!.subject;
    const body = inject ? localText(inject.body) : message!.body;
    const channel = inject ? t(`channel.${inject.channel}`) : t('channel.message');
    const meta: [string, string][] = [
      [
        t('reader.from'),
        message ? `${context.sender} — ${message.author}${message.simulated ? ` (${t('reader.simulated')})` : ''}` : context.sender,
      ],
      [t('reader.to'), context.recipients],
      [t('reader.channel'), inject?.adhoc ? `${channel} · ${t('reader.adhoc')}` : channel],
      [t('reader.received'), formatStamp(item.atMs)],
    ];
    const forwarded = message?.forwarded;
    const acknowledged = context.acknowledgedAt !== undefined;
    const actions: Child[] = [
      context.canAcknowledge && inject
        ? el('button', {
            class: acknowledged ? 'button ghost' : 'button primary',
            text: acknowledged ? t('reader.acknowledged', { time: formatStamp(context.acknowledgedAt) }) : t('reader.acknowledge'),
            attrs: { type: 'button', disabled: acknowledged, 'data-action': 'acknowledge' },
            on: { click: () => this.handlers.acknowledge(item) },
          })
        : null,
      context.canReply
        ? el('button', {
            class: 'button',
            text: t('reader.reply'),
            attrs: { type: 'button', 'data-action': 'reply' },
            on: { click: () => this.handlers.reply(item) },
          })
        : null,
      context.canForward !== false
        ? el('button', {
            class: 'button ghost',
            text: t('reader.forward'),
            attrs: { type: 'button', 'data-action': 'forward' },
            on: { click: () => this.handlers.forward(item) },
          })
        : null,
    ];
    replaceChildren(this.element, [
      el('header', { class: 'reader-head' }, [
        el('span', { class: `reader-channel channel-${inject?.channel ?? 'message'}`, text: channel }),
        tlpBadge(tlp, 'large'),
      ]),
      el('h2', { class: 'reader-title', text: title }),
      el(
        'dl',
        { class: 'reader-meta' },
        meta.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]),
      ),
      el('div', { class: 'reader-body', text: body }),
      forwarded
        ? el('blockquote', { class: 'reader-forwarded' }, [
            el('div', { class: 'reader-forwarded-head' }, [
              el('span', { text: t('reader.forwarded', { title: forwarded.title }) }),
              tlpBadge(forwarded.tlp),
            ]),
            el('div', { text: forwarded.body }),
          ])
        : null,
      el('div', { class: 'reader-actions' }, actions),
    ]);
  }
}
