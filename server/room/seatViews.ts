import { StateView } from '@colyseus/schema';
import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { Viewer } from '../exercise/audience.ts';

/**
 * The state a seat may see [invariant: role views are filtered on the server]: staff see every indicator,
 * every desk and the Control desk (Control alone also the join codes); a participant the public indicators and its own organisation's desk;
 * the big screen the public indicators only.
 */
export function createSeatView(state: ExerciseState, viewer: Viewer, view: StateView = new StateView()): StateView {
  const staff = viewer.role === 'control' || viewer.role === 'evaluator' || viewer.role === 'observer';
  state.indicators.forEach((indicator) => {
    if (staff || indicator.public) view.add(indicator);
  });
  if (staff) {
    state.desks.forEach((desk) => view.add(desk));
    view.add(state.control);
    if (viewer.role === 'control') view.add(state.secrets);
  } else if (viewer.role === 'participant' && viewer.organisation) {
    const desk = state.desks.get(viewer.organisation);
    if (desk) view.add(desk);
  }
  return view;
}

/**
 * Adds again what a seat may see, after new nested structures appeared in it (an open decision's label, a new
 * upcoming inject's title): @colyseus/schema 5 gives items added to a viewed collection their parent's
 * visibility, but not always the collections nested inside them.
 */
export function refreshSeatView(state: ExerciseState, viewer: Viewer, view: StateView): void {
  createSeatView(state, viewer, view);
}
