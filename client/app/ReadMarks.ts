/**
 * What this person has opened, kept in localStorage per exercise and seat so the unread count survives a
 * reload. It is a reading aid only; acknowledging an inject is what the exercise records.
 */
export class ReadMarks {
  private readonly read: Set<string>;
  private readonly key: string;

  constructor(exerciseId: string, participantId: string) {
    this.key = `simcell.read.${exerciseId}.${participantId}`;
    let stored: unknown;
    try {
      stored = JSON.parse(localStorage.getItem(this.key) ?? '[]');
    } catch {
      stored = [];
    }
    this.read = new Set(Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : []);
  }

  has(id: string): boolean {
    return this.read.has(id);
  }

  mark(id: string): void {
    if (this.read.has(id)) return;
    this.read.add(id);
    localStorage.setItem(this.key, JSON.stringify([...this.read]));
  }
}
