import { t } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import type { ScenarioListing } from '../net/controlApi.ts';
import { el, uid } from '../ui/el.ts';
import { formatDuration } from '../ui/formatTime.ts';

/** The scenario library as cards to choose from: title, summary, audience, length and organisations. */
export class ScenarioPicker {
  readonly element: HTMLElement;
  private readonly name = uid('scenario');

  constructor(scenarios: readonly ScenarioListing[], onPick: (scenario: ScenarioListing) => void) {
    const cards = scenarios.map((s, i) => {
      const input = el('input', { attrs: { type: 'radio', name: this.name, value: s.id, checked: i === 0 } });
      input.addEventListener('change', () => onPick(s));
      const played = s.organisations.filter((o) => !o.simulated).length;
      return el('label', { class: 'scenario-card', attrs: { 'data-scenario': s.id } }, [
        input,
        el('div', { class: 'scenario-top' }, [
          el('span', { class: 'scenario-audience', text: t(`setup.audience.${s.audience}`) }),
          el('span', { class: 'scenario-duration', text: formatDuration(s.durationSeconds * 1000) }),
        ]),
        el('div', { class: 'scenario-title', text: localText(s.title, s.id) }),
        el('div', { class: 'scenario-summary', text: localText(s.summary) }),
        el('div', {
          class: 'scenario-orgs',
          text: `${t('setup.organisations', { n: s.organisations.length })} · ${played} ${t('seats.played').toLowerCase()}`,
        }),
      ]);
    });
    this.element = el('fieldset', { class: 'scenario-picker plain' }, [
      el('legend', { class: 'field-label', text: t('setup.scenario') }),
      el('div', { class: 'scenario-grid' }, cards),
    ]);
    if (scenarios[0]) onPick(scenarios[0]);
  }
}
