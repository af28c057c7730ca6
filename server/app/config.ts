import { resolve } from 'node:path';
import { z } from 'zod';
import { checkClusterEnv, CLUSTER_ENV, clusterConfigOf, type ClusterConfig } from '../cluster/clusterConfig.ts';
import type { LogLevel } from './logger.ts';

/** The server's settings, from the environment, checked like any other input. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly adminToken: string | undefined;
  readonly logLevel: LogLevel;
  readonly scenariosDir: string;
  /** Count wrong join codes by X-Real-IP / X-Forwarded-For (only behind a reverse proxy that sets them). */
  readonly trustProxy?: boolean;
  /** Cluster mode (PostgreSQL store, Redis matchmaking), when SIMCELL_REDIS_URL and SIMCELL_DATABASE_URL are set. */
  readonly cluster?: ClusterConfig | undefined;
}

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(2567),
    HOST: z.string().min(1).default('0.0.0.0'),
    SIMCELL_DATA_DIR: z.string().min(1).default('./data'),
    SIMCELL_ADMIN_TOKEN: z.string().min(16, { message: 'SIMCELL_ADMIN_TOKEN must be at least 16 characters' }).optional(),
    SIMCELL_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
    SIMCELL_SCENARIOS_DIR: z.string().min(1).optional(),
    SIMCELL_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
    ...CLUSTER_ENV,
  })
  .superRefine(checkClusterEnv);

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
    trustProxy: e.SIMCELL_TRUST_PROXY === '1' || e.SIMCELL_TRUST_PROXY === 'true',
    cluster: clusterConfigOf(e),
  };
}
