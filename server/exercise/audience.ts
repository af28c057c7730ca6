import type { Role } from '../../shared/protocol/roles.ts';

/**
 * Who may see a piece of the exercise. One predicate decides both what is sent live and what a late joiner
 * gets in its history, so the two can never disagree [invariant: role views are filtered on the server].
 */
export interface Audience {
  /** Organisations whose every participant sees it. */
  readonly organisations: readonly string[];
  /** `organisation/seat` addresses: that seat, and the organisation's participants without a seat [O3]. */
  readonly seats: readonly string[];
  /** Control, evaluators and observers. */
  readonly staff: boolean;
  /** The big screen: public material only [J9]. */
  readonly screen: boolean;
}

export interface Viewer {
  readonly role: Role;
  readonly organisation: string | null;
  readonly seat: string | null;
}

export function canSee(audience: Audience, viewer: Viewer): boolean {
  switch (viewer.role) {
    case 'control':
    case 'evaluator':
    case 'observer':
      return audience.staff;
    case 'screen':
      return audience.screen;
    case 'participant': {
      const org = viewer.organisation;
      if (org === null) return false;
      if (audience.organisations.includes(org)) return true;
      return audience.seats.some((address) => {
        const [seatOrg, seat] = address.split('/');
        return seatOrg === org && (viewer.seat === null || viewer.seat === seat);
      });
    }
  }
}

/** The audience of material addressed to organisations and seats (injects, messages). */
export function audienceOf(addresses: readonly string[], options: { screen?: boolean } = {}): Audience {
  return {
    organisations: addresses.filter((a) => !a.includes('/')),
    seats: addresses.filter((a) => a.includes('/')),
    staff: true,
    screen: options.screen ?? false,
  };
}

export const STAFF_ONLY: Audience = { organisations: [], seats: [], staff: true, screen: false };
