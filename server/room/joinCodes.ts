import { randomInt } from 'node:crypto';
import type { JoinCodes } from '../store/exerciseStore.ts';

/**
 * Join codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 49.5 bits of
 * entropy, shown as `ABCDE-FGHJK`. Typed codes are read case-insensitively, with or without the dash.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

export function generateCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function generateJoinCodes(organisations: readonly string[]): JoinCodes {
  return {
    control: generateCode(),
    evaluator: generateCode(),
    observer: generateCode(),
    screen: generateCode(),
    class: generateCode(),
    organisations: Object.fromEntries(organisations.map((id) => [id, generateCode()])),
  };
}

export type CodeMeaning =
  | { readonly kind: 'control' | 'evaluator' | 'observer' | 'screen' | 'class' }
  | { readonly kind: 'organisation'; readonly organisation: string };

/** What a typed code opens, if anything. */
export function resolveCode(codes: JoinCodes, typed: string): CodeMeaning | undefined {
  const code = normaliseCode(typed);
  if (code.length !== LENGTH) return undefined;
  for (const kind of ['control', 'evaluator', 'observer', 'screen', 'class'] as const) {
    if (normaliseCode(codes[kind]) === code) return { kind };
  }
  const org = Object.entries(codes.organisations).find(([, c]) => normaliseCode(c) === code);
  return org ? { kind: 'organisation', organisation: org[0] } : undefined;
}
