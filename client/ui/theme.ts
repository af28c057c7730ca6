import { TLP_COLOURS, type TlpLabel } from '../../shared/scenario/tlp.ts';

/**
 * The palette, once, for CSS and for Phaser. A calm dark room; colour is kept for meaning: escalation,
 * TLP (client/widgets/tlpBadge.ts uses the official TLP_COLOURS), status.
 */
export const PALETTE = {
  bg: 0x0a0f15,
  panel: 0x111821,
  line: 0x223041,
  lineSoft: 0x18222e,
  text: 0xe6edf3,
  muted: 0x8a9bb0,
  accent: 0x4cc2ff,
  ok: 0x3fb984,
  warn: 0xe3b341,
  danger: 0xf0524a,
} as const;

export const FONT = 'Inter, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif';

/** From calm to alarm; an escalation ladder of any length is spread over these stops. */
const ESCALATION_STOPS = [0x3fb984, 0xd8b33e, 0xf0893c, 0xf0524a];

export function escalationColour(index: number, count: number): number {
  if (count <= 1 || index <= 0) return ESCALATION_STOPS[0]!;
  const t = Math.min(1, index / (count - 1)) * (ESCALATION_STOPS.length - 1);
  const i = Math.min(ESCALATION_STOPS.length - 2, Math.floor(t));
  return mix(ESCALATION_STOPS[i]!, ESCALATION_STOPS[i + 1]!, t - i);
}

const SECTOR_COLOURS: Record<string, number> = {
  government: 0x5aa2ff,
  finance: 0xa98bff,
  telecom: 0x3fd0d4,
  ict: 0x3fd0d4,
  energy: 0xf2c14e,
  water: 0x4fb6ff,
  transport: 0xff9f6b,
  health: 0xff7a9a,
  police: 0x7d8cff,
  defence: 0x9bb07a,
  military: 0x9bb07a,
  media: 0xd39bff,
  education: 0x7fdc9a,
};

export function sectorColour(sector: string): number {
  const known = SECTOR_COLOURS[sector.toLowerCase()];
  if (known !== undefined) return known;
  let hash = 0;
  for (const ch of sector) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const fallbacks = Object.values(SECTOR_COLOURS);
  return fallbacks[hash % fallbacks.length]!;
}

export function mix(a: number, b: number, t: number): number {
  const channel = (shift: number) => Math.round(((a >> shift) & 255) * (1 - t) + ((b >> shift) & 255) * t) << shift;
  return channel(16) | channel(8) | channel(0);
}

export function css(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}

/** A TLP label's official colour as a number, for Phaser. */
export function tlpColour(label: TlpLabel): number {
  return parseInt(TLP_COLOURS[label].slice(1), 16);
}
