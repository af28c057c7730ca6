import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../../server/engine/compileScenario.ts';
import type { Effect } from '../../../server/engine/effects.ts';
import { ExerciseEngine } from '../../../server/engine/exerciseEngine.ts';
import {
  createClock,
  exerciseTimeAt,
  pauseClock,
  resumeClock,
  setClockSpeed,
  startClock,
  wallDelayUntil,
  type ExerciseClockState,
} from '../../../shared/exerciseClock.ts';
import { inject, list, minimalScenario } from '../../support/minimalScenario.ts';
import { minutes, scenarioFrom } from '../../support/scenarioText.ts';

const SECOND = 1000;

describe('exercise clock', () => {
  it('[T1] shows 0 until started, then runs at its speed', () => {
    let clock = createClock(60);
    expect(exerciseTimeAt(clock, 5_000)).toBe(0);
    clock = startClock(clock, 10_000);
    expect(exerciseTimeAt(clock, 11_000)).toBe(60 * SECOND);
  });

  it('[T2] stands still while paused', () => {
    let clock = startClock(createClock(10), 0);
    clock = pauseClock(clock, 3_000);
    expect(exerciseTimeAt(clock, 3_000)).toBe(30 * SECOND);
    expect(exerciseTimeAt(clock, 1_000_000)).toBe(30 * SECOND);
    expect(wallDelayUntil(clock, 40 * SECOND, 1_000_000)).toBe(Infinity);
  });

  it('[T3] keeps exercise time continuous across speed changes', () => {
    let clock = startClock(createClock(1), 0);
    clock = setClockSpeed(clock, 3600, 60_000); // one wall minute at 1×
    expect(exerciseTimeAt(clock, 60_000)).toBe(60 * SECOND);
    expect(exerciseTimeAt(clock, 61_000)).toBe(60 * SECOND + 3600 * SECOND);
  });

  it('[T3] bounds speed to 1×–3600×', () => {
    expect(createClock(0.1).speed).toBe(1);
    expect(createClock(100_000).speed).toBe(3600);
    expect(createClock(Number.NaN).speed).toBe(1);
  });

  it('[T3] says how much wall time is left until an exercise time', () => {
    const clock = startClock(createClock(60), 0);
    expect(wallDelayUntil(clock, minutes(10), 0)).toBe(10 * SECOND);
  });
});

/** Drives an engine from wall time the way the room does: each tick maps wall time to exercise time. */
function driveByWall(engine: ExerciseEngine, initial: ExerciseClockState) {
  let clock = initial;
  const delivered: { id: string; exerciseAt: number; wallAt: number }[] = [];
  const collect = (effects: Effect[], wallAt: number) => {
    for (const e of effects) if (e.type === 'inject.delivered') delivered.push({ id: e.inject.id, exerciseAt: e.at, wallAt });
  };
  return {
    delivered,
    tick(wallMs: number) {
      collect(engine.advanceTo(exerciseTimeAt(clock, wallMs)), wallMs);
    },
    /** Ticks every `step` wall ms up to `until`, as a room's timer would. */
    run(fromWall: number, untilWall: number, step: number) {
      for (let wall = fromWall; wall <= untilWall; wall += step) this.tick(wall);
    },
    change(next: (c: ExerciseClockState) => ExerciseClockState, wallMs: number) {
      this.tick(wallMs);
      clock = next(clock);
    },
    get clock() {
      return clock;
    },
  };
}

describe('the engine on the exercise clock', () => {
  const scenario = scenarioFrom(
    minimalScenario({
      duration: 'PT4H',
      phases: `  only:
    title: { en: Only, nl: Enige }
    injects:
${list(6, inject('early', 'at: PT5M'), inject('due-after-resume', 'at: PT25M'), inject('late', 'at: PT2H'))}`,
    }),
  );

  it('[T2][T3] an inject due 10 exercise-minutes after a resume fires 10 exercise-minutes after the resume', () => {
    const engine = new ExerciseEngine(compileScenario(scenario));
    engine.start();
    const drive = driveByWall(engine, startClock(createClock(60), 0)); // 1 wall second = 1 exercise minute
    drive.run(0, 15 * SECOND, 250); // exercise 00:15
    drive.change((c) => pauseClock(c, 15 * SECOND), 15 * SECOND);
    drive.run(15 * SECOND, 600 * SECOND, 1000); // ten wall minutes paused
    expect(drive.delivered.map((d) => d.id)).toEqual(['early']);
    drive.change((c) => resumeClock(c, 600 * SECOND), 600 * SECOND);
    drive.run(600 * SECOND, 620 * SECOND, 250);
    const due = drive.delivered.find((d) => d.id === 'due-after-resume')!;
    expect(due.exerciseAt).toBe(minutes(25));
    expect(due.wallAt).toBe(610 * SECOND); // 15 exercise-minutes at resume + 10 more = 10 wall seconds later
  });

  it('[T3] a speed change mid-run keeps exercise times exact', () => {
    const engine = new ExerciseEngine(compileScenario(scenario));
    engine.start();
    const drive = driveByWall(engine, startClock(createClock(1), 0));
    drive.run(0, 60 * SECOND, 1000); // one exercise minute at 1×
    drive.change((c) => setClockSpeed(c, 3600, 60 * SECOND), 60 * SECOND);
    drive.run(60 * SECOND, 63 * SECOND, 50); // 3 wall seconds at 3600× = 3 exercise hours, ticks of 3 exercise minutes
    expect(drive.delivered.map((d) => [d.id, d.exerciseAt])).toEqual([
      ['early', minutes(5)],
      ['due-after-resume', minutes(25)],
      ['late', minutes(120)],
    ]);
  });
});
