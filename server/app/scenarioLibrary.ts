import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import { loadScenarioFile } from '../scenario/loadScenario.ts';
import { formatProblem, type ScenarioProblem } from '../scenario/scenarioProblem.ts';
import type { Logger } from './logger.ts';

/** What is wrong in the scenarios folder (`GET /api/scenarios/problems`). */
export interface LibraryProblems {
  /** Whether the folder is watched (development): then a saved file is checked again at once. */
  readonly watching: boolean;
  /** Every file that does not validate, by name, with its problems in the order of the file. */
  readonly files: readonly { readonly file: string; readonly problems: readonly ScenarioProblem[] }[];
}

type Checked = { readonly scenario: Scenario; readonly source: string } | { readonly problems: readonly ScenarioProblem[] };

const isScenarioFile = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');
/** Editors save in steps (truncate, write, rename): a file is checked once it has been quiet this long. */
const SETTLE_MS = 100;

/**
 * The scenarios an operator can start: every valid file in the scenarios folder, by id (a later file name wins
 * an id both use). In development the folder is watched: a saved file is validated again, a fixed one comes
 * back into the list, a broken one leaves it and its problems are shown to Control.
 */
export class ScenarioLibrary {
  private readonly files = new Map<string, Checked>();
  private byId = new Map<string, { scenario: Scenario; source: string }>();
  private watcher: FSWatcher | undefined;
  private readonly settling = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per file, the latest check started: an older check that finishes later is dropped. */
  private readonly generation = new Map<string, number>();

  private constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  static async load(dir: string, logger: Logger, options: { watch?: boolean } = {}): Promise<ScenarioLibrary> {
    const library = new ScenarioLibrary(dir, logger);
    for (const file of readdirSync(dir).filter(isScenarioFile).sort()) await library.check(file, false);
    if (options.watch) library.watch();
    return library;
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id)?.scenario;
  }

  /** The file's text, kept with every exercise started from it. */
  source(id: string): string | undefined {
    return this.byId.get(id)?.source;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  all(): Scenario[] {
    return [...this.byId.values()].map((entry) => entry.scenario);
  }

  problems(): LibraryProblems {
    const files = [...this.files.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([file, checked]) => ('problems' in checked ? [{ file, problems: checked.problems }] : []));
    return { watching: this.watcher !== undefined, files };
  }

  /** Stops watching the folder. */
  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    for (const timer of this.settling.values()) clearTimeout(timer);
    this.settling.clear();
  }

  private watch(): void {
    this.watcher = watch(this.dir, (_event, name) => {
      if (!name || !isScenarioFile(name)) return;
      clearTimeout(this.settling.get(name));
      this.settling.set(
        name,
        setTimeout(() => {
          this.settling.delete(name);
          void this.check(name, true);
        }, SETTLE_MS),
      );
    });
    this.watcher.on('error', (error) => this.logger.error('scenario.watch-failed', { dir: this.dir, error: String(error) }));
  }

  /** Validates one file (by name) and puts what it found in the library; a file that is gone leaves it. */
  private async check(file: string, changed: boolean): Promise<void> {
    const generation = (this.generation.get(file) ?? 0) + 1;
    this.generation.set(file, generation);
    const path = join(this.dir, file);
    const result = existsSync(path) ? await loadScenarioFile(path) : undefined;
    if (this.generation.get(file) !== generation) return;
    if (!result) this.files.delete(file);
    else if (result.ok) this.files.set(file, { scenario: result.scenario, source: result.source });
    // Control reads the problems by the file's name in the folder; the log keeps the path.
    else this.files.set(file, { problems: result.problems.map((p) => ({ ...p, file })) });
    this.byId = new Map(
      [...this.files.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([, checked]) => ('scenario' in checked ? [[checked.scenario.id, checked] as const] : [])),
    );
    if (result && !result.ok) this.logger.warn('scenario.invalid', { file, problems: result.problems.map(formatProblem) });
    else if (changed) this.logger.info(result ? 'scenario.reloaded' : 'scenario.removed', { file });
  }
}
