import { z } from 'zod';

/** Cluster mode's settings: present when SIMCELL_REDIS_URL and SIMCELL_DATABASE_URL are set (docs/cluster.md). */
export interface ClusterConfig {
  readonly redisUrl: string;
  readonly databaseUrl: string;
  /** Where browsers reach this process's WebSocket: `host:port` or `host/path`, without a scheme (Colyseus `publicAddress`). */
  readonly publicAddress: string;
  /** How long a process holds an exercise without renewing: a dead process's exercises move after at most this. */
  readonly leaseSeconds: number;
}

/** The cluster's environment variables, merged into the server's EnvSchema (server/app/config.ts). */
export const CLUSTER_ENV = {
  SIMCELL_REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' }).optional(),
  SIMCELL_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL, e.g. postgres://simcell@127.0.0.1:5432/simcell' })
    .optional(),
  SIMCELL_PUBLIC_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/\S*)?$/, {
      message: 'must be host:port or host/path without a scheme (browsers use ws:// or wss:// as the page does), e.g. 10.0.0.5:2567',
    })
    .optional(),
  SIMCELL_LEASE_SECONDS: z.coerce.number().min(2).max(300).default(10),
};

interface ClusterEnv {
  readonly SIMCELL_REDIS_URL?: string | undefined;
  readonly SIMCELL_DATABASE_URL?: string | undefined;
  readonly SIMCELL_PUBLIC_ADDRESS?: string | undefined;
  readonly SIMCELL_LEASE_SECONDS: number;
  readonly SIMCELL_ADMIN_TOKEN?: string | undefined;
}

/** What cluster mode needs besides its two URLs; each problem names the variable to set. */
export function checkClusterEnv(env: ClusterEnv, ctx: z.RefinementCtx): void {
  const { SIMCELL_REDIS_URL: redis, SIMCELL_DATABASE_URL: database } = env;
  if (!redis && !database) return;
  if (!redis || !database) {
    const missing = redis ? 'SIMCELL_DATABASE_URL' : 'SIMCELL_REDIS_URL';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'cluster mode needs both SIMCELL_REDIS_URL and SIMCELL_DATABASE_URL' });
  }
  if (!env.SIMCELL_PUBLIC_ADDRESS)
    ctx.addIssue({
      code: 'custom',
      path: ['SIMCELL_PUBLIC_ADDRESS'],
      message: 'cluster mode needs the address browsers reach this process at (host:port, e.g. 10.0.0.5:2567); see docs/cluster.md',
    });
  if (!env.SIMCELL_ADMIN_TOKEN)
    ctx.addIssue({
      code: 'custom',
      path: ['SIMCELL_ADMIN_TOKEN'],
      message: 'cluster mode needs one admin token set on every process (at least 16 characters)',
    });
}

export function clusterConfigOf(env: ClusterEnv): ClusterConfig | undefined {
  if (!env.SIMCELL_REDIS_URL || !env.SIMCELL_DATABASE_URL || !env.SIMCELL_PUBLIC_ADDRESS) return undefined;
  return {
    redisUrl: env.SIMCELL_REDIS_URL,
    databaseUrl: env.SIMCELL_DATABASE_URL,
    publicAddress: env.SIMCELL_PUBLIC_ADDRESS,
    leaseSeconds: env.SIMCELL_LEASE_SECONDS,
  };
}
