import { dirname, resolve } from 'node:path';
import type { DryRun } from '../../shared/protocol/dryRun.ts';
import type { JoinCodes } from '../../shared/protocol/joinCodes.ts';
import type { Scenario } from '../../shared/scenario/scenario.ts';
import type { Config } from '../app/config.ts';
import { createSimcellServer, type SimcellServer } from '../app/createSimcellServer.ts';
import type { Logger } from '../app/logger.ts';
import { loadScenarioFile } from '../scenario/loadScenario.ts';
import type { ScenarioProblem } from '../scenario/scenarioProblem.ts';
import { setDevelopmentInspector } from './developmentInspector.ts';
import type { MachineInspector } from './startMachineInspector.ts';

export interface PreviewOptions {
  /** The scenario file; its folder becomes the server's scenarios folder, watched while the preview runs. */
  readonly file: string;
  readonly dryRun: DryRun;
  /** Exercise seconds per wall second at the start; Control can change it. */
  readonly speed: number;
  /** The server's settings; the scenarios folder and cluster mode are the preview's own. */
  readonly config: Config;
  readonly logger: Logger;
  readonly clientDir?: string;
  /** Stream the machine to Stately's inspector on this port (development). */
  readonly inspectPort?: number;
  readonly handleSignals?: boolean;
}

export interface Preview {
  readonly server: SimcellServer;
  readonly scenario: Scenario;
  readonly exercise: { readonly id: string; readonly codes: JoinCodes };
  /** Exercise Control's setup screen, opening the dry-run at once; it carries the admin token. */
  readonly controlUrl: string;
  readonly inspector: MachineInspector | undefined;
  close(): Promise<void>;
}

export type PreviewResult =
  { readonly ok: true; readonly preview: Preview } | { readonly ok: false; readonly problems: readonly ScenarioProblem[] };

/**
 * `simcell preview`: a server for one author — one process, this file's folder as the scenario library (checked
 * again on every save), the Stately inspector when asked for — and a dry-run of the file created through the
 * HTTP API like any exercise.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewResult> {
  if (!/\.ya?ml$/.test(options.file))
    return {
      ok: false,
      problems: [
        {
          file: options.file,
          line: 1,
          column: 1,
          message: 'the scenario library reads .yaml and .yml files only',
          hint: 'rename the file',
        },
      ],
    };
  const loaded = await loadScenarioFile(options.file);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  let inspector: MachineInspector | undefined;
  if (options.inspectPort !== undefined) {
    inspector = await (await import('./startMachineInspector.ts')).startMachineInspector(options.inspectPort);
    setDevelopmentInspector(inspector);
  }
  const config: Config = { ...options.config, scenariosDir: dirname(resolve(options.file)), cluster: undefined };
  let server: SimcellServer;
  try {
    server = await createSimcellServer({
      config,
      logger: options.logger,
      ...(options.clientDir ? { clientDir: options.clientDir } : {}),
      handleSignals: options.handleSignals ?? false,
      watchScenarios: true,
    });
  } catch (error) {
    stopInspector(inspector);
    throw error;
  }
  const local = `http://127.0.0.1:${server.port}`;
  const response = await fetch(`${local}/api/exercises`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      scenario: loaded.scenario.id,
      speed: options.speed,
      name: `Dry-run: ${loaded.scenario.title[loaded.scenario.languages[0]!] ?? loaded.scenario.id}`,
      dryRun: options.dryRun,
    }),
  });
  if (response.status !== 201) {
    await server.close();
    stopInspector(inspector);
    throw new Error(`the dry-run could not be created: ${response.status} ${await response.text()}`);
  }
  const created = (await response.json()) as { id: string; codes: JoinCodes };
  // Another file of the folder with the same id would have been taken instead (the later name wins).
  const archive = await fetch(`${local}/api/exercises/${created.id}/archive`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  if (((await archive.json()) as { scenarioSource: string }).scenarioSource !== loaded.source) {
    await server.close();
    stopInspector(inspector);
    throw new Error(`another file in ${config.scenariosDir} has the id "${loaded.scenario.id}": give each scenario its own id`);
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    ok: true,
    preview: {
      server,
      scenario: loaded.scenario,
      exercise: created,
      controlUrl: `http://${host}:${server.port}/control?exercise=${encodeURIComponent(created.id)}#token=${server.adminToken}`,
      inspector,
      close: async () => {
        await server.close();
        stopInspector(inspector);
      },
    },
  };
}

function stopInspector(inspector: MachineInspector | undefined): void {
  if (!inspector) return;
  setDevelopmentInspector(undefined);
  inspector.stop();
}
