import { createHash } from 'node:crypto';
import type { Role } from '../../shared/protocol/roles.ts';
import type { SessionSeat } from '../exercise/exerciseSession.ts';

/**
 * Who sits where. A participant is the same person on any device when they use the same code and name,
 * so their seat (and its history) comes back; the class code spreads students over the played
 * organisations, always to the one with the fewest people.
 */
export function participantIdOf(role: Role, organisation: string | null, name: string): string {
  const key = `${role}|${organisation ?? ''}|${name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

export class SeatDirectory {
  /** Every participant who ever joined, by participant id. */
  private readonly known = new Map<string, SessionSeat>();
  private readonly connections = new Map<string, number>();

  constructor(private readonly playedOrganisations: readonly string[]) {}

  /** The played organisation a class-code student goes to: the fewest people, then scenario order. */
  classAssignment(name: string): string | undefined {
    const existing = [...this.known.values()].find(
      (s) => s.role === 'participant' && s.participantId === this.classId(name, s.organisation),
    );
    if (existing?.organisation) return existing.organisation;
    let best: string | undefined;
    let fewest = Infinity;
    for (const org of this.playedOrganisations) {
      const count = [...this.known.values()].filter((s) => s.role === 'participant' && s.organisation === org).length;
      if (count < fewest) {
        best = org;
        fewest = count;
      }
    }
    return best;
  }

  /** The organisation a class-code student of this name was placed in, if any. */
  classOrganisationOf(name: string): string | undefined {
    return this.playedOrganisations.find((org) => this.known.has(this.classId(name, org)));
  }

  /** A class-code student placed in an organisation (now, or before a restart), connected or not. */
  rememberClassSeat(name: string, organisation: string): void {
    const participantId = this.classId(name, organisation);
    if (!this.known.has(participantId))
      this.known.set(participantId, { role: 'participant', organisation, seat: null, name, participantId });
  }

  connect(seat: SessionSeat): void {
    this.known.set(seat.participantId, seat);
    this.connections.set(seat.participantId, (this.connections.get(seat.participantId) ?? 0) + 1);
  }

  disconnect(participantId: string): void {
    const left = (this.connections.get(participantId) ?? 1) - 1;
    if (left <= 0) this.connections.delete(participantId);
    else this.connections.set(participantId, left);
  }

  isConnected(participantId: string): boolean {
    return this.connections.has(participantId);
  }

  onlineIn(organisation: string): number {
    return [...this.known.values()].filter(
      (s) => s.role === 'participant' && s.organisation === organisation && this.connections.has(s.participantId),
    ).length;
  }

  private classId(name: string, organisation: string | null): string {
    return participantIdOf('participant', organisation, name);
  }
}
