import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Place {
  readonly line: number;
  readonly column: number;
}

export type Locate = (path: readonly (string | number)[], atKey?: boolean) => Place;

/**
 * Finds the line and column of a path of keys in a parsed YAML document. When the path runs past
 * what the document has (a missing key), the deepest node that exists is the answer: an error about
 * a missing `title` points at the object that lacks it.
 */
export function createLocator(doc: Document, lines: LineCounter): Locate {
  const placeOf = (offset: number): Place => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    let place: Place = placeOf(rangeStart(node) ?? 0);
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
        if (!pair) return place;
        if (last && atKey) return placeOf(rangeStart(pair.key) ?? rangeStart(node) ?? 0);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else {
        return place;
      }
      const start = rangeStart(node);
      if (start === undefined) return place;
      place = placeOf(start);
    }
    return place;
  };
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? ((node as Node).range?.[0] ?? undefined) : undefined;
}
