import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../app/config.ts';
import { importArchive } from '../exercise/exerciseArchive.ts';
import { SqliteExerciseStore } from '../store/sqliteExerciseStore.ts';
import type { CliIo } from './cliIo.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `simcell import <archive.json>`: restores an exercise archive into this machine's store (SIMCELL_DATA_DIR). */
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
  const config = readConfig(process.env, ROOT);
  const store = new SqliteExerciseStore(join(config.dataDir, 'simcell.db'));
  try {
    const result = await importArchive(store, data);
    if (!result.ok) {
      for (const problem of result.problems) io.err(`${file}: ${problem}`);
      return 1;
    }
    const { record } = result;
    io.out(`Imported exercise ${record.id} (${record.name}, ${record.status}) into ${config.dataDir}.`);
    io.out('It opens when the server starts; running exercises come back paused. Join codes:');
    const { organisations, ...seats } = record.codes;
    for (const [seat, code] of Object.entries({ ...seats, ...organisations })) io.out(`  ${seat.padEnd(12)} ${code}`);
    return 0;
  } finally {
    await store.close();
  }
}
