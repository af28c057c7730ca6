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
 * What a seat sees depends on its role and, for a participant, its organisation, nothing else (createSeatView);
 * seats that see the same share one key.
 */
export function seatViewKey(viewer: Viewer): string {
  return viewer.role === 'participant' ? `participant/${viewer.organisation ?? ''}` : viewer.role;
}

/**
 * One StateView per kind of seat (seatViewKey), shared by all its connections, as Colyseus allows: each patch
 * encodes the filtered part once per view, not once per connection, so 5,000 participants of 20 organisations
 * cost 20 view encodings a patch instead of 5,000. A view is only ever added to in the same synchronous step
 * as the state change that called for it (Colyseus drains a view's own queue into one connection's frame when
 * the state itself did not change), and a late joiner gets its view's whole content in its full state.
 */
export class SeatViews {
  private readonly views = new Map<string, { readonly viewer: Viewer; readonly view: StateView }>();

  constructor(private readonly state: ExerciseState) {}

  /** The view of this kind of seat, built when the first one joins. */
  viewFor(viewer: Viewer): StateView {
    const key = seatViewKey(viewer);
    let entry = this.views.get(key);
    if (!entry) this.views.set(key, (entry = { viewer, view: createSeatView(this.state, viewer) }));
    return entry.view;
  }

  /**
   * Adds again what each view may see after the session rewrote a viewed collection whose items hold nested
   * collections (ExerciseSession.takeViewChanges): @colyseus/schema 5 gives items added to a viewed collection
   * their parent's visibility, but not always the collections nested inside them. Only the rewritten collection is
   * added again, a desk's open decisions (refreshDesks) or the Control desk's upcoming injects (refreshUpcoming):
   * adding the whole Control desk would re-send all of it, every participant's presence included, after every
   * delivery. Staff views follow both; an organisation's view follows its own desk.
   */
  refresh(desks: readonly string[], control: boolean): void {
    if (!desks.length && !control) return;
    for (const { viewer, view } of this.views.values()) {
      const staff = viewer.role === 'control' || viewer.role === 'evaluator' || viewer.role === 'observer';
      if (staff && control) view.add(this.state.control.upcoming);
      for (const organisation of desks) {
        const desk = this.state.desks.get(organisation);
        if (desk && (staff || viewer.organisation === organisation)) view.add(desk.openActions);
      }
    }
  }
}
