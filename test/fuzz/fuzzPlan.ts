import { SeededRandom } from '../../server/engine/seededRandom.ts';
import type { FuzzSeat, FuzzWorld } from './fuzzWorld.ts';
import { hostileMessages, type HostileMessage } from './hostileMessages.ts';

/**
 * Who takes part in a fuzz run of the two-banks fixture, and how a seed becomes each slot's message stream:
 * the run seed draws one seed per slot in this order, so `(seed, slot, n)` names one message for good.
 */
export const FUZZ_PORT = 2720;

export interface SlotPlan {
  readonly slot: string;
  readonly code: 'control' | 'evaluator' | 'observer' | 'screen' | 'class' | { readonly organisation: string };
  readonly seat?: string;
  /** Listen on the wire: the port of a RecordingProxy in front of the server. */
  readonly proxy?: number;
  /** Sends in bursts instead of paced. */
  readonly flood?: boolean;
}

const org = (organisation: string) => ({ organisation });

export const PLAN: readonly SlotPlan[] = [
  { slot: 'control-1', code: 'control' },
  { slot: 'control-2', code: 'control' },
  { slot: 'control-3', code: 'control' },
  { slot: 'evaluator-1', code: 'evaluator', proxy: FUZZ_PORT + 6 },
  { slot: 'evaluator-2', code: 'evaluator' },
  { slot: 'observer-1', code: 'observer', proxy: FUZZ_PORT + 7 },
  { slot: 'screen-1', code: 'screen', proxy: FUZZ_PORT + 1 },
  { slot: 'ncsc-1', code: org('ncsc'), proxy: FUZZ_PORT + 2 },
  { slot: 'ncsc-2', code: org('ncsc') },
  { slot: 'ncsc-3', code: org('ncsc') },
  { slot: 'bank-a-1', code: org('bank-a'), proxy: FUZZ_PORT + 3 },
  { slot: 'bank-a-soc', code: org('bank-a'), seat: 'soc', proxy: FUZZ_PORT + 4 },
  { slot: 'bank-a-3', code: org('bank-a') },
  { slot: 'bank-b-1', code: org('bank-b'), proxy: FUZZ_PORT + 5 },
  { slot: 'bank-b-2', code: org('bank-b') },
  { slot: 'bank-b-3', code: org('bank-b') },
  { slot: 'isp-1', code: org('isp') },
  { slot: 'isp-2', code: org('isp') },
  { slot: 'student-1', code: 'class' },
  { slot: 'student-2', code: 'class' },
  { slot: 'flood-bank-b', code: org('bank-b'), flood: true },
];

/** Each slot's own seed, drawn from the run seed in PLAN order. */
export function slotSeeds(seed: number): ReadonlyMap<string, number> {
  const master = new SeededRandom(seed);
  return new Map(PLAN.map((p) => [p.slot, master.int(1, 2 ** 31 - 1)]));
}

/** The slot's message stream for a run seed; its n-th message (1-based) is always the same. */
export function slotMessages(seed: number, slot: string, seat: FuzzSeat, world: FuzzWorld): Generator<HostileMessage> {
  const slotSeed = slotSeeds(seed).get(slot);
  if (slotSeed === undefined) throw new Error(`no slot "${slot}" in the fuzz plan; the slots are ${PLAN.map((p) => p.slot).join(', ')}`);
  return hostileMessages(new SeededRandom(slotSeed), seat, world, slot);
}

export function nthMessage(seed: number, slot: string, seat: FuzzSeat, world: FuzzWorld, n: number): HostileMessage {
  const stream = slotMessages(seed, slot, seat, world);
  for (let i = 1; i < n; i++) stream.next();
  return stream.next().value as HostileMessage;
}
