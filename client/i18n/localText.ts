import { language } from './i18n.ts';

/**
 * Scenario texts come in several languages: a plain record in messages, a MapSchema in the synced state.
 * Shows the interface language when the scenario has it, else the scenario's own first language.
 */
export interface TextMapLike {
  get(key: string): string | undefined;
  values(): IterableIterator<string>;
}

export type AnyLocalText = Readonly<Record<string, string>> | TextMapLike | undefined;

let fallbackLanguages: readonly string[] = ['en'];

/** The scenario's languages, first is its default; set once the welcome message arrives. */
export function setScenarioLanguages(languages: readonly string[]): void {
  if (languages.length) fallbackLanguages = languages;
}

export function localText(text: AnyLocalText, fallback = ''): string {
  if (!text) return fallback;
  const read = (lang: string): string | undefined => (isMap(text) ? text.get(lang) : text[lang]);
  for (const lang of [language(), ...fallbackLanguages]) {
    const value = read(lang);
    if (value) return value;
  }
  const first: string | undefined = isMap(text) ? (text.values().next().value as string | undefined) : Object.values(text)[0];
  return first ?? fallback;
}

function isMap(text: Readonly<Record<string, string>> | TextMapLike): text is TextMapLike {
  return typeof (text as TextMapLike).get === 'function';
}
