import { resolve } from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './logger.ts';

/** The server's settings, from the environment, checked like any other input. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly adminToken: string | undefined;
  readonly logLevel: LogLevel;
  readonly scenariosDir: string;
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(2567),
  HOST: z.string().min(1).default('0.0.0.0'),
  SIMCELL_DATA_DIR: z.string().min(1).default('./data'),
  SIMCELL_ADMIN_TOKEN: z.string().min(16, { message: 'SIMCELL_ADMIN_TOKEN must be at least 16 characters' }).optional(),
  SIMCELL_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  SIMCELL_SCENARIOS_DIR: z.string().min(1).optional(),
});

export function readConfig(env: NodeJS.ProcessEnv, projectRoot: string): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.SIMCELL_DATA_DIR),
    adminToken: e.SIMCELL_ADMIN_TOKEN,
    logLevel: e.SIMCELL_LOG_LEVEL,
    scenariosDir: resolve(e.SIMCELL_SCENARIOS_DIR ?? `${projectRoot}/scenarios`),
  };
}
