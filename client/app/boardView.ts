import { STAFF_ROLES } from '../../shared/protocol/roles.ts';
import { t } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import type { SeatMirror } from '../net/SeatMirror.ts';
import type { BoardView } from '../widgets/SituationBoard.ts';

/** What the board shows, read from the synced state as this seat receives it. */
export function boardView(connection: SeatMirror): BoardView {
  const state = connection.state;
  const staff = STAFF_ROLES.includes(connection.seat.role);
  const pending = new Map<string, number>();
  const overdue = new Map<string, number>();
  if (staff && state.control) {
    state.control.expectations.forEach((e) => {
      const into = e.status === 'pending' ? pending : e.status === 'met' ? undefined : overdue;
      into?.set(e.organisation, (into.get(e.organisation) ?? 0) + 1);
    });
  }
  const organisations = [...(state.organisations?.values() ?? [])].map((o) => ({
    id: o.id,
    name: localText(o.name, o.id),
    sector: o.sector || o.kind,
    simulated: o.simulated,
    online: o.online,
    mine: o.id === connection.seat.organisation,
    pending: pending.get(o.id) ?? 0,
    overdue: overdue.get(o.id) ?? 0,
  }));
  const levels = state.levels ? [...state.levels] : [];
  const index = Math.max(
    0,
    levels.findIndex((l) => l.id === state.escalation),
  );
  const gauges = [...(state.indicators?.values() ?? [])].map((i) => ({
    id: i.id,
    label: localText(i.label, i.id),
    value: i.value,
    min: i.min,
    max: i.max,
    unit: i.unit,
    restricted: !i.public,
  }));
  return {
    organisations,
    escalation: {
      index,
      count: levels.length,
      label: localText(levels[index]?.label, state.escalation),
      caption: t('escalation.level', { n: index + 1, of: levels.length }),
    },
    gauges,
  };
}
