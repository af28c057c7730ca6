import { t } from '../i18n/i18n.ts';
import type { LinkStatus } from '../net/Connection.ts';
import { el, setText } from '../ui/el.ts';

/** Says plainly when the connection is gone and when it is back; hidden while all is well. */
export class ConnectionBanner {
  readonly element = el('div', { class: 'connection-banner', attrs: { role: 'alert', hidden: true } });

  show(status: LinkStatus): void {
    this.element.hidden = status === 'online';
    this.element.dataset.status = status;
    setText(this.element, status === 'closed' ? t('connection.closed') : t('connection.reconnecting'));
  }
}
