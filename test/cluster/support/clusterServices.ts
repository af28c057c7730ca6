import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pingRedis } from '../../../server/cluster/pingRedis.ts';

/**
 * The machine's Redis and PostgreSQL, as cluster tests use them. Each test file works in a PostgreSQL schema
 * of its own (dropped at the end) and a Redis database index that nothing else here uses; the room listings
 * Colyseus keeps there are keyed by random ids, so two runs at once do not mix.
 */
export const REDIS_URL = process.env.SIMCELL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/11';
export const DATABASE_URL = process.env.SIMCELL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const HOW_TO_START = {
  redis: 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no',
  postgres: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
};

/** Resolves to what is wrong with each service (empty when both answer). */
export async function missingServices(): Promise<string[]> {
  const problems: string[] = [];
  const redis = await pingRedis(REDIS_URL, 3000).then(
    () => undefined,
    (error: Error) => error.message,
  );
  if (redis !== undefined) problems.push(`Redis at ${REDIS_URL} does not answer (${redis}). Start it with:\n    ${HOW_TO_START.redis}`);
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const message = (error as Error).message;
    problems.push(
      /does not exist/.test(message)
        ? `PostgreSQL at ${DATABASE_URL}: ${message}. Create it with:\n    createdb -h 127.0.0.1 -U postgres test`
        : `PostgreSQL at ${DATABASE_URL} does not answer (${message}). Start it with:\n    ${HOW_TO_START.postgres}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  return problems;
}

export interface TestSchema {
  readonly name: string;
  /** DATABASE_URL with this schema as the search_path: what SIMCELL_DATABASE_URL is set to. */
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL schema for one test file (or one test). */
export async function freshSchema(label: string): Promise<TestSchema> {
  const name = `simcell_test_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${name}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { name, url: url.toString(), drop: async () => void (await adminQuery(`DROP SCHEMA IF EXISTS ${name} CASCADE`)) };
}

/** One statement on a connection of its own (outside every store under test). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
