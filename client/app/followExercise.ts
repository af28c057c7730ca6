import { t } from '../i18n/i18n.ts';
import type { Connection } from '../net/Connection.ts';
import { tlpColour } from '../ui/theme.ts';
import type { ConnectionBanner } from '../widgets/ConnectionBanner.ts';
import type { SituationBoard } from '../widgets/SituationBoard.ts';
import type { TopBar } from '../widgets/TopBar.ts';

/**
 * The staff screens' live wiring: every inject and message pulses across the board, every change refreshes the
 * screen, and the connection's status shows in the banner and the top bar. Returns the unsubscribe.
 */
export function followExercise(
  c: Connection,
  parts: { board: SituationBoard; banner: ConnectionBanner; topBar: TopBar; refresh: () => void },
): () => void {
  const { board, banner, topBar, refresh } = parts;
  const offs = [
    c.on('state', refresh),
    c.on('inject', (v) => {
      board.arrive(v.from, v.to, tlpColour(v.tlp), t(`channel.${v.channel}`));
      refresh();
    }),
    c.on('message', (m) => {
      board.arrive(m.from, m.to, tlpColour(m.tlp), t('channel.message'));
      refresh();
    }),
    c.on('log', refresh),
    c.on('status', (s) => {
      banner.show(s);
      topBar.showLink(s);
    }),
  ];
  return () => offs.forEach((off) => off());
}
