/**
 * Every error a client can be told about, as one closed set [principle 6]. The engine's refusals, the room's
 * validation and the join checks share it, so a bot author has one list to handle (docs/protocol.md).
 */
export const ERROR_CODES = {
  // joining
  WRONG_CODE: 'WRONG_CODE',
  INVALID_JOIN: 'INVALID_JOIN',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  // any message
  UNKNOWN_MESSAGE: 'UNKNOWN_MESSAGE',
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_ALLOWED: 'NOT_ALLOWED',
  STORE_FAILED: 'STORE_FAILED',
  // exercise rules
  ACTION_NOT_ALLOWED: 'ACTION_NOT_ALLOWED',
  REPORT_REQUIRED: 'REPORT_REQUIRED',
  TLP_VIOLATION: 'TLP_VIOLATION',
  UNKNOWN_INJECT: 'UNKNOWN_INJECT',
  UNKNOWN_MESSAGE_ID: 'UNKNOWN_MESSAGE_ID',
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  UNKNOWN_ORGANISATION: 'UNKNOWN_ORGANISATION',
  UNKNOWN_PHASE: 'UNKNOWN_PHASE',
  UNKNOWN_INDICATOR: 'UNKNOWN_INDICATOR',
  UNKNOWN_LEVEL: 'UNKNOWN_LEVEL',
  UNKNOWN_OBJECTIVE: 'UNKNOWN_OBJECTIVE',
  NOT_STARTED: 'NOT_STARTED',
  ALREADY_STARTED: 'ALREADY_STARTED',
  EXERCISE_ENDED: 'EXERCISE_ENDED',
  NOTHING_UPCOMING: 'NOTHING_UPCOMING',
  // the debrief
  NOT_ENDED: 'NOT_ENDED',
  UNKNOWN_PLAN_ITEM: 'UNKNOWN_PLAN_ITEM',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** WebSocket close/refusal codes the room uses when it refuses a join (the SDK reports them as `code`). */
export const JOIN_REFUSAL = {
  WRONG_CODE: 4401,
  INVALID_JOIN: 4400,
  TOO_MANY_ATTEMPTS: 4429,
} as const;
