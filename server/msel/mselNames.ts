import { ID_PATTERN } from '../../shared/scenario/idSchema.ts';

/**
 * Names in MSEL cells and the ids SimCell makes of them. A cell may give the id itself in square
 * brackets after the name, `National Cyber Security Centre [ncsc]`; otherwise the id is the name in
 * lower case with hyphens (`Bank A` → `bank-a`). The export writes the brackets only where the name
 * alone would give another id.
 */
export interface Named {
  readonly id: string;
  readonly name: string;
}

export type NameResult = Named | { readonly error: string; readonly hint: string };

/** `Rogue Certificates — Day 1` → `rogue-certificates-day-1`, at most `max` characters, cut at a hyphen. */
export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > max / 2 ? cut.slice(0, hyphen) : slug.slice(0, max)).replace(/-+$/, '');
}

const BRACKETED = /^(.*?)\s*\[([^\]]*)\]\s*$/s;

/** A name with an optional `[id]`; `seats` allows `organisation/seat` ids. */
export function parseNamed(cell: string, seats = false): NameResult {
  const text = cell.trim();
  const bracketed = BRACKETED.exec(text);
  if (bracketed) {
    const id = bracketed[2]!.trim();
    const parts = seats ? id.split('/') : [id];
    if (parts.length > 2 || !parts.every((part) => ID_PATTERN.test(part)))
      return {
        error: `"[${id}]" is not an id`,
        hint: `an id is lower-case letters, digits and hyphens${seats ? ' (a seat: organisation/seat)' : ''}, like [bank-a]`,
      };
    return { id, name: bracketed[1]!.trim() || id };
  }
  if (text.includes('[') || text.includes(']'))
    return { error: `"${text}" has an unmatched square bracket`, hint: 'give an id as Name [id] at the end, or leave out the brackets' };
  const parts = seats ? text.split('/').map((p) => p.trim()) : [text];
  const ids = parts.map((part) => slugify(part));
  if (parts.length > 2 || ids.some((id) => id === ''))
    return { error: `cannot make an id of "${text}"`, hint: 'use letters or digits in the name, or give the id: Name [id]' };
  return { id: ids.join('/'), name: text };
}

/** The cell the export writes: the name, and `[id]` when the name alone gives another id. */
export function formatNamed(name: string, id: string, seats = false): string {
  const safe = name.trim() !== '' && !/[[\];\n]/.test(name);
  if (!safe) return `[${id}]`;
  const parsed = parseNamed(name, seats);
  return 'id' in parsed && parsed.id === id ? name.trim() : `${name.trim()} [${id}]`;
}

/** The items of a list cell: separated by `;` or line breaks, never inside `[…]`. */
export function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of cell) {
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if ((ch === ';' || ch === '\n') && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

const EVERYONE = new Set([
  'all',
  'all players',
  'everyone',
  'everybody',
  'all organisations',
  'all organizations',
  'iedereen',
  'allen',
  'alle spelers',
  'alle organisaties',
]);

/** True for `All`, `All players`, `Everyone`, `Iedereen`, … [J7]. */
export function meansEveryone(item: string): boolean {
  return EVERYONE.has(item.trim().toLowerCase().replace(/\s+/g, ' '));
}

/** An id not yet in `taken`: `inject-3`, else `inject-3-2`, `inject-3-3`, … */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** `nl` → `Dutch`, for messages. */
export function languageName(code: string): string {
  return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
}
