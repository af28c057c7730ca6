import { en, type MessageKey } from './en.ts';
import { nl } from './nl.ts';

/**
 * The interface language (English or Dutch) and the one function that turns a key into text. The choice is
 * kept in localStorage, so a participant who reloads keeps the language they picked.
 */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

const STRINGS: Record<Language, Record<MessageKey, string>> = { en, nl };
const STORAGE_KEY = 'simcell.language';

let current: Language = initialLanguage();

function initialLanguage(): Language {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(STORAGE_KEY) ?? navigator.language.slice(0, 2);
  return isLanguage(asked) ? asked : 'en';
}

export function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The text for `key` in the current language, with `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return STRINGS[current][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A key that may not exist (an error code from the server, a channel from a newer scenario). */
export function tMaybe(key: string, values?: Readonly<Record<string, string | number>>): string | undefined {
  return key in en ? t(key as MessageKey, values) : undefined;
}
