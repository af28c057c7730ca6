import { exerciseTimeAt } from '../../shared/exerciseClock.ts';
import type { ClockState } from '../../shared/protocol/exerciseState.ts';
import { t } from '../i18n/i18n.ts';
import { el, setText } from '../ui/el.ts';
import { formatClock } from '../ui/formatTime.ts';

/**
 * The exercise clock. The server writes the clock's anchor only when it changes (start, pause, speed), so
 * between patches the display runs the same pure mapping the server uses (shared/exerciseClock.ts).
 * The offset to the server's wall clock is learnt when a new anchor arrives: the server wrote it just now.
 */
export class ClockDisplay {
  readonly element: HTMLElement;
  private readonly time = el('span', { class: 'clock-time', text: formatClock(0) });
  private readonly status = el('span', { class: 'clock-status' });
  private clock: ClockState | undefined;
  private offsetMs = 0;
  private lastServerWall = -1;
  private readonly timer: number;

  constructor(size: 'bar' | 'wall' = 'bar') {
    this.element = el('div', { class: `clock clock-${size}`, attrs: { role: 'timer', 'aria-label': t('clock.label') } }, [
      el('span', { class: 'clock-label', text: t('clock.label') }),
      this.time,
      this.status,
    ]);
    this.timer = window.setInterval(() => this.tick(), 250);
  }

  update(clock: ClockState | undefined): void {
    this.clock = clock;
    if (clock && clock.serverWallMs !== this.lastServerWall) {
      if (this.lastServerWall >= 0) this.offsetMs = clock.serverWallMs - Date.now();
      this.lastServerWall = clock.serverWallMs;
    }
    this.tick();
  }

  /** Exercise ms now, as this display shows it. */
  nowMs(): number {
    const c = this.clock;
    if (!c) return 0;
    const status = c.status;
    return exerciseTimeAt(
      { status, speed: c.speed, anchorExerciseMs: c.anchorExerciseMs, anchorWallMs: c.anchorWallMs },
      Date.now() + this.offsetMs,
    );
  }

  destroy(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const c = this.clock;
    setText(this.time, formatClock(this.nowMs()));
    if (!c) return;
    const status = c.status;
    const speed = c.speed > 1 ? ` · ${t('clock.speed', { speed: Math.round(c.speed) })}` : '';
    setText(this.status, `${t(`clock.${status}`)}${speed}`);
    this.element.dataset.status = status;
  }
}
