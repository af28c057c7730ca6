import { boardView } from '../app/boardView.ts';
import { DomScene } from '../app/DomScene.ts';
import type { SeatArgs } from '../app/enterExercise.ts';
import { inboxItems, type InboxItem } from '../app/inboxItems.ts';
import { humanise, organisationName, senderName } from '../app/names.ts';
import { ReadMarks } from '../app/ReadMarks.ts';
import { outcome } from '../app/outcome.ts';
import { t } from '../i18n/i18n.ts';
import { localText, setScenarioLanguages } from '../i18n/localText.ts';
import type { Connection } from '../net/Connection.ts';
import { el } from '../ui/el.ts';
import { tlpColour } from '../ui/theme.ts';
import { ConnectionBanner } from '../widgets/ConnectionBanner.ts';
import { DecisionList } from '../widgets/DecisionList.ts';
import { HotwashForm } from '../widgets/HotwashForm.ts';
import { InboxList } from '../widgets/InboxList.ts';
import { InjectReader } from '../widgets/InjectReader.ts';
import { LogBook } from '../widgets/LogBook.ts';
import { MessageComposer } from '../widgets/MessageComposer.ts';
import { SituationBoard } from '../widgets/SituationBoard.ts';
import { TabPanel } from '../widgets/TabPanel.ts';
import { Toasts } from '../widgets/Toasts.ts';
import { TopBar } from '../widgets/TopBar.ts';

/**
 * A participant's desk: the situation board beside the inbox, the reader, the open decisions, a message
 * composer and the organisation's log. It mirrors the room and sends intents; it decides nothing.
 */
export class ParticipantScene extends DomScene<SeatArgs> {
  private connection!: Connection;
  private board!: SituationBoard;
  private topBar!: TopBar;
  private inbox!: InboxList;
  private reader!: InjectReader;
  private tabs!: TabPanel;
  private hotwash!: HotwashForm;
  private decisions!: DecisionList;
  private composer!: MessageComposer;
  private logBook!: LogBook;
  private toasts!: Toasts;
  private marks!: ReadMarks;
  private selected: InboxItem | undefined;

  constructor() {
    super('ParticipantScene');
  }

  create(): void {
    const c = (this.connection = this.args.connection);
    setScenarioLanguages(c.scenario.languages);
    this.marks = new ReadMarks(c.room.roomId, c.seat.participantId);
    const org = organisationName(c, c.seat.organisation ?? '');
    const root = this.mount('participant-screen', org);
    this.topBar = new TopBar(
      c,
      {
        primary: org,
        secondary: [c.seat.seat ? organisationName(c, `${c.seat.organisation}/${c.seat.seat}`).split(' / ')[1] : null, c.seat.name]
          .filter(Boolean)
          .join(' · '),
      },
      () => this.rebuild(),
    );
    this.toasts = new Toasts();
    const banner = new ConnectionBanner();
    this.inbox = new InboxList({
      select: (item) => this.open(item),
      acknowledge: (item) => void this.acknowledge(item),
      reply: (item) => this.reply(item),
    });
    this.reader = new InjectReader({
      acknowledge: (item) => void this.acknowledge(item),
      reply: (item) => this.reply(item),
      forward: (item) => this.forward(item),
    });
    this.decisions = new DecisionList((d, text) => this.takeDecision(d.id, d.label, text));
    const others = [...c.state.organisations.values()]
      .filter((o) => o.id !== c.seat.organisation)
      .map((o) => ({ id: o.id, name: localText(o.name, o.id) }));
    this.composer = new MessageComposer(others, async (draft) => {
      const failure = outcome(
        await c.send('message.send', {
          to: draft.to,
          tlp: draft.tlp,
          subject: draft.subject,
          body: draft.body,
          ...(draft.forward ? { forward: { kind: draft.forward.kind, id: draft.forward.id } } : {}),
        }),
        this.toasts,
      );
      if (!failure) this.toasts.show(t('compose.sent'), 'ok');
      return failure;
    });
    this.logBook = new LogBook(async (kind, text) => {
      const failure = outcome(await c.send('log.write', { kind, text }), this.toasts);
      if (!failure) this.toasts.show(t('log.added'), 'ok');
      return failure;
    });
    this.tabs = new TabPanel(org);
    this.tabs.add('read', t('tab.read'), this.reader.element);
    this.tabs.add('decisions', t('tab.decisions'), this.decisions.element);
    this.tabs.add('compose', t('tab.compose'), this.composer.element);
    this.tabs.add('log', t('tab.log'), this.logBook.element);
    this.hotwash = new HotwashForm(async (answers) => outcome(await c.send('hotwash.submit', answers), this.toasts));
    this.tabs.add('hotwash', t('hotwash.tab'), this.hotwash.element);

    const slot = el('section', { class: 'board-slot', attrs: { 'aria-label': t('board.label') } });
    root.append(
      this.topBar.element,
      el('div', { class: 'participant-main' }, [
        slot,
        this.inbox.element,
        el('section', { class: 'panel workspace' }, [this.tabs.element]),
      ]),
      this.toasts.element,
      banner.element,
    );

    this.board = new SituationBoard(this);
    this.watchSlot(slot, (rect) => this.board.layout(rect));
    const offs = [
      c.on('state', () => this.refresh()),
      c.on('inject', (v) => {
        this.board.arrive(v.from, v.to, tlpColour(v.tlp), t(`channel.${v.channel}`));
        this.toasts.show(t('toast.newInject', { title: localText(v.title, v.id) }), 'inject');
        this.refreshInbox();
      }),
      c.on('message', (m) => {
        if (m.from !== c.seat.organisation) {
          this.board.arrive(m.from, m.to, tlpColour(m.tlp), t('channel.message'));
          this.toasts.show(t('toast.newMessage', { org: organisationName(c, m.from), subject: m.subject }), 'inject');
        }
        this.refreshInbox();
      }),
      c.on('log', () => this.refreshLog()),
      c.on('welcome', () => this.refresh()),
      c.on('status', (s) => {
        banner.show(s);
        this.topBar.showLink(s);
      }),
    ];
    this.onCleanup(() => {
      for (const off of offs) off();
      this.topBar.destroy();
    });
    this.refresh();
    this.inbox.focus();
  }

  private refresh(): void {
    this.topBar.update();
    this.board.update(boardView(this.connection));
    const desk = this.desk();
    const open = desk ? [...desk.openActions] : [];
    this.decisions.render(
      open.map((a) => ({ id: a.id, label: localText(a.label, humanise(a.id)), description: localText(a.description), report: a.report })),
    );
    this.tabs.setBadge('decisions', open.length, open.length > 0);
    const ended = this.connection.state.clock?.status === 'ended';
    this.hotwash.setOpen(ended);
    this.tabs.setBadge('hotwash', ended ? 1 : 0, ended);
    this.refreshInbox();
    this.refreshLog();
  }

  private refreshInbox(): void {
    const c = this.connection;
    const acknowledged = this.desk()?.acknowledged;
    this.inbox.render(inboxItems(c), (item) => ({
      unread: !(item.kind === 'message' && item.sent) && !this.marks.has(item.id),
      acknowledged: item.kind === 'inject' && acknowledged?.has(item.inject.id) === true,
      sender:
        item.kind === 'inject'
          ? senderName(c, item.inject.from, item.inject.fromName)
          : item.sent
            ? t('inbox.to', { names: item.message.to.map((id) => organisationName(c, id)).join(', ') })
            : organisationName(c, item.message.from),
    }));
    if (this.selected) this.showInReader(this.selected);
  }

  private refreshLog(): void {
    const mine = this.connection.seat.organisation;
    this.logBook.render([...this.connection.logs.values()].filter((l) => l.organisation === mine));
  }

  private desk() {
    const org = this.connection.seat.organisation;
    return org ? this.connection.state.desks?.get(org) : undefined;
  }

  private open(item: InboxItem): void {
    this.selected = item;
    this.marks.mark(item.id);
    this.showInReader(item);
    if (this.tabs.current() !== 'read') this.tabs.select('read');
    this.refreshInbox();
  }

  private showInReader(item: InboxItem): void {
    const c = this.connection;
    const inject = item.kind === 'inject' ? item.inject : undefined;
    const from = inject
      ? senderName(c, inject.from, inject.fromName)
      : organisationName(c, item.kind === 'message' ? item.message.from : '');
    const to = (inject?.to ?? (item.kind === 'message' ? item.message.to : [])).map((id) => organisationName(c, id)).join(', ');
    this.reader.show(item, {
      sender: from,
      recipients: to,
      acknowledgedAt: inject ? this.desk()?.acknowledged.get(inject.id) : undefined,
      canAcknowledge: item.kind === 'inject',
      canReply: this.replyTarget(item) !== undefined,
    });
  }

  private async acknowledge(item: InboxItem): Promise<void> {
    if (item.kind !== 'inject' || this.desk()?.acknowledged.has(item.inject.id)) return;
    outcome(await this.connection.send('acknowledge', { inject: item.inject.id }), this.toasts);
  }

  /** Who a reply goes to: the organisation that sent it, if it is one at the table. */
  private replyTarget(item: InboxItem): string | undefined {
    const from = item.kind === 'inject' ? item.inject.from : item.sent ? undefined : item.message.from;
    return from && from !== this.connection.seat.organisation && this.connection.state.organisations.has(from) ? from : undefined;
  }

  private reply(item: InboxItem): void {
    const to = this.replyTarget(item);
    if (!to) return;
    const subject = item.kind === 'inject' ? localText(item.inject.title) : item.message.subject;
    this.composer.prefill({
      to: [to],
      tlp: item.kind === 'inject' ? item.inject.tlp : item.message.tlp,
      subject: t('compose.re', { subject }),
    });
    this.tabs.select('compose');
    this.composer.focus();
  }

  private forward(item: InboxItem): void {
    const title = item.kind === 'inject' ? localText(item.inject.title, item.inject.id) : item.message.subject;
    const forward =
      item.kind === 'inject'
        ? { kind: 'inject' as const, id: item.inject.id, title }
        : { kind: 'message' as const, id: item.message.id, title };
    this.composer.prefill({
      tlp: item.kind === 'inject' ? item.inject.tlp : item.message.tlp,
      subject: t('compose.fw', { subject: title }),
      forward,
    });
    this.tabs.select('compose');
    this.composer.focus();
  }

  private async takeDecision(action: string, label: string, text: string | undefined): Promise<boolean> {
    const failure = outcome(await this.connection.send('act', { action, ...(text ? { text } : {}) }), this.toasts);
    if (!failure) this.toasts.show(t('decisions.taken', { label }), 'ok');
    return !failure;
  }
}
