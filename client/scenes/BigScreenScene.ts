import { boardView } from '../app/boardView.ts';
import { DomScene } from '../app/DomScene.ts';
import type { SeatArgs } from '../app/enterExercise.ts';
import { channelName } from '../app/names.ts';
import { t } from '../i18n/i18n.ts';
import { localText, setScenarioLanguages } from '../i18n/localText.ts';
import type { Connection } from '../net/Connection.ts';
import { el, setText } from '../ui/el.ts';
import { tlpColour } from '../ui/theme.ts';
import { brandMark } from '../widgets/brandMark.ts';
import { ClockDisplay } from '../widgets/ClockDisplay.ts';
import { ConnectionBanner } from '../widgets/ConnectionBanner.ts';
import { EscalationLadder } from '../widgets/EscalationLadder.ts';
import { HeadlineList } from '../widgets/HeadlineList.ts';
import { SituationBoard } from '../widgets/SituationBoard.ts';

/**
 * The projector or crisis-room wall: clock, escalation, the board and public headlines, readable from the
 * back of the room. The server sends this seat public material only; nothing private reaches it.
 */
export class BigScreenScene extends DomScene<SeatArgs> {
  private c!: Connection;
  private clock!: ClockDisplay;
  private escalation!: EscalationLadder;
  private board!: SituationBoard;
  private headlines!: HeadlineList;
  private readonly title = el('h1', { class: 'wall-title' });
  private readonly waiting = el('p', { class: 'wall-waiting', text: t('screen.waiting') });

  constructor() {
    super('BigScreenScene');
  }

  create(): void {
    const c = (this.c = this.args.connection);
    setScenarioLanguages(c.scenario.languages);
    const root = this.mount('wall-screen', t('role.screen'));
    this.clock = new ClockDisplay('wall');
    this.escalation = new EscalationLadder('wall');
    this.headlines = new HeadlineList(t('screen.headlines'), t('screen.noHeadlines'));
    const banner = new ConnectionBanner();
    const slot = el('section', { class: 'board-slot wall-board', attrs: { 'aria-label': t('board.label') } });
    root.append(
      el('header', { class: 'wall-head' }, [
        el('div', { class: 'wall-brand' }, [brandMark(), this.title, this.waiting]),
        this.clock.element,
      ]),
      el('div', { class: 'wall-main' }, [slot, el('div', { class: 'wall-side' }, [this.escalation.element, this.headlines.element])]),
      banner.element,
    );
    this.board = new SituationBoard(this);
    this.watchSlot(slot, (rect) => this.board.layout(rect));
    const offs = [
      c.on('state', () => this.refresh()),
      c.on('inject', (v) => {
        this.board.arrive(v.from, v.to, tlpColour(v.tlp), channelName(v.channel));
        this.refresh();
      }),
      c.on('status', (s) => banner.show(s)),
    ];
    this.onCleanup(() => {
      offs.forEach((off) => off());
      this.clock.destroy();
    });
    this.refresh();
  }

  private refresh(): void {
    const state = this.c.state;
    setText(this.title, localText(state.title, state.name));
    this.waiting.hidden = state.clock?.status !== 'ready';
    this.clock.update(state.clock);
    this.escalation.update(state);
    this.board.update(boardView(this.c));
    const bodies = new Map([...this.c.injects.values()].map((v) => [v.id, localText(v.body)]));
    this.headlines.render(
      [...state.headlines].reverse().map((h) => ({
        id: h.inject,
        atMs: h.atMs,
        channel: channelName(h.channel),
        title: localText(h.title, h.inject),
        body: bodies.get(h.inject) ?? '',
      })),
    );
  }
}
