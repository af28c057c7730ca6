import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../server/app/config.ts';

const CLUSTER = {
  SIMCELL_REDIS_URL: 'redis://10.0.0.2:6379',
  SIMCELL_DATABASE_URL: 'postgres://simcell@10.0.0.3:5432/simcell',
  SIMCELL_PUBLIC_ADDRESS: '10.0.0.5:2567',
  SIMCELL_ADMIN_TOKEN: 'a-shared-token-0123456789',
};

const read = (env: Record<string, string>) => readConfig(env, '/srv/simcell/');

describe('cluster mode settings (SIMCELL_REDIS_URL, SIMCELL_DATABASE_URL)', () => {
  it('stays the single process (SQLite, local matchmaking) when neither URL is set', () => {
    expect(read({}).cluster).toBeUndefined();
  });

  it('reads the cluster settings, with a 10 s lease unless told', () => {
    expect(read(CLUSTER).cluster).toEqual({
      redisUrl: 'redis://10.0.0.2:6379',
      databaseUrl: 'postgres://simcell@10.0.0.3:5432/simcell',
      publicAddress: '10.0.0.5:2567',
      leaseSeconds: 10,
    });
    expect(read({ ...CLUSTER, SIMCELL_LEASE_SECONDS: '4', SIMCELL_PUBLIC_ADDRESS: 'simcell.example.org/p2' }).cluster).toMatchObject({
      leaseSeconds: 4,
      publicAddress: 'simcell.example.org/p2',
    });
  });

  it.each([
    [{ SIMCELL_DATABASE_URL: undefined }, 'SIMCELL_DATABASE_URL: cluster mode needs both SIMCELL_REDIS_URL and SIMCELL_DATABASE_URL'],
    [{ SIMCELL_REDIS_URL: undefined }, 'SIMCELL_REDIS_URL: cluster mode needs both SIMCELL_REDIS_URL and SIMCELL_DATABASE_URL'],
    [{ SIMCELL_PUBLIC_ADDRESS: undefined }, 'SIMCELL_PUBLIC_ADDRESS: cluster mode needs the address browsers reach this process at'],
    [{ SIMCELL_PUBLIC_ADDRESS: 'ws://10.0.0.5:2567' }, 'SIMCELL_PUBLIC_ADDRESS: must be host:port or host/path without a scheme'],
    [{ SIMCELL_ADMIN_TOKEN: undefined }, 'SIMCELL_ADMIN_TOKEN: cluster mode needs one admin token set on every process'],
    [{ SIMCELL_REDIS_URL: 'http://10.0.0.2:6379' }, 'SIMCELL_REDIS_URL: must be a redis:// or rediss:// URL'],
    [{ SIMCELL_DATABASE_URL: 'mysql://10.0.0.3/simcell' }, 'SIMCELL_DATABASE_URL: must be a postgres:// URL'],
    [{ SIMCELL_LEASE_SECONDS: '1' }, 'SIMCELL_LEASE_SECONDS:'],
  ])('refuses %o with a message that names the variable', (change, message) => {
    const env = Object.fromEntries(Object.entries({ ...CLUSTER, ...change }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    expect(() => read(env)).toThrow(message);
  });
});
