import type { Inject } from '../../shared/scenario/scenario.ts';
import type { ExpectationRecord } from './effects.ts';

/**
 * Expectations in flight and scored [X1][X2]. Pure bookkeeping: it is told of deliveries, actions and the
 * end, and answers with the records whose status changed.
 */
export class ExpectationBook {
  private readonly records = new Map<string, ExpectationRecord>();
  /** `<action>/<organisation>` → ids of pending expectations, oldest first. */
  private readonly pending = new Map<string, string[]>();

  /** Opens the expectations of a delivered inject; returns them. */
  open(inject: Inject, at: number): ExpectationRecord[] {
    const opened: ExpectationRecord[] = [];
    inject.expects.forEach((e, index) => {
      for (const organisation of e.by) {
        const record: ExpectationRecord = {
          id: `${inject.id}#${index}/${organisation}`,
          inject: inject.id,
          action: e.action,
          organisation,
          objective: e.objective,
          deliveredAt: at,
          dueAt: at + e.withinSeconds * 1000,
          status: 'pending',
        };
        if (this.records.has(record.id)) continue;
        this.records.set(record.id, record);
        const key = `${e.action}/${organisation}`;
        this.pending.set(key, [...(this.pending.get(key) ?? []), record.id]);
        opened.push(record);
      }
    });
    return opened;
  }

  /** Scores every pending expectation that this action by this organisation answers. */
  answer(action: string, organisation: string, at: number): ExpectationRecord[] {
    const key = `${action}/${organisation}`;
    const ids = this.pending.get(key) ?? [];
    this.pending.delete(key);
    return ids.map((id) => this.settle(id, at <= this.records.get(id)!.dueAt ? 'met' : 'late', at));
  }

  /** At the end every expectation still pending is missed. */
  close(): ExpectationRecord[] {
    const ids = [...this.pending.values()].flat();
    this.pending.clear();
    return ids.sort().map((id) => this.settle(id, 'missed'));
  }

  all(): ExpectationRecord[] {
    return [...this.records.values()];
  }

  private settle(id: string, status: ExpectationRecord['status'], respondedAt?: number): ExpectationRecord {
    const record = { ...this.records.get(id)!, status, ...(respondedAt === undefined ? {} : { respondedAt }) };
    this.records.set(id, record);
    return record;
  }
}
