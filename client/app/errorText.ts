import { t, tMaybe } from '../i18n/i18n.ts';

/** A refusal from the server, in the reader's language; the server's own words fill in the detail. */
export function errorText(code: string, detail = ''): string {
  return tMaybe(`error.${code}`, { detail }) ?? t('error.generic', { detail: detail || code });
}
