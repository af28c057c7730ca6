import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import { t } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import { css, escalationColour } from '../ui/theme.ts';

/**
 * The escalation level, large and in its colour, over the ladder of all levels. A change is announced to
 * screen readers and flashes once, so nobody in the room misses it.
 */
export class EscalationLadder {
  readonly element: HTMLElement;
  private readonly label = el('span', { class: 'escalation-label' });
  private readonly step = el('span', { class: 'escalation-step' });
  private readonly ladder = el('span', { class: 'escalation-ladder', attrs: { 'aria-hidden': 'true' } });
  private current = '';

  constructor(size: 'bar' | 'wall' = 'bar') {
    this.element = el('div', { class: `escalation escalation-${size}`, attrs: { role: 'status', 'aria-live': 'polite' } }, [
      el('span', { class: 'escalation-title', text: t('escalation.label') }),
      this.label,
      this.ladder,
      this.step,
    ]);
  }

  update(state: ExerciseState): void {
    const levels = state.levels ? [...state.levels] : [];
    const index = Math.max(
      0,
      levels.findIndex((l) => l.id === state.escalation),
    );
    const colour = css(escalationColour(index, levels.length));
    setText(this.label, localText(levels[index]?.label, state.escalation));
    setText(this.step, t('escalation.level', { n: index + 1, of: levels.length }));
    this.element.style.setProperty('--level-colour', colour);
    const key = `${state.escalation}/${levels.length}`;
    if (key !== this.current) {
      if (this.current) this.flash();
      this.current = key;
      replaceChildren(
        this.ladder,
        levels.map((_, i) => {
          const bar = el('span', { class: i <= index ? 'rung on' : 'rung' });
          if (i <= index) bar.style.background = css(escalationColour(i, levels.length));
          return bar;
        }),
      );
    }
  }

  private flash(): void {
    this.element.classList.remove('flash');
    void this.element.offsetWidth; // restart the CSS animation
    this.element.classList.add('flash');
  }
}
