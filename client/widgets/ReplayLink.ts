import { t } from '../i18n/i18n.ts';
import { rememberReplayCode, replayPath } from '../net/replayApi.ts';
import { el } from '../ui/el.ts';

/**
 * The way from the Control and evaluator screens to the replay, shown once the exercise has ended. The code this
 * seat joined with goes along for this tab only (sessionStorage), so the replay opens without asking for it.
 */
export class ReplayLink {
  readonly element: HTMLAnchorElement;

  constructor(exerciseId: string, code: string) {
    this.element = el('a', {
      class: 'button small replay-link',
      text: t('replay.link'),
      attrs: { href: replayPath(exerciseId), hidden: true, 'data-replay': 'open' },
      on: { click: () => rememberReplayCode(exerciseId, code) },
    });
  }

  /** Visible when the exercise has ended. */
  update(clockStatus: string | undefined): void {
    this.element.hidden = clockStatus !== 'ended';
  }
}
