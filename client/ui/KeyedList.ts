/**
 * Keeps a list element in step with data by key: rows are created once, updated in place and moved, so
 * focus, selection and scroll position survive every state patch.
 */
export class KeyedList<T, R extends HTMLElement = HTMLElement> {
  private readonly rows = new Map<string, R>();

  constructor(
    readonly element: HTMLElement,
    private readonly keyOf: (item: T) => string,
    private readonly create: (item: T) => R,
    private readonly update: (row: R, item: T) => void,
  ) {}

  render(items: readonly T[]): void {
    const seen = new Set<string>();
    let previous: ChildNode | null = null;
    for (const item of items) {
      const key = this.keyOf(item);
      seen.add(key);
      let row = this.rows.get(key);
      if (!row) {
        row = this.create(item);
        row.dataset.key = key;
        this.rows.set(key, row);
      }
      this.update(row, item);
      const wanted: ChildNode | null = previous ? previous.nextSibling : this.element.firstChild;
      if (wanted !== row) this.element.insertBefore(row, wanted);
      previous = row;
    }
    for (const [key, row] of this.rows) {
      if (seen.has(key)) continue;
      row.remove();
      this.rows.delete(key);
    }
  }

  row(key: string): R | undefined {
    return this.rows.get(key);
  }

  keys(): string[] {
    return [...this.rows.keys()];
  }
}
