import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JoinCodes } from '../store/exerciseStore.ts';
import { FanoutChild } from './fanoutChildren.ts';
import type { ServerEvent, ServerUsage } from './fanoutProtocol.ts';

const ADMIN_TOKEN = 'scale-bench-admin-token';

export interface CreatedExercise {
  readonly id: string;
  readonly roomId: string;
  readonly codes: JoinCodes;
}

/**
 * A real SimCell server in its own process (fanoutSimcellServer.ts) for the scale benchmarks, with the given
 * scenarios and a fresh data directory under `work`. SIMCELL_FANOUT_PROF_DIR=<dir> runs it with `--cpu-prof`,
 * writing into <dir>/<name>.
 */
export class SimcellServerChild {
  private constructor(
    readonly child: FanoutChild<ServerEvent>,
    readonly port: number,
  ) {}

  static async start(
    work: string,
    name: string,
    scenarios: Readonly<Record<string, string>>,
    options: { readonly clientDir?: string } = {},
  ): Promise<SimcellServerChild> {
    const scenariosDir = join(work, `${name}-scenarios`);
    mkdirSync(scenariosDir, { recursive: true });
    for (const [id, yaml] of Object.entries(scenarios)) writeFileSync(join(scenariosDir, `${id}.yaml`), yaml);
    const childOptions = JSON.stringify({ dataDir: join(work, `${name}-data`), scenariosDir, adminToken: ADMIN_TOKEN, ...options });
    const profDir = process.env.SIMCELL_FANOUT_PROF_DIR;
    const child = new FanoutChild<ServerEvent>(
      `simcell server (${name})`,
      './fanoutSimcellServer.ts',
      [childOptions],
      profDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profDir, name)}`] : [],
    );
    try {
      const { port } = await child.next('listening', 30_000);
      return new SimcellServerChild(child, port);
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** POST /api/exercises, as an operator would. */
  async createExercise(body: { scenario: string; autostart?: boolean; speed?: number; name?: string }): Promise<CreatedExercise> {
    const answer = await fetch(`http://127.0.0.1:${this.port}/api/exercises`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (answer.status !== 201) throw new Error(`POST /api/exercises answered ${answer.status}: ${await answer.text()}`);
    return (await answer.json()) as CreatedExercise;
  }

  /** The server process's CPU time so far and its memory now. */
  usage(): Promise<ServerUsage> {
    const answer = this.child.next('usage', 10_000);
    this.child.send({ type: 'usage' });
    return answer;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}

/** CPU use between two readings, as a percentage of one core. */
export function cpuPercent(from: ServerUsage, to: ServerUsage): number {
  return ((to.cpuUs - from.cpuUs) / 1000 / (to.at - from.at)) * 100;
}
