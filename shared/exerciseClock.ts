/**
 * Maps wall time to exercise time [T3]. Pure: every method takes the wall time as an argument and returns a
 * new clock, so the server can store it and a client can draw a running clock between updates. Exercise time
 * is anchored at the last start/pause/resume/speed change, so changing speed or pausing never moves anything
 * already scheduled in exercise time.
 */
export type ClockStatus = 'ready' | 'running' | 'paused' | 'ended';

export interface ExerciseClockState {
  readonly status: ClockStatus;
  readonly speed: number;
  /** Exercise ms at the anchor. */
  readonly anchorExerciseMs: number;
  /** Wall ms at the anchor. */
  readonly anchorWallMs: number;
}

export const MIN_SPEED = 1;
export const MAX_SPEED = 3600;

export function createClock(speed = 1): ExerciseClockState {
  return { status: 'ready', speed: clampSpeed(speed), anchorExerciseMs: 0, anchorWallMs: 0 };
}

export function exerciseTimeAt(clock: ExerciseClockState, wallMs: number): number {
  if (clock.status !== 'running') return clock.anchorExerciseMs;
  return clock.anchorExerciseMs + Math.max(0, wallMs - clock.anchorWallMs) * clock.speed;
}

export function startClock(clock: ExerciseClockState, wallMs: number): ExerciseClockState {
  return clock.status === 'ready' ? { ...clock, status: 'running', anchorExerciseMs: 0, anchorWallMs: wallMs } : clock;
}

export function pauseClock(clock: ExerciseClockState, wallMs: number): ExerciseClockState {
  return clock.status === 'running'
    ? { ...clock, status: 'paused', anchorExerciseMs: exerciseTimeAt(clock, wallMs), anchorWallMs: wallMs }
    : clock;
}

export function resumeClock(clock: ExerciseClockState, wallMs: number): ExerciseClockState {
  return clock.status === 'paused' ? { ...clock, status: 'running', anchorWallMs: wallMs } : clock;
}

export function setClockSpeed(clock: ExerciseClockState, speed: number, wallMs: number): ExerciseClockState {
  return { ...clock, speed: clampSpeed(speed), anchorExerciseMs: exerciseTimeAt(clock, wallMs), anchorWallMs: wallMs };
}

export function endClock(clock: ExerciseClockState, wallMs: number): ExerciseClockState {
  return { ...clock, status: 'ended', anchorExerciseMs: exerciseTimeAt(clock, wallMs), anchorWallMs: wallMs };
}

/** Wall ms from `wallMs` until the clock shows `exerciseMs`; Infinity when it is not running. */
export function wallDelayUntil(clock: ExerciseClockState, exerciseMs: number, wallMs: number): number {
  if (clock.status !== 'running') return Infinity;
  return Math.max(0, (exerciseMs - exerciseTimeAt(clock, wallMs)) / clock.speed);
}

function clampSpeed(speed: number): number {
  return Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : MIN_SPEED;
}
