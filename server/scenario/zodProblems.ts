import type { z } from 'zod';
import { didYouMean } from './didYouMean.ts';
import type { PathProblem } from './scenarioProblem.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly (string | number)[];
type AnySchema = z.core.$ZodType;

/**
 * Turns zod's issues into problems an author can act on [F7]: a missing key says what to add, an unknown
 * key suggests the closest known one, and a union (a text, a condition, a recipient list) reports only
 * the alternative the author most likely meant.
 */
export function zodProblems(issues: readonly Issue[], schema: AnySchema, root: unknown): PathProblem[] {
  return issues.flatMap((issue) => problemsOf(issue, [], schema, root));
}

function problemsOf(issue: Issue, prefix: Path, schema: AnySchema, root: unknown): PathProblem[] {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const where = describePath(path, root);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = objectKeysAt(schema, path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        message: `unknown key "${key}"${where ? ` in ${where}` : ''}${didYouMean(key, known)}`,
        hint: known.length ? `the keys here are: ${known.join(', ')}` : undefined,
      }));
    }
    case 'invalid_union': {
      const input = valueAt(root, path);
      const options = unionOptionsAt(schema, path);
      const leading = options.map((option) => objectKeys(option)[0]).filter((k): k is string => !!k);
      if (isPlainObject(input) && leading.length === options.length && !leading.some((k) => k in input)) {
        const guess =
          Object.keys(input)
            .map((k) => didYouMean(k, leading))
            .find(Boolean) ?? '';
        return [{ path, message: `${where || 'this'} must start with one of: ${leading.join(', ')}${guess}` }];
      }
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const best = branches.sort((a, b) => weight(a) - weight(b))[0];
      if (!best) return [{ path, message: issue.message }];
      return best.flatMap((inner) => problemsOf(inner, path, schema, root));
    }
    case 'invalid_type': {
      const value = valueAt(root, path);
      if (value === undefined) return [missing(path, root)];
      return [{ path, message: `${where || 'value'} should be ${article(issue.expected)}, not ${describeValue(value)}` }];
    }
    case 'invalid_value':
      if (valueAt(root, path) === undefined)
        return [{ ...missing(path, root), hint: `add ${String(path[path.length - 1])}: one of ${issue.values.map(String).join(', ')}` }];
      return [
        {
          path,
          message: `${where || 'value'} is ${JSON.stringify(valueAt(root, path))}${didYouMean(String(valueAt(root, path)), issue.values.map(String))}`,
          hint: `use one of: ${issue.values.map(String).join(', ')}`,
        },
      ];
    default:
      return [{ path, message: `${where ? `${where}: ` : ''}${issue.message}` }];
  }
}

/** A branch that matched the author's shape has few issues; an unknown key counts once per key. */
function weight(branch: readonly Issue[]): number {
  return branch.reduce((sum, issue) => sum + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1), 0);
}

function missing(path: Path, root: unknown): PathProblem {
  const key = path[path.length - 1];
  const parent = describePath(path.slice(0, -1), root);
  return {
    path,
    message: `missing ${typeof key === 'string' ? `"${key}"` : 'value'}${parent ? ` in ${parent}` : ''}`,
    hint: `add ${typeof key === 'string' ? `${key}: …` : 'it'}`,
  };
}

/** `phases.attack.injects[traffic-alert].expects[0].within`: list items by their id where they have one. */
function describePath(path: Path, root: unknown): string {
  let text = '';
  path.forEach((key, i) => {
    if (typeof key === 'string') text += text ? `.${key}` : key;
    else {
      const item = valueAt(root, path.slice(0, i + 1));
      const id = isPlainObject(item) && typeof item.id === 'string' ? item.id : undefined;
      text += `[${id ?? key}]`;
    }
  });
  return text ? `"${text}"` : '';
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a set of keys (key: value)',
    record: 'a set of keys (key: value)',
  };
  return names[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (isPlainObject(value)) return 'a set of keys';
  return `${typeof value === 'string' ? 'the text' : typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

// --- schema introspection, to name the keys that are allowed where an unknown one was written ---

interface Def {
  type: string;
  innerType?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  shape?: Record<string, AnySchema>;
  getter?: () => AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  schema?: AnySchema;
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips wrappers (optional, default, lazy, pipe) down to the schema that gives the value its shape. */
function unwrap(schema: AnySchema): AnySchema {
  const def = defOf(schema);
  if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable' || def.type === 'readonly')
    return unwrap(def.innerType!);
  if (def.type === 'lazy') return unwrap(def.getter!());
  if (def.type === 'pipe') return unwrap(def.in!);
  return schema;
}

/** Every schema the value at `path` may be checked against (several where a union branches). */
function schemasAt(schema: AnySchema, path: Path): AnySchema[] {
  let current = [unwrap(schema)];
  for (const key of path) {
    current = current
      .flatMap((s) => expandUnion(s))
      .flatMap((s) => {
        const def = defOf(s);
        if (def.type === 'object' && typeof key === 'string' && def.shape?.[key]) return [unwrap(def.shape[key])];
        if (def.type === 'array' && typeof key === 'number') return [unwrap(def.element!)];
        if (def.type === 'record') return [unwrap(def.valueType!)];
        return [];
      });
  }
  return current;
}

function expandUnion(schema: AnySchema): AnySchema[] {
  const def = defOf(schema);
  return def.type === 'union' ? def.options!.map(unwrap).flatMap(expandUnion) : [schema];
}

function unionOptionsAt(schema: AnySchema, path: Path): AnySchema[] {
  return schemasAt(schema, path).flatMap(expandUnion);
}

function objectKeys(schema: AnySchema): string[] {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function objectKeysAt(schema: AnySchema, path: Path): string[] {
  return [...new Set(unionOptionsAt(schema, path).flatMap(objectKeys))];
}
