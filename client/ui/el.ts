/**
 * Builds DOM elements. Text always goes in through `textContent`, never as markup: scenario texts, messages
 * and names are data, and the page must never run or render what someone typed [CSP: script-src 'self'].
 */
export interface ElOptions {
  readonly class?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(options.on ?? {})) node.addEventListener(type, listener as EventListener);
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children (used for small parts that are cheap to rebuild). */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Sets text only when it changed, so screen readers are not told the same thing again. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

let idCounter = 0;
/** A unique id for label/field pairs. */
export function uid(prefix: string): string {
  return `${prefix}-${++idCounter}`;
}
