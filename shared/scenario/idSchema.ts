import { z } from 'zod';
import { parseDuration } from './duration.ts';

/** [F2] lower-case letters, digits and hyphens. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export const IdSchema = z.string().regex(ID_PATTERN, { message: 'an id is lower-case letters, digits and hyphens, like "bank-a"' });

/** [F5] a duration in a scenario, parsed to whole seconds. */
export const DurationSchema = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `"${text}" is not a duration: write it as PT30M, PT1H30M or P1DT2H (or 30m, 1h30m, 2d)`,
    });
    return z.NEVER;
  }
  return seconds;
});

/** [F4] a text in every language of the scenario, or a plain string when it has one language. */
export const TextSchema = z.union([
  z.string().min(1, { message: 'this text is empty' }),
  z.record(
    z.string().regex(/^[a-z]{2}$/, { message: 'a language is a two-letter code such as en or nl' }),
    z.string().min(1, { message: 'this text is empty' }),
  ),
]);
export type Text = z.infer<typeof TextSchema>;
