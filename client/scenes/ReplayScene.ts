import { activityOf } from '../app/activity.ts';
import { boardView } from '../app/boardView.ts';
import { DomScene } from '../app/DomScene.ts';
import { errorText } from '../app/errorText.ts';
import { inboxItems, type InboxItem } from '../app/inboxItems.ts';
import { channelName, humanise, organisationName, senderName } from '../app/names.ts';
import { t, tMaybe } from '../i18n/i18n.ts';
import { localText, setScenarioLanguages } from '../i18n/localText.ts';
import { takeAdminToken } from '../net/adminToken.ts';
import { ReplayApi, ReplayError, type ReplayMoment, type ReplayTimeline } from '../net/replayApi.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import { formatClock } from '../ui/formatTime.ts';
import { tlpColour } from '../ui/theme.ts';
import { ActivityFeed } from '../widgets/ActivityFeed.ts';
import { brandMark } from '../widgets/brandMark.ts';
import { HeadlineList } from '../widgets/HeadlineList.ts';
import { InboxList } from '../widgets/InboxList.ts';
import { InjectReader } from '../widgets/InjectReader.ts';
import { languageSwitch } from '../widgets/LanguageSwitch.ts';
import { ReplayScrubber } from '../widgets/ReplayScrubber.ts';
import { SeatSwitcher } from '../widgets/SeatSwitcher.ts';
import { SituationBoard } from '../widgets/SituationBoard.ts';
import { TabPanel } from '../widgets/TabPanel.ts';

export interface ReplayArgs {
  readonly exerciseId: string;
  readonly seat: string | null;
  readonly seq: number | null;
}

/** Stepping forward by at most this many events animates what arrived on the board, as it did live. */
const ANIMATED_STEP = 3;

/**
 * A finished exercise, scrubbed through in time and seen through any seat's eyes: the board, and what that seat
 * had received, exactly as the server filtered it for that seat at that moment (GET …/replay). The screen only
 * shows; it sends nothing. Control and evaluators reach it from their screens once the exercise has ended.
 */
export class ReplayScene extends DomScene<ReplayArgs> {
  private api!: ReplayApi;
  private timeline!: ReplayTimeline;
  private board!: SituationBoard;
  private scrubber!: ReplayScrubber;
  private panel!: HTMLElement;
  private seat = 'control';
  private moment: ReplayMoment | undefined;
  private pending: AbortController | undefined;
  private readonly title = el('h1', { class: 'replay-title' });
  private readonly status = el('p', { class: 'replay-status', attrs: { role: 'status' } });
  /** The board in words: the canvas is hidden from screen readers, and this is what it shows. */
  private readonly situation = el('p', { class: 'board-caption replay-situation', attrs: { 'data-replay': 'situation' } });
  private view: { refresh(m: ReplayMoment): void } | undefined;

  constructor() {
    super('ReplayScene');
  }

  create(): void {
    const root = this.mount('replay-screen', t('replay.label'));
    this.api = new ReplayApi(this.args.exerciseId, takeAdminToken());
    this.seat = this.args.seat ?? 'control';
    if (!this.api.hasCredential) return void root.append(this.codeForm());
    root.append(el('div', { class: 'replay-loading' }, [this.status]));
    setText(this.status, t('replay.loading'));
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      this.timeline = await this.api.timeline();
    } catch (error) {
      return this.fail(error);
    }
    if (!this.scene.isActive()) return;
    setScenarioLanguages(this.timeline.scenario.languages);
    const last = this.timeline.events.length;
    const seq = Math.min(this.args.seq ?? last, last);
    const first = await this.fetch(seq);
    if (!first || !this.scene.isActive()) return;
    this.build(first);
    this.show(first);
  }

  /** The screen around the board, once the timeline and the first moment are known. */
  private build(first: ReplayMoment): void {
    const seats = this.timeline.seats.map((s) => ({
      id: s.id,
      label:
        s.kind === 'control' ? t('replay.seat.control') : s.kind === 'screen' ? t('replay.seat.screen') : organisationName(first, s.id),
    }));
    const switcher = new SeatSwitcher(seats, this.seat, (seat) => {
      this.seat = seat;
      void this.go(this.scrubber.value, false);
    });
    this.scrubber = new ReplayScrubber((seq) => void this.go(seq, true));
    this.scrubber.setTimeline(
      this.timeline.events.length,
      this.timeline.events
        .filter((e) => e.injects.length)
        .map((e) => ({ seq: e.seq, label: `${formatClock(e.atMs)} ${e.injects.map((i) => localText(i.title, i.id)).join(', ')}` })),
    );
    setText(this.title, localText(this.timeline.scenario.title, this.timeline.exercise.name));
    this.panel = el('div', { class: 'replay-side' });
    const slot = el('section', { class: 'board-slot', attrs: { 'aria-label': t('board.label') } }, [this.situation]);
    replaceChildren(this.root, [
      el('header', { class: 'topbar replay-head' }, [
        brandMark(),
        el('div', { class: 'topbar-context' }, [
          this.title,
          el('div', { class: 'topbar-identity' }, [
            el('strong', { text: t('replay.title') }),
            el('span', { text: this.timeline.exercise.name }),
          ]),
        ]),
        switcher.element,
        languageSwitch(() => this.scene.restart({ ...this.args, seat: this.seat, seq: this.scrubber.value })),
      ]),
      el('div', { class: 'replay-main' }, [el('div', { class: 'replay-left' }, [slot, this.scrubber.element]), this.panel]),
      this.status,
    ]);
    this.board = new SituationBoard(this);
    this.watchSlot(slot, (rect) => this.board.layout(rect));
    this.buildPanel(first);
  }

  /** The seat's own side: its inbox and log, the staff's activity of everyone, or the big screen's headlines. */
  private buildPanel(m: ReplayMoment): void {
    const role = m.seat.role;
    if (role === 'participant') this.view = this.inboxView();
    else if (role === 'screen') this.view = this.headlineView();
    else this.view = this.activityView(m);
  }

  private inboxView(): { refresh(m: ReplayMoment): void } {
    let selected: InboxItem | undefined;
    let current: ReplayMoment | undefined;
    const reader = new InjectReader({ acknowledge: () => undefined, reply: () => undefined, forward: () => undefined });
    const read = (item: InboxItem) => {
      selected = item;
      if (!current) return;
      const c = current;
      const inject = item.kind === 'inject' ? item.inject : undefined;
      const from = inject
        ? senderName(c, inject.from, inject.fromName)
        : organisationName(c, item.kind === 'message' ? item.message.from : '');
      const to = (inject?.to ?? (item.kind === 'message' ? item.message.to : [])).map((id) => organisationName(c, id)).join(', ');
      const org = c.seat.organisation;
      reader.show(item, {
        sender: from,
        recipients: to,
        acknowledgedAt: inject && org ? c.state.desks?.get(org)?.acknowledged.get(inject.id) : undefined,
        canAcknowledge: false,
        canReply: false,
        canForward: false,
      });
    };
    const inbox = new InboxList({ select: read, acknowledge: () => undefined, reply: () => undefined });
    const log = new ActivityFeed([]);
    const tabs = new TabPanel(t('replay.title'));
    tabs.add('inbox', t('inbox.title'), el('div', { class: 'replay-inbox' }, [inbox.element, reader.element]));
    tabs.add('log', t('log.title'), log.element);
    replaceChildren(this.panel, [el('section', { class: 'panel replay-panel' }, [tabs.element])]);
    return {
      refresh: (m) => {
        current = m;
        const items = inboxItems(m);
        const desk = m.seat.organisation ? m.state.desks?.get(m.seat.organisation) : undefined;
        inbox.render(items, (item) => ({
          unread: false,
          acknowledged: item.kind === 'inject' && desk?.acknowledged.has(item.inject.id) === true,
          sender:
            item.kind === 'inject'
              ? senderName(m, item.inject.from, item.inject.fromName)
              : item.sent
                ? t('inbox.to', { names: item.message.to.map((id) => organisationName(m, id)).join(', ') })
                : organisationName(m, item.message.from),
        }));
        const still = selected && items.find((i) => i.id === selected!.id);
        if (still) read(still);
        else {
          selected = undefined;
          reader.clear();
        }
        log.render(activityOf(m).filter((a) => a.kind !== 'inject' && a.kind !== 'message'));
      },
    };
  }

  private activityView(m: ReplayMoment): { refresh(m: ReplayMoment): void } {
    const orgs = [...m.state.organisations.values()].map((o) => ({ id: o.id, name: localText(o.name, o.id) }));
    const feed = new ActivityFeed(orgs, t('eval.activity'));
    replaceChildren(this.panel, [el('section', { class: 'panel replay-panel' }, [el('div', { class: 'panel-body' }, [feed.element])])]);
    return { refresh: (next) => feed.render(activityOf(next)) };
  }

  private headlineView(): { refresh(m: ReplayMoment): void } {
    const headlines = new HeadlineList(t('screen.headlines'), t('screen.noHeadlines'));
    replaceChildren(this.panel, [
      el('section', { class: 'panel replay-panel' }, [el('div', { class: 'panel-body' }, [headlines.element])]),
    ]);
    return {
      refresh: (m) => {
        const bodies = new Map([...m.injects.values()].map((v) => [v.id, localText(v.body)]));
        headlines.render(
          [...m.state.headlines].reverse().map((h) => ({
            id: h.inject,
            atMs: h.atMs,
            channel: channelName(h.channel),
            title: localText(h.title, h.inject),
            body: bodies.get(h.inject) ?? '',
          })),
        );
      },
    };
  }

  /** Moves to event `seq` (as this seat saw it); the latest request wins while the slider is dragged. */
  private async go(seq: number, animate: boolean): Promise<void> {
    const before = this.moment;
    const next = await this.fetch(seq);
    if (!next || !this.scene.isActive()) return;
    const seatChanged = before?.seatId !== next.seatId;
    if (seatChanged) this.buildPanel(next);
    this.show(next);
    if (animate && !seatChanged && before && next.seq > before.seq && next.seq - before.seq <= ANIMATED_STEP) this.animate(before, next);
  }

  private async fetch(seq: number): Promise<ReplayMoment | undefined> {
    this.pending?.abort();
    const controller = (this.pending = new AbortController());
    try {
      return await this.api.moment(seq, this.seat, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      this.fail(error);
      return undefined;
    } finally {
      if (this.pending === controller) this.pending = undefined;
    }
  }

  private show(m: ReplayMoment): void {
    this.moment = m;
    history.replaceState(
      history.state,
      '',
      `${location.pathname}?${new URLSearchParams({ seat: m.seatId, seq: String(m.seq) }).toString()}`,
    );
    const board = boardView(m);
    this.board.update(board);
    setText(
      this.situation,
      [board.escalation.label, ...board.gauges.map((g) => `${g.label} ${g.value}${g.unit ? ` ${g.unit}` : ''}`)].join(' · '),
    );
    this.view?.refresh(m);
    const event = this.timeline.events[m.seq - 1];
    this.scrubber.show(m.seq, formatClock(m.atMs), event ? this.describe(event) : t('replay.beforeCaption'));
    setText(this.status, '');
  }

  /** What happened at one event, in a few words. */
  private describe(event: ReplayTimeline['events'][number]): string {
    const what = tMaybe(`replay.event.${event.type}`) ?? humanise(event.type.replace('.', ' '));
    const who = event.actor.role === 'system' ? '' : ` · ${event.actor.name}`;
    const delivered = event.injects.length
      ? ` · ${t('replay.delivered', { titles: event.injects.map((i) => localText(i.title, i.id)).join(', ') })}`
      : '';
    return `${what}${who}${delivered}`;
  }

  /** What arrived between two nearby moments travels across the board, as it did live. */
  private animate(before: ReplayMoment, next: ReplayMoment): void {
    for (const v of next.injects.values())
      if (!before.injects.has(v.id)) this.board.arrive(v.from, v.to, tlpColour(v.tlp), channelName(v.channel));
    for (const m of next.messages.values())
      if (!before.messages.has(m.id)) this.board.arrive(m.from, m.to, tlpColour(m.tlp), t('channel.message'));
  }

  private fail(error: unknown): void {
    if (error instanceof ReplayError && (error.status === 401 || error.status === 403)) {
      this.api.forgetCode();
      return void replaceChildren(this.root, [this.codeForm(errorText(error.code, error.message))]);
    }
    const message = error instanceof ReplayError ? errorText(error.code, error.message) : String(error);
    setText(this.status, message);
  }

  /** Without a code (or with a refused one): ask for the code of Control, an evaluator or an observer. */
  private codeForm(problem = ''): HTMLElement {
    const input = el('input', {
      class: 'input',
      attrs: { name: 'code', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-label': t('replay.code') },
    });
    const form = el('form', { class: 'replay-code panel stack' }, [
      el('h1', { class: 'panel-title', text: t('replay.title') }),
      el('p', { class: 'hint', text: t('replay.codeHint') }),
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('replay.code') }), input]),
      el('p', { class: 'form-error', text: problem, attrs: { role: 'alert' } }),
      el('div', { class: 'button-row' }, [el('button', { class: 'button primary', text: t('replay.open'), attrs: { type: 'submit' } })]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!input.value.trim()) return void input.focus();
      this.api.useCode(input.value);
      this.scene.restart({ ...this.args, seat: this.seat });
    });
    requestAnimationFrame(() => input.focus());
    return form;
  }
}
