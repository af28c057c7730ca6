import { t } from '../i18n/i18n.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';

/** An event worth a mark on the track (an inject delivered), with what to say about it. */
export interface ScrubberMark {
  readonly seq: number;
  readonly label: string;
}

/**
 * The replay's timeline: a slider over the exercise's events (0 = before the first), buttons to step one event
 * at a time or jump to either end, marks where injects were delivered (click one to go there), and a caption
 * that says where you are. The slider's own keys work too (arrows, Home, End, Page Up/Down).
 */
export class ReplayScrubber {
  readonly element: HTMLElement;
  private readonly range = el('input', {
    class: 'scrubber-range',
    attrs: { type: 'range', min: 0, max: 0, step: 1, value: 0, 'aria-label': t('replay.scrubber'), 'data-replay': 'range' },
  });
  private readonly marks = el('div', { class: 'scrubber-marks', attrs: { 'aria-hidden': 'true' } });
  private readonly position = el('span', { class: 'scrubber-position', attrs: { 'data-replay': 'position' } });
  private readonly time = el('span', { class: 'scrubber-time', attrs: { 'data-replay': 'time' } });
  private readonly caption = el('p', { class: 'scrubber-caption', attrs: { 'aria-live': 'polite', 'data-replay': 'caption' } });
  private last = 0;

  constructor(private readonly onSeek: (seq: number) => void) {
    const button = (name: string, label: string, symbol: string, to: () => number) =>
      el('button', {
        class: 'button small ghost',
        text: symbol,
        attrs: { type: 'button', 'aria-label': label, title: label, 'data-replay': name },
        on: { click: () => this.seek(to()) },
      });
    this.range.addEventListener('input', () => this.onSeek(Number(this.range.value)));
    this.element = el('section', { class: 'scrubber', attrs: { 'aria-label': t('replay.scrubber') } }, [
      el('div', { class: 'scrubber-head' }, [this.time, this.position]),
      el('div', { class: 'scrubber-track' }, [this.marks, this.range]),
      el('div', { class: 'scrubber-controls' }, [
        button('start', t('replay.start'), '|◀', () => 0),
        button('previous', t('replay.previous'), '◀', () => this.value - 1),
        button('next', t('replay.next'), '▶', () => this.value + 1),
        button('end', t('replay.end'), '▶|', () => this.last),
        this.caption,
      ]),
    ]);
  }

  get value(): number {
    return Number(this.range.value);
  }

  /** How many events there are, and which to mark. */
  setTimeline(last: number, marks: readonly ScrubberMark[]): void {
    this.last = last;
    this.range.max = String(last);
    replaceChildren(
      this.marks,
      marks.map((mark) =>
        el('span', {
          class: 'scrubber-mark',
          attrs: { title: mark.label, style: `left: ${last ? (mark.seq / last) * 100 : 0}%` },
          on: { click: () => this.seek(mark.seq) },
        }),
      ),
    );
  }

  /** Shows the moment on screen now (the slider follows, without asking for it again). */
  show(seq: number, time: string, caption: string): void {
    this.range.value = String(seq);
    this.range.setAttribute('aria-valuetext', `${time} · ${caption}`);
    setText(this.position, seq === 0 ? t('replay.before') : t('replay.position', { seq, last: this.last }));
    setText(this.time, time);
    setText(this.caption, caption);
  }

  private seek(seq: number): void {
    const to = Math.max(0, Math.min(this.last, seq));
    if (to === this.value) return;
    this.range.value = String(to);
    this.onSeek(to);
  }
}
