import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../app/config.ts';
import { importArchive } from '../exercise/exerciseArchive.ts';
import { PostgresExerciseStore } from '../store/postgresExerciseStore.ts';
import { SqliteExerciseStore } from '../store/sqliteExerciseStore.ts';
import type { CliIo } from './cliIo.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `simcell import <archive.json>`: restores an exercise archive into this machine's store (SIMCELL_DATA_DIR), or
 * into the cluster's PostgreSQL when SIMCELL_REDIS_URL and SIMCELL_DATABASE_URL are set.
 */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length) {
    io.err('usage: simcell import <archive.json>');
    return 2;
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.err(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a JSON archive'}`);
    return 1;
  }
  let config;
  try {
    config = readConfig(process.env, ROOT);
  } catch (error) {
    io.err(`simcell import: ${(error as Error).message}`);
    return 1;
  }
  // In cluster mode the exercises live in PostgreSQL: a process of the cluster opens the imported one by itself.
  const store = config.cluster
    ? await PostgresExerciseStore.connect(config.cluster.databaseUrl)
    : new SqliteExerciseStore(join(config.dataDir, 'simcell.db'));
  const where = config.cluster ? 'the cluster’s database (SIMCELL_DATABASE_URL)' : config.dataDir;
  try {
    const result = await importArchive(store, data);
    if (!result.ok) {
      for (const problem of result.problems) io.err(`${file}: ${problem}`);
      return 1;
    }
    const { record } = result;
    io.out(`Imported exercise ${record.id} (${record.name}, ${record.status}) into ${where}.`);
    io.out('It opens when the server starts; running exercises come back paused. Join codes:');
    const { organisations, ...seats } = record.codes;
    for (const [seat, code] of Object.entries({ ...seats, ...organisations })) io.out(`  ${seat.padEnd(12)} ${code}`);
    return 0;
  } finally {
    await store.close();
  }
}
