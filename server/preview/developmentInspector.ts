import type { AnyActorRef } from 'xstate';

/**
 * Where a dry-run's machine is shown live in development (the Stately inspector, see startMachineInspector.ts).
 * The room asks here; only `simcell preview` ever sets one, so `simcell serve` (npm start) never loads the
 * inspector package.
 */
export interface DevelopmentInspector {
  /** Starts streaming this machine's snapshots and events. */
  watch(actor: AnyActorRef): void;
}

let current: DevelopmentInspector | undefined;

export function setDevelopmentInspector(inspector: DevelopmentInspector | undefined): void {
  current = inspector;
}

export function developmentInspector(): DevelopmentInspector | undefined {
  return current;
}
