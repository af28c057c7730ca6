import { Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ScenarioDraft } from './buildScenario.ts';

/**
 * A draft scenario as a YAML file a trainer can read: a header comment, comments before the parts that
 * say where they came from, short entries (organisations, expectations, actions) on one line each.
 */
export function writeScenarioYaml(draft: ScenarioDraft, header: readonly string[]): string {
  const doc = new Document(draft.data);
  const flow = (node: unknown) => {
    if (isMap(node) || isSeq(node)) node.flow = true;
  };
  // On one line when it fits; a long entry reads better as a block, its short parts still on one line.
  const flowIfShort = (node: unknown): void => {
    if (!isMap(node) && !isSeq(node)) return;
    if (JSON.stringify(node.toJSON()).length <= 110) node.flow = true;
    else for (const item of node.items) flowIfShort(isPair(item) ? item.value : item);
  };
  const each = (path: (string | number)[], apply: (node: unknown) => void) => {
    const list = doc.getIn(path, true);
    if (isSeq(list)) list.items.forEach(apply);
  };
  flow(doc.get('languages', true));
  for (const key of ['personas', 'indicators', 'actions', 'objectives']) each([key], flowIfShort);
  // An organisation with seats reads better as a block, its seats one per line.
  each(['organisations'], (organisation) => {
    const seats = isMap(organisation) ? organisation.get('seats', true) : undefined;
    if (isSeq(seats)) seats.items.forEach(flowIfShort);
    else flowIfShort(organisation);
  });
  const injectNodes: unknown[] = [];
  each(['timeline'], (n) => injectNodes.push(n));
  const phases = doc.get('phases', true);
  if (isMap(phases)) {
    for (const pair of phases.items) {
      if (!isMap(pair.value)) continue;
      flow(pair.value.get('after', true));
      const injects = pair.value.get('injects', true);
      if (isSeq(injects)) injectNodes.push(...injects.items);
    }
  }
  for (const inject of injectNodes) {
    if (!isMap(inject)) continue;
    for (const key of ['to', 'on', 'when']) flow(inject.get(key, true));
    const expects = inject.get('expects', true);
    if (isSeq(expects)) expects.items.forEach(flowIfShort);
  }

  for (const { path, text } of draft.comments) {
    const node = nodeBefore(doc, path);
    if (node)
      node.commentBefore = text
        .split('\n')
        .map((line) => ` ${line}`)
        .join('\n');
  }
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 120, minContentWidth: 40 });
}

/** The node a comment goes before: a map entry's key (so the comment sits above `key:`), or a list item. */
function nodeBefore(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
    return pair && isScalar(pair.key) ? pair.key : undefined;
  }
  const node = doc.getIn(path, true);
  return node as Node | undefined;
}
