import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe } from 'vitest';
import type { ExerciseStore } from '../../../server/store/exerciseStore.ts';
import { SqliteExerciseStore } from '../../../server/store/sqliteExerciseStore.ts';
import { exerciseStoreContract } from './exerciseStoreContract.ts';

// The store contract on SQLite; test/cluster/postgresExerciseStore.test.ts runs the same on PostgreSQL.
const dirs: string[] = [];
let open: ExerciseStore[] = [];
afterEach(async () => {
  await Promise.allSettled(open.map((s) => s.close()));
  open = [];
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite store keeps the ExerciseStore contract', () => {
  exerciseStoreContract(
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'simcell-contract-'));
      dirs.push(dir);
      const file = join(dir, 'simcell.db');
      return Promise.resolve({ open: () => Promise.resolve(new SqliteExerciseStore(file)) });
    },
    (store) => open.push(store),
  );
});
