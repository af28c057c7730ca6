import type { Language } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import type { Connection, LinkStatus } from '../net/Connection.ts';
import { el, setText } from '../ui/el.ts';
import { brandMark } from './brandMark.ts';
import { ClockDisplay } from './ClockDisplay.ts';
import { EscalationLadder } from './EscalationLadder.ts';
import { languageSwitch } from './LanguageSwitch.ts';

/**
 * The band across every running screen: who and where you are, the escalation level, the clock, the
 * language and the state of the connection.
 */
export class TopBar {
  readonly element: HTMLElement;
  readonly clock = new ClockDisplay('bar');
  private readonly escalation = new EscalationLadder('bar');
  private readonly title = el('div', { class: 'topbar-title' });
  private readonly link = el('span', { class: 'link-dot', attrs: { 'aria-hidden': 'true' } });

  constructor(
    private readonly connection: Connection,
    identity: { readonly primary: string; readonly secondary: string },
    onLanguage: (lang: Language) => void,
  ) {
    this.element = el('header', { class: 'topbar' }, [
      brandMark(),
      el('div', { class: 'topbar-context' }, [
        this.title,
        el('div', { class: 'topbar-identity' }, [
          this.link,
          el('strong', { text: identity.primary }),
          el('span', { text: identity.secondary }),
        ]),
      ]),
      this.escalation.element,
      this.clock.element,
      languageSwitch(onLanguage),
    ]);
    this.showLink(connection.status);
  }

  update(): void {
    const state = this.connection.state;
    setText(this.title, localText(state.title, state.name));
    this.escalation.update(state);
    this.clock.update(state.clock);
  }

  showLink(status: LinkStatus): void {
    this.link.dataset.status = status;
  }

  destroy(): void {
    this.clock.destroy();
  }
}
