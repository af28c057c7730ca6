import { matchMaker, type ServerOptions } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../app/logger.ts';
import type { ExerciseRoom } from '../room/exerciseRoom.ts';
import { PostgresExerciseStore } from '../store/postgresExerciseStore.ts';
import type { ClusterConfig } from './clusterConfig.ts';
import { ExerciseLeases } from './exerciseLeases.ts';
import { leasedExerciseRoom } from './leasedExerciseRoom.ts';
import { LeaseKeeper } from './leaseKeeper.ts';
import { pingRedis } from './pingRedis.ts';

/** How long start-up waits for Redis or PostgreSQL before it says which one is missing. */
const CONNECT_TIMEOUT_MS = 5000;

export interface ClusterParts {
  readonly store: PostgresExerciseStore;
  /** Colyseus's side: shared matchmaking, this process's address, rooms created where they are asked for. */
  readonly serverOptions: Pick<ServerOptions, 'presence' | 'driver' | 'publicAddress' | 'selectProcessIdToCreateRoom'>;
  readonly roomClass: typeof ExerciseRoom;
  /** After the server listens: opens every exercise nobody holds, then keeps the leases until stopKeeping(). */
  start(): Promise<void>;
  stopKeeping(): Promise<void>;
  /** After the rooms have closed: gives back whatever this process still holds, closes the database. */
  close(): Promise<void>;
}

/**
 * Cluster mode for one process: the PostgreSQL store, Redis presence and driver for Colyseus, and the
 * exercise leases. Fails at once, naming the variable, when Redis or PostgreSQL does not answer.
 */
export async function openCluster(config: ClusterConfig, logger: Logger, roomName: string): Promise<ClusterParts> {
  // Readable in the database (who runs what) and unique per start, so a restarted process is a new owner.
  const owner = `${config.publicAddress}#${randomBytes(4).toString('hex')}`;
  const log = logger.child({ owner });
  await withTimeout(pingRedis(config.redisUrl, CONNECT_TIMEOUT_MS), `Redis at ${redact(config.redisUrl)} (SIMCELL_REDIS_URL)`);
  const store = await withTimeout(
    PostgresExerciseStore.connect(config.databaseUrl, {
      leaseOwner: owner,
      leaseSeconds: config.leaseSeconds,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
    }),
    `PostgreSQL at ${redact(config.databaseUrl)} (SIMCELL_DATABASE_URL)`,
  );
  const presence = new RedisPresence(config.redisUrl);
  const leases = new ExerciseLeases(store.pool, owner, config.leaseSeconds);
  const keeper = new LeaseKeeper(leases, roomName, log);
  log.info('cluster.joined', { publicAddress: config.publicAddress, leaseSeconds: config.leaseSeconds });
  return {
    store,
    serverOptions: {
      presence,
      driver: new RedisDriver(config.redisUrl),
      publicAddress: config.publicAddress,
      // The process asked to open an exercise opens it (and takes its lease): a remote create would wait for
      // the replay under Colyseus's 2 s request timeout, then open a second room locally.
      selectProcessIdToCreateRoom: () => Promise.resolve(matchMaker.processId),
    },
    roomClass: leasedExerciseRoom(leases),
    start: () => keeper.start(),
    stopKeeping: () => keeper.stop(),
    close: async () => {
      await keeper.stop();
      await leases.releaseAll().catch((error: unknown) => log.warn('cluster.release-failed', { error: String(error) }));
      await store.close();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    throw new Error(`cluster mode cannot reach ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** A URL fit for a log line: without its password. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
