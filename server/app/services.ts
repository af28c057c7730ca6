import type { JoinAttemptLimiter } from '../room/joinAttemptLimiter.ts';
import type { ExerciseStore } from '../store/exerciseStore.ts';
import type { Logger } from './logger.ts';

/**
 * What rooms need from the process. Colyseus constructs rooms itself, so they find the store and the
 * logger here; the server sets them once at start.
 */
export interface Services {
  readonly store: ExerciseStore;
  readonly logger: Logger;
  readonly joinAttempts: JoinAttemptLimiter;
}

let current: Services | undefined;

export function setServices(services: Services): void {
  current = services;
}

export function services(): Services {
  if (!current) throw new Error('SimCell services are not configured: start the server with createSimcellServer()');
  return current;
}
