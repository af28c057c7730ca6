import { once } from 'node:events';
import { PostgresExerciseStore } from '../../../server/store/postgresExerciseStore.ts';
import { event } from '../../unit/store/storeFixtures.ts';

/**
 * One of two processes racing to append to the same exercise (postgresExerciseStore.test.ts). Connects, says
 * "ready", waits for "go" on stdin so both start together, appends COUNT events with IN_FLIGHT at a time, and
 * prints the numbers it was given as one JSON line.
 */
const [url, exerciseId, count, inFlight, label] = process.argv.slice(2) as [string, string, string, string, string];
const store = await PostgresExerciseStore.connect(url);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const seqs: number[] = [];
let next = 0;
const lane = async () => {
  while (next < Number(count)) {
    const n = next++;
    const stored = await store.append(exerciseId, { ...event(n), actor: { ...event(n).actor, name: `${label} ${n}` } });
    seqs.push(stored.seq);
  }
};
await Promise.all(Array.from({ length: Number(inFlight) }, lane));
process.stdout.write(`${JSON.stringify({ label, seqs })}\n`);
await store.close();
