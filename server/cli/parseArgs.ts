/** A small, strict option parser: `--name value`, `--flag`; anything unknown is a usage error. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Record<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(args: readonly string[], spec: Record<string, 'value' | 'flag'>): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind)
      throw new UsageError(
        `unknown option --${name}; the options are ${
          Object.keys(spec)
            .map((k) => `--${k}`)
            .join(', ') || 'none'
        }`,
      );
    if (kind === 'flag') options[name] = true;
    else {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    }
  }
  return { positional, options };
}
