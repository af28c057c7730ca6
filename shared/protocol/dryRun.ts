/**
 * A dry-run: an exercise in which SimCell's automatic players sit in every played organisation's seat, with the
 * policies of `simcell simulate` (server/simulate/playerPolicy.ts), so a scenario's author can watch what each
 * organisation sees and when. Created with `dryRun` on `POST /api/exercises` (docs/api.md).
 */
export const DRY_RUN_POLICIES = ['none', 'expected', 'random'] as const;
export type DryRunPolicy = (typeof DRY_RUN_POLICIES)[number];

export interface DryRun {
  readonly policy: DryRunPolicy;
  /** The seed of the `random` policy; every policy is deterministic for a seed. */
  readonly seed: number;
}
