import type { SeededRandom } from '../../server/engine/seededRandom.ts';
import { INTENT_ROLES, INTENT_TYPES, type IntentType } from '../../shared/protocol/intents.ts';
import type { FuzzSeat, FuzzWorld } from './fuzzWorld.ts';
import { HOSTILE_IDS, ODD_VALUES, UNICODE, WEIRD_TYPES } from './hostileValues.ts';
import { SeededPicker } from './seededPicker.ts';
import { ValidIntents } from './validIntents.ts';

/**
 * Seeded hostile traffic for the exercise room: for one seat, an endless, reproducible stream of messages —
 * valid intents, valid-shaped ones with wrong ids, other organisations' business or another role's commands,
 * and malformed ones (wrong types and shapes, huge, deep, prototype keys, odd values, unicode, TLP breaches).
 */
export type Category =
  | 'valid'
  | 'wrongIds'
  | 'otherOrganisation'
  | 'forbiddenRole'
  | 'wrongType'
  | 'wrongShape'
  | 'huge'
  | 'deep'
  | 'protoKeys'
  | 'oddValues'
  | 'unicode'
  | 'tlpViolation'
  | 'hostileRef';

export interface HostileMessage {
  readonly type: string | number;
  /** `undefined`: sent without a payload. */
  readonly payload: unknown;
  readonly category: Category;
  /** The ref the server's answer must carry, when the payload has a usable one (a non-empty string). */
  readonly ref: string | undefined;
}

const WEIGHTS: Readonly<Record<Category, number>> = {
  valid: 34,
  wrongIds: 8,
  otherOrganisation: 9,
  forbiddenRole: 9,
  wrongType: 6,
  wrongShape: 10,
  huge: 4,
  deep: 3,
  protoKeys: 5,
  oddValues: 4,
  unicode: 3,
  tlpViolation: 4,
  hostileRef: 2,
};
const CATEGORIES = Object.keys(WEIGHTS) as Category[];
const TOTAL_WEIGHT = CATEGORIES.reduce((sum, c) => sum + WEIGHTS[c], 0);

/** Reproducible hostile traffic for one seat; refs are `${refPrefix}.${n}`. */
export function* hostileMessages(random: SeededRandom, seat: FuzzSeat, world: FuzzWorld, refPrefix: string): Generator<HostileMessage> {
  const g = new HostileGenerator(new SeededPicker(random), seat, world, refPrefix);
  for (;;) yield g.next();
}

class HostileGenerator {
  private count = 0;
  private readonly mine: IntentType[];
  private readonly forbidden: IntentType[];
  private readonly valid: ValidIntents;

  constructor(
    private readonly r: SeededPicker,
    private readonly seat: FuzzSeat,
    private readonly world: FuzzWorld,
    private readonly refPrefix: string,
  ) {
    this.mine = INTENT_TYPES.filter((t) => INTENT_ROLES[t].includes(seat.role));
    this.forbidden = INTENT_TYPES.filter((t) => !INTENT_ROLES[t].includes(seat.role));
    this.valid = new ValidIntents(r, seat, world);
  }

  next(): HostileMessage {
    const r = this.r;
    const ref = `${this.refPrefix}.${++this.count}`;
    let category = this.category();
    // Observers and screens may only `sync`, which answers with the whole history: mostly try something else.
    if (category === 'valid' && this.mine.length === 1 && !r.chance(0.03)) category = 'forbiddenRole';
    switch (category) {
      case 'valid':
        return this.withRef('valid', this.validType(), ref, (t) => this.valid.payload(t, true));
      case 'wrongIds':
        return this.withRef(category, r.pick(this.mine), ref, (t) => this.wrongIds(t));
      case 'otherOrganisation':
        return this.otherOrganisation(ref);
      case 'forbiddenRole':
        return this.withRef(category, r.pick(this.forbidden.length ? this.forbidden : this.mine), ref, (t) => this.valid.payload(t, false));
      case 'wrongType': {
        const type = r.pick(WEIRD_TYPES);
        const roll = r.next();
        const payload =
          roll < 0.55
            ? { ref, ...this.valid.payload(r.pick(this.mine), false) }
            : roll < 0.85
              ? { ref, ...this.protoKeys(r.pick(this.mine)) }
              : this.junk();
        return { type, payload, category, ref: refIn(payload, ref) };
      }
      case 'wrongShape':
        return this.wrongShape(ref);
      case 'huge':
        return this.withRef(category, r.pick(INTENT_TYPES), ref, (t) => this.huge(t));
      case 'deep':
        return this.withRef(category, r.pick(INTENT_TYPES), ref, (t) => ({
          ...this.valid.payload(t, false),
          [this.key()]: this.nested(r.int(20, 500)), // deeper overflows the SDK's encoder before anything is sent
        }));
      case 'protoKeys':
        return this.withRef(category, r.pick(INTENT_TYPES), ref, (t) => this.protoKeys(t));
      case 'oddValues':
        return this.withRef(category, r.pick(INTENT_TYPES), ref, (t) => this.oddValues(t));
      case 'unicode':
        return this.withRef(category, r.pick(INTENT_TYPES), ref, (t) => this.unicode(t));
      case 'tlpViolation':
        return this.withRef(category, 'message.send', ref, () => this.tlpViolation());
      case 'hostileRef':
        return this.hostileRef(ref);
    }
  }

  private category(): Category {
    let roll = this.r.next() * TOTAL_WEIGHT;
    for (const c of CATEGORIES) {
      roll -= WEIGHTS[c];
      if (roll < 0) return c;
    }
    return 'valid';
  }

  private validType(): IntentType {
    // `sync` answers with the whole history, the heaviest message there is. Ending the exercise and reissuing
    // join codes are rare at a real table and change what every later message meets. All three stay rare.
    const rare: IntentType[] = ['sync', 'control.start', 'control.end', 'control.reissueCode'];
    const types = this.mine.filter((t) => !rare.includes(t));
    if (!types.length || this.r.chance(0.015)) return 'sync';
    if (this.seat.role === 'control' && this.r.chance(0.004)) return 'control.end';
    if (this.seat.role === 'control' && this.r.chance(0.004)) return 'control.reissueCode';
    return this.r.pick(types);
  }

  private wrongIds(type: IntentType): Record<string, unknown> {
    const r = this.r;
    const p = this.valid.payload(type, false);
    const id = () => r.pick(HOSTILE_IDS);
    for (const key of ['inject', 'action', 'organisation', 'indicator', 'level', 'phase', 'objective', 'as', 'from', 'seat'])
      if (key in p) p[key] = id();
    if ('to' in p) p.to = r.chance(0.5) ? [id()] : [...(p.to as string[]), id()];
    if ('forward' in p || r.chance(0.3)) p.forward = { kind: r.pick(['message', 'inject'] as const), id: id() };
    if (type === 'act' && r.chance(0.5)) p.action = `${r.pick(this.world.actions).id}\u0000`;
    return p;
  }

  /** Valid-shaped intents about other organisations' business. */
  private otherOrganisation(ref: string): HostileMessage {
    const { r, world: w } = this;
    const own = this.seat.organisation;
    const others = w.organisations.filter((o) => o !== own);
    const theirs = w.actions.filter((a) => own === null || !a.by.includes(own));
    const variants: (() => [IntentType, Record<string, unknown>])[] = [
      () => ['act', { action: r.pick(theirs.length ? theirs : w.actions).id }],
      () => ['act', { action: r.pick(w.actions).id, organisation: r.pick(others) }],
      () => ['acknowledge', { inject: r.pick(w.injects) }],
      () => ['acknowledge', { inject: r.pick(w.injects), organisation: r.pick(others) }],
      () => ['message.send', { ...this.valid.message(false), as: r.pick(others) }],
      () => ['message.send', { ...this.valid.message(false), forward: { kind: 'message', id: this.valid.messageId() } }],
      () => ['message.send', { ...this.valid.message(false), forward: { kind: 'inject', id: r.pick(w.injects) } }],
      () => ['log.write', { kind: 'log', text: r.words(4), organisation: r.pick(others) }],
      () => ['control.actAs', { organisation: r.pick(others), action: r.pick(w.actions).id }],
      () => ['observation.record', { text: r.words(5), organisation: r.pick(others) }],
    ];
    const [type, payload] = r.pick(variants)();
    return { type, payload: { ref, ...payload }, category: 'otherOrganisation', ref };
  }

  private wrongShape(ref: string): HostileMessage {
    const r = this.r;
    const type = r.pick(INTENT_TYPES);
    const withRef = () => ({ ref, ...this.valid.payload(type, false) }) as Record<string, unknown>;
    const fields = (p: Record<string, unknown>) => Object.keys(p).filter((k) => k !== 'ref');
    const variants: (() => unknown)[] = [
      () => undefined,
      () => null,
      () => this.junk(),
      () => [withRef()],
      () => ({ ...withRef(), [this.key()]: r.pick(ODD_VALUES) }),
      () => {
        const p = withRef();
        if (fields(p).length) delete p[r.pick(fields(p))];
        return p;
      },
      () => {
        const p = withRef();
        if (fields(p).length) p[r.pick(fields(p))] = r.pick(ODD_VALUES);
        return p;
      },
      () => ({ ref, to: 'bank-b', tlp: 'RED', subject: 1, body: ['x'] }),
      () => ({ ref, speed: '10' }),
      () => ({ ref, kind: 'diary', text: 'x' }),
      () => ({ ref, text: '   \n\t ' }),
      () => ({ ref, title: 'not a map', body: { english: 'x' } }),
    ];
    const payload = r.pick(variants)();
    return { type, payload, category: 'wrongShape', ref: refIn(payload, ref) };
  }

  private huge(type: IntentType): Record<string, unknown> {
    const r = this.r;
    const p = this.valid.payload(type, false);
    // Beyond the room's 16 KiB, within the transport's 256 KiB frame (that limit is tested on its own).
    const big = () => {
      const [unit, bytes] = r.pick([
        ['x', 1],
        ['é', 2],
        ['🙂', 4],
        ['ab\u0000', 3],
      ] as const);
      return unit.repeat(Math.ceil(r.int(17_000, 100_000) / bytes));
    };
    switch (r.int(0, 4)) {
      case 0:
        return { ...p, text: big() };
      case 1:
        return { ...p, body: big(), subject: big() };
      case 2:
        return { ...p, to: Array.from({ length: r.int(300, 3000) }, (_, i) => `org-${i}`) };
      case 3:
        return { ...p, ...Object.fromEntries(Array.from({ length: r.int(500, 3000) }, (_, i) => [`k${i}`, i])) };
      default:
        return { ...p, [big().slice(0, 20_000)]: 1 }; // a 20,000-character key
    }
  }

  private protoKeys(type: IntentType): Record<string, unknown> {
    const p = this.valid.payload(type, false);
    const polluted = { polluted: 'yes', isAdmin: true, role: 'control' };
    const variants: (() => Record<string, unknown>)[] = [
      () => ({ ...p, ...(JSON.parse('{"__proto__":{"polluted":"yes","role":"control"}}') as object) }),
      () => ({ ...p, constructor: { prototype: polluted } }),
      () => ({ ...p, prototype: polluted }),
      () => ({ ...p, __defineSetter__: 'x', hasOwnProperty: 'x', toString: 'x', valueOf: 'x' }),
      () => ({ ...p, toString: { toString: 'x' }, valueOf: {} }),
      () => ({ ...p, to: JSON.parse('{"__proto__":["bank-a"],"length":1}') as unknown }),
      () => ({ ...p, title: JSON.parse('{"__proto__":{"polluted":"yes"},"en":"t"}') as unknown, body: { constructor: 'x', en: 'b' } }),
      () => ({ ...p, forward: JSON.parse('{"kind":"message","id":"m1","__proto__":{"polluted":"yes"}}') as unknown }),
      () => JSON.parse(`{"__proto__":${JSON.stringify(p)}}`) as Record<string, unknown>,
    ];
    return this.r.pick(variants)();
  }

  private oddValues(type: IntentType): Record<string, unknown> {
    const p = this.valid.payload(type, false);
    const keys = [...Object.keys(p), 'speed', 'value', 'text', 'inject', 'to'];
    for (let i = this.r.int(1, 3); i > 0; i--) p[this.r.pick(keys)] = this.r.pick(ODD_VALUES);
    return p;
  }

  private unicode(type: IntentType): Record<string, unknown> {
    const r = this.r;
    const p = this.valid.payload(type, false);
    for (const [key, value] of Object.entries(p)) if (typeof value === 'string') p[key] = `${value}${r.pick(UNICODE)}`;
    if (Array.isArray(p.to)) p.to = (p.to as string[]).map((t) => (r.chance(0.5) ? `${t}${r.pick(UNICODE)}` : t));
    return p;
  }

  /** Well-formed messages that break the traffic light protocol, or labels that are not TLP 2.0. */
  private tlpViolation(): Record<string, unknown> {
    const { r, world: w } = this;
    const others = w.organisations.filter((o) => o !== this.seat.organisation);
    const body = r.words(6);
    const one = () => [r.pick(others)];
    const variants: (() => Record<string, unknown>)[] = [
      () => ({ to: others, tlp: r.pick(['TLP:RED', 'TLP:AMBER+STRICT'] as const), subject: 'to everyone', body }),
      () => ({ to: [...others, ...others], tlp: 'TLP:RED', subject: 'dup', body }),
      () => ({ to: one(), tlp: 'TLP:CLEAR', subject: 'fwd', body, forward: { kind: 'message', id: this.valid.messageId() } }),
      () => ({ to: one(), tlp: 'TLP:CLEAR', subject: 'fwd', body, forward: { kind: 'inject', id: r.pick(w.injects) } }),
      () => ({ to: others, tlp: 'TLP:GREEN', subject: 'fwd', body, forward: { kind: 'inject', id: r.pick(w.injects) } }),
      () => ({ to: one(), tlp: r.pick(['TLP:WHITE', 'RED', 'red', 'TLP:RED ', 'tlp:red', 'TLP:AMBER+', ''] as const), subject: 's', body }),
    ];
    return r.pick(variants)();
  }

  private hostileRef(ref: string): HostileMessage {
    const r = this.r;
    const type = r.pick(this.mine);
    const p = this.valid.payload(type, false);
    // [value, the ref the answer should carry]: the room echoes a string ref cut to 64 characters, and no other.
    const variants: [unknown, string | undefined][] = [
      [ref.padEnd(100, 'x'), ref.padEnd(64, 'x')],
      [`${ref}🙂`, `${ref}🙂`],
      [r.int(0, 1e6), undefined],
      [{ ref }, undefined],
      [[ref], undefined],
      [null, undefined],
      ['', undefined],
      [true, undefined],
    ];
    const [value, expected] = r.pick(variants);
    return { type, payload: { ...p, ref: value }, category: 'hostileRef', ref: expected };
  }

  private withRef(category: Category, type: IntentType, ref: string, build: (t: IntentType) => Record<string, unknown>): HostileMessage {
    return { type, payload: { ref, ...build(type) }, category, ref };
  }

  private junk(): unknown {
    const r = this.r;
    return r.pick<() => unknown>([
      () => 'just a string',
      () => r.int(-1000, 1000),
      () => true,
      () => [],
      () => [1, 'two', null],
      () => r.pick(ODD_VALUES),
    ])();
  }

  private nested(depth: number): unknown {
    let v: unknown = 'bottom';
    const asObject = this.r.chance(0.5);
    for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
    return v;
  }

  private key(): string {
    return this.r.pick(['extra', 'role', 'organisation', 'seq', 'admin', 'type', '$where', 'ref2']);
  }
}

/** The ref of a payload that is a plain object carrying exactly this one. */
function refIn(payload: unknown, ref: string): string | undefined {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) && (payload as { ref?: unknown }).ref === ref
    ? ref
    : undefined;
}
