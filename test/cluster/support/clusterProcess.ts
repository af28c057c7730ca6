import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from '../../support/serverProcess.ts';
import { REDIS_URL, type TestSchema } from './clusterServices.ts';

/** Short leases, so a takeover after a kill comes within seconds (the default is 10 s). */
export const LEASE_SECONDS = 3;

/**
 * A SimCell process in cluster mode on 127.0.0.1:`port`: the test's PostgreSQL schema, the test Redis,
 * its own address as its public address.
 */
export function startClusterProcess(port: number, schema: TestSchema): Promise<ServerProcess> {
  return ServerProcess.start({
    port,
    dataDir: join(tmpdir(), 'simcell-cluster-unused'), // nothing is written there: the store is PostgreSQL, the token given
    env: {
      SIMCELL_REDIS_URL: REDIS_URL,
      SIMCELL_DATABASE_URL: schema.url,
      SIMCELL_PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      SIMCELL_LEASE_SECONDS: String(LEASE_SECONDS),
    },
  });
}
