/** The kinds of seat a join code gives. */
export const ROLES = ['control', 'evaluator', 'observer', 'participant', 'screen'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see the whole exercise, including what is coming next. */
export const STAFF_ROLES: readonly Role[] = ['control', 'evaluator', 'observer'];
