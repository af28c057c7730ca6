import type { IntentResult } from '../net/Connection.ts';
import type { Toasts } from '../widgets/Toasts.ts';
import { errorText } from './errorText.ts';

/** Turns an intent's answer into `undefined` (done) or the refusal in words, shown as a toast as well. */
export function outcome(result: IntentResult, toasts?: Toasts): string | undefined {
  if (result.ok) return undefined;
  const text = errorText(result.code, result.message);
  toasts?.show(text, 'error');
  return text;
}
