import type { Where } from './scenarioLocations.ts';

/** A defect the check found, before it has a line: where in the file, what is wrong, how to fix it [F7]. */
export interface Finding {
  readonly where: Where;
  readonly message: string;
  readonly hint?: string;
}
