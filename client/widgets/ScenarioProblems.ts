import { t } from '../i18n/i18n.ts';
import type { ControlApi, ScenarioProblems as Problems } from '../net/controlApi.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import '../styles/dryRun.css';

const POLL_MS = 1500;

/**
 * What is wrong in the scenario files, as `file:line:column: message` with the hint. While the server watches
 * its scenarios folder (development, `simcell preview`) a saved file is checked again at once; this asks for
 * the list every 1.5 s, so a planted error shows and a fixed file clears without a reload. Hidden when all is well.
 */
export class ScenarioProblems {
  readonly element: HTMLElement;
  private readonly title = el('h2', { class: 'panel-title' });
  private readonly list = el('ul', { class: 'problem-list' });
  private readonly note = el('p', { class: 'hint' });
  private timer = 0;
  private shown = '';

  constructor(private readonly api: ControlApi) {
    this.element = el('section', { class: 'scenario-problems', attrs: { hidden: true, 'aria-live': 'polite' } }, [
      this.title,
      this.list,
      this.note,
    ]);
  }

  /** Starts asking; returns the stop. An answer the token does not open (401) stops it. */
  start(): () => void {
    const ask = () =>
      this.api.problems().then(
        (problems) => this.render(problems),
        (error: unknown) => {
          if ((error as { status?: number }).status === 401) stop();
        },
      );
    const stop = () => window.clearInterval(this.timer);
    this.timer = window.setInterval(() => void ask(), POLL_MS);
    void ask();
    return stop;
  }

  private render(problems: Problems): void {
    const key = JSON.stringify(problems);
    if (key === this.shown) return;
    this.shown = key;
    const count = problems.files.reduce((n, f) => n + f.problems.length, 0);
    this.element.hidden = count === 0;
    setText(this.title, t('problems.title', { n: count }));
    setText(this.note, problems.watching ? t('problems.watching') : t('problems.restart'));
    replaceChildren(
      this.list,
      problems.files.flatMap((f) =>
        f.problems.map((p) =>
          el('li', { class: 'problem' }, [
            el('code', { class: 'problem-where', text: `${p.file}:${p.line}:${p.column}` }),
            el('span', { class: 'problem-message', text: `: ${p.message}` }),
            p.hint ? el('div', { class: 'problem-hint', text: t('problems.hint', { hint: p.hint }) }) : null,
          ]),
        ),
      ),
    );
  }
}
