import { t } from '../i18n/i18n.ts';
import { el } from '../ui/el.ts';
import { DecisionList, type Decision } from './DecisionList.ts';
import { MessageComposer, type Draft } from './MessageComposer.ts';
import type { Recipient } from './RecipientPicker.ts';

export interface SimulatedCommands {
  readonly act: (organisation: string, decision: Decision, text: string | undefined) => Promise<boolean>;
  readonly send: (draft: Draft) => Promise<string | undefined>;
}

/**
 * The simulation cell at work: Control takes decisions for an organisation nobody plays, and speaks for it
 * in messages to the players.
 */
export class SimulatedDesk {
  readonly element: HTMLElement;
  private readonly picker: HTMLSelectElement;
  private readonly decisions: DecisionList;
  private decisionsFor: (organisation: string) => Decision[] = () => [];

  constructor(simulated: readonly Recipient[], everyone: readonly Recipient[], commands: SimulatedCommands) {
    this.picker = el(
      'select',
      { class: 'select', attrs: { name: 'simulated' } },
      simulated.map((o) => el('option', { text: o.name, attrs: { value: o.id } })),
    );
    this.decisions = new DecisionList((decision, text) => commands.act(this.picker.value, decision, text), t('sim.decisions'));
    this.picker.addEventListener('change', () => this.refresh());
    const composer = new MessageComposer(everyone, commands.send, simulated);
    this.element = simulated.length
      ? el('section', { class: 'simulated stack' }, [
          el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('sim.organisation') }), this.picker]),
          this.decisions.element,
          el('h2', { class: 'section-title', text: t('sim.message') }),
          composer.element,
        ])
      : el('p', { class: 'empty', text: t('sim.noSimulated') });
    this.picker.addEventListener('change', () => composer.prefill({ as: this.picker.value }));
    if (simulated[0]) composer.prefill({ as: simulated[0].id });
  }

  update(decisionsFor: (organisation: string) => Decision[]): void {
    this.decisionsFor = decisionsFor;
    this.refresh();
  }

  private refresh(): void {
    this.decisions.render(this.picker.value ? this.decisionsFor(this.picker.value) : []);
  }
}
