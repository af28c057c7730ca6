import type { ClockState } from '../../shared/protocol/exerciseState.ts';
import type { IntentResult } from '../net/Connection.ts';
import { t } from '../i18n/i18n.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';

const SPEEDS = [1, 10, 60, 300, 600, 3600] as const;

export interface ClockCommands {
  readonly start: () => Promise<IntentResult>;
  readonly pause: () => Promise<IntentResult>;
  readonly resume: () => Promise<IntentResult>;
  readonly speed: (speed: number) => Promise<IntentResult>;
  readonly end: () => Promise<IntentResult>;
}

/** Start, pause and resume, the speed of time, and ending the exercise (with a second, deliberate click). */
export class ClockControls {
  readonly element: HTMLElement;
  private readonly main = el('button', { class: 'button primary wide', attrs: { type: 'button', 'data-control': 'clock' } });
  private readonly speeds = el('div', { class: 'segmented speed-picker', attrs: { role: 'group', 'aria-label': t('control.speed') } });
  private readonly endArea = el('div', { class: 'end-area' });
  private status = '';

  constructor(private readonly commands: ClockCommands) {
    this.main.addEventListener('click', () => void this.toggle());
    for (const speed of SPEEDS) {
      this.speeds.append(
        el('button', {
          text: `${speed}×`,
          attrs: { type: 'button', 'data-speed': speed, 'aria-pressed': 'false' },
          on: { click: () => void commands.speed(speed) },
        }),
      );
    }
    this.element = el('section', { class: 'clock-controls stack' }, [
      this.main,
      el('div', { class: 'field' }, [el('span', { class: 'field-label', text: t('control.speed') }), this.speeds]),
      this.endArea,
    ]);
    this.showEnd();
  }

  update(clock: ClockState | undefined): void {
    if (!clock) return;
    this.status = clock.status;
    const label =
      { ready: t('control.start'), running: t('control.pause'), paused: t('control.resume'), ended: t('clock.ended') }[clock.status] ?? '';
    setText(this.main, label);
    this.main.disabled = clock.status === 'ended';
    this.main.classList.toggle('primary', clock.status !== 'running');
    for (const button of this.speeds.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(Number(button.dataset.speed) === Math.round(clock.speed)));
  }

  private async toggle(): Promise<void> {
    this.main.disabled = true;
    if (this.status === 'ready') await this.commands.start();
    else if (this.status === 'running') await this.commands.pause();
    else if (this.status === 'paused') await this.commands.resume();
    this.main.disabled = this.status === 'ended';
  }

  private showEnd(): void {
    const end = el('button', { class: 'button danger wide', text: t('control.end'), attrs: { type: 'button' } });
    end.addEventListener('click', () => {
      const confirm = el('button', {
        class: 'button danger',
        text: t('control.end'),
        attrs: { type: 'button', 'data-control': 'confirm-end' },
      });
      const cancel = el('button', {
        class: 'button ghost',
        text: t('decisions.cancel'),
        attrs: { type: 'button' },
        on: { click: () => this.showEnd() },
      });
      confirm.addEventListener('click', () => void this.commands.end().then(() => this.showEnd()));
      replaceChildren(this.endArea, [
        el('p', { class: 'hint', text: t('control.endConfirm') }),
        el('div', { class: 'button-row' }, [confirm, cancel]),
      ]);
      cancel.focus();
    });
    replaceChildren(this.endArea, [end]);
  }
}
