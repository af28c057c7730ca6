/**
 * Every error a client can be told about, as one closed set [principle 6]. The engine's refusals and the
 * room's validation share it, so a bot author has one list to handle.
 */
export const ERROR_CODES = {
  ACTION_NOT_ALLOWED: 'ACTION_NOT_ALLOWED',
  REPORT_REQUIRED: 'REPORT_REQUIRED',
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  UNKNOWN_ORGANISATION: 'UNKNOWN_ORGANISATION',
  UNKNOWN_PHASE: 'UNKNOWN_PHASE',
  UNKNOWN_INDICATOR: 'UNKNOWN_INDICATOR',
  UNKNOWN_LEVEL: 'UNKNOWN_LEVEL',
  NOT_STARTED: 'NOT_STARTED',
  EXERCISE_ENDED: 'EXERCISE_ENDED',
  NOTHING_UPCOMING: 'NOTHING_UPCOMING',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
