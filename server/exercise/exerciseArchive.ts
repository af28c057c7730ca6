import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DRY_RUN_POLICIES } from '../../shared/protocol/dryRun.ts';
import { parseScenario } from '../scenario/loadScenario.ts';
import { formatProblem } from '../scenario/scenarioProblem.ts';
import { generateJoinCodes } from '../room/joinCodes.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/exerciseStore.ts';
import { StoredEventSchema, type StoredEvent } from './exerciseEvent.ts';
import { ExerciseSession } from './exerciseSession.ts';

/**
 * One exercise as one JSON document: what it was, the scenario text it ran, and every event. Join codes
 * are never in it. Importing replays it, so the imported exercise reaches exactly the original's state.
 */
export const ARCHIVE_FORMAT = 'simcell-archive/1';

export const ArchiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  exportedAt: z.string(),
  exercise: z.object({
    id: z.string().regex(/^[A-Za-z0-9_-]{4,40}$/),
    name: z.string().max(200),
    scenarioId: z.string(),
    speed: z.number().min(1).max(3600),
    createdAt: z.string(),
    status: z.enum(['ready', 'running', 'paused', 'ended']),
    /** A dry-run stays one after import: its automatic players take their turns again. */
    dryRun: z.strictObject({ policy: z.enum(DRY_RUN_POLICIES), seed: z.number().int() }).optional(),
  }),
  scenarioSource: z.string().max(20 * 1024 * 1024),
  events: z.array(StoredEventSchema),
});
export type Archive = z.infer<typeof ArchiveSchema>;

export function buildArchive(record: ExerciseRecord, events: readonly StoredEvent[], exportedAt: string): Archive {
  const { id, name, scenarioId, speed, createdAt, status, dryRun } = record;
  return {
    format: ARCHIVE_FORMAT,
    exportedAt,
    exercise: { id, name, scenarioId, speed, createdAt, status, ...(dryRun ? { dryRun } : {}) },
    scenarioSource: record.scenarioSource,
    events: [...events],
  };
}

export type ImportResult =
  { readonly ok: true; readonly record: ExerciseRecord } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks an archive all the way — shape, scenario (the same validator as any scenario file), numbering, and a
 * full replay — and only then stores it, under its own id if that is free. New join codes are issued.
 */
export async function importArchive(store: ExerciseStore, input: unknown): Promise<ImportResult> {
  const parsed = ArchiveSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || 'archive'}: ${i.message}`) };
  const archive = parsed.data;
  const loaded = parseScenario(archive.scenarioSource, `archive:${archive.exercise.id}`);
  if (!loaded.ok) return { ok: false, problems: loaded.problems.map(formatProblem) };
  const broken = archive.events.findIndex((e, i) => e.seq !== i + 1);
  if (broken >= 0) return { ok: false, problems: [`events.${broken}: expected seq ${broken + 1}, found ${archive.events[broken]!.seq}`] };
  try {
    const session = new ExerciseSession({
      exerciseId: archive.exercise.id,
      name: archive.exercise.name,
      scenario: loaded.scenario,
      speed: archive.exercise.speed,
    });
    session.replay(archive.events);
  } catch (error) {
    return { ok: false, problems: [`the events do not replay on this scenario: ${(error as Error).message}`] };
  }
  const id = (await store.getExercise(archive.exercise.id)) ? randomBytes(9).toString('base64url') : archive.exercise.id;
  const record: ExerciseRecord = {
    ...archive.exercise,
    id,
    scenario: loaded.scenario,
    scenarioSource: archive.scenarioSource,
    codes: generateJoinCodes(loaded.scenario.organisations.map((o) => o.id)),
  };
  await store.createExercise(record);
  for (const event of archive.events)
    await store.append(id, { atMs: event.atMs, wallMs: event.wallMs, actor: event.actor, body: event.body });
  return { ok: true, record };
}
