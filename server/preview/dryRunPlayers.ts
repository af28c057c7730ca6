import { exerciseTimeAt, wallDelayUntil, type ExerciseClockState } from '../../shared/exerciseClock.ts';
import type { DryRun } from '../../shared/protocol/dryRun.ts';
import type { ErrorCode } from '../../shared/protocol/errorCodes.ts';
import type { IntentType } from '../../shared/protocol/intents.ts';
import type { Logger } from '../app/logger.ts';
import type { ExerciseEngine } from '../engine/exerciseEngine.ts';
import { SYSTEM_ACTOR, type NewEvent } from '../exercise/exerciseEvent.ts';
import type { ExerciseSession, SessionSeat } from '../exercise/exerciseSession.ts';
import { participantIdOf } from '../room/seatDirectory.ts';
import { AutomaticPlayers, earliest } from '../simulate/automaticPlayers.ts';
import { developmentInspector } from './developmentInspector.ts';

export type Submitted =
  { readonly ok: true; readonly seq: number } | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** What the players need of their room: the path that every stored event and every seat's intent takes. */
export interface PlayersRoom {
  /** Stores an event, then applies it and sends what it caused; resolves to its number, or undefined if it was not stored. */
  commit(event: NewEvent): Promise<number | undefined>;
  /** A seat's intent: its role and schema, then the exercise's rules; stored and applied when accepted. */
  submit(seat: SessionSeat, type: IntentType, payload: unknown): Promise<Submitted>;
}

/**
 * A dry-run's automatic players in its room: the players of `simulate` (same policy, same seed), each in the
 * seat of a played organisation, taking their turns at the exercise times they planned, whatever the speed.
 * Time moves one due moment at a time — the engine's and the players' alike, each stored as `time.advanced`
 * like any moment time passing changed — so the players see the exercise as `simulate`'s do. Their intents go
 * through the seats' path and are stored like anyone's. Nothing here reads a clock: wall time is passed in.
 */
export class DryRunPlayers {
  private readonly players: AutomaticPlayers;
  private readonly engine: ExerciseEngine;
  private readonly seats: ReadonlyMap<string, SessionSeat>;
  /** While the room replays the stored events (until afterReplay). */
  private restoring = true;

  constructor(
    private readonly session: ExerciseSession,
    dryRun: DryRun,
    private readonly log: Logger,
  ) {
    const players = new AutomaticPlayers(session.scenario, dryRun);
    const engine = session.watchEngine((effects) => {
      players.observe(effects, engine);
      // Restoring: the turns the log shows were played are not played again.
      if (this.restoring) for (const e of effects) if (e.type === 'action.taken' && !e.simulated) players.taken(e.action, e.by, e.at);
    });
    this.players = players;
    this.engine = engine;
    const name = `Automatic player (${dryRun.policy})`;
    this.seats = new Map(
      players.played.map((organisation) => [
        organisation,
        { role: 'participant', organisation, seat: null, name, participantId: participantIdOf('participant', organisation, name) },
      ]),
    );
    developmentInspector()?.watch(engine.machineActor);
  }

  /** The organisations the players sit in. */
  get played(): readonly string[] {
    return this.players.played;
  }

  /**
   * After the replay: turns planned before now were played or refused; one planned for now and not in the log
   * (the server stopped in the middle of a moment) is still to be played.
   */
  afterReplay(): void {
    this.restoring = false;
    this.players.forgetBefore(this.engine.now);
  }

  /** Plays every moment due up to what the clock shows at `wallMs`. Runs in the room's serial queue. */
  async play(wallMs: number, clock: ExerciseClockState, room: PlayersRoom): Promise<void> {
    const until = Math.floor(exerciseTimeAt(clock, wallMs));
    while (this.session.status === 'running' && !this.engine.ended) {
      const next = earliest(this.engine.nextDueAt(), this.players.nextDueAt());
      if (next === undefined || next > until) return;
      const moved = next > this.engine.now;
      if (moved) {
        const stored = await room.commit({ atMs: next, wallMs, actor: SYSTEM_ACTOR, body: { type: 'time.advanced' } });
        if (stored === undefined) return; // the next heartbeat tries again
      }
      const now = this.engine.now;
      const take = () => (this.engine.ended ? undefined : this.players.takeDue(now));
      let played = false;
      for (let turn = take(); turn; turn = take()) {
        played = true;
        const text = this.players.reportFor(turn);
        const result = await room.submit(this.seats.get(turn.by)!, 'act', { action: turn.action, ...(text ? { text } : {}) });
        if (!result.ok) this.log.debug('dry-run.refused', { organisation: turn.by, action: turn.action, code: result.code });
      }
      if (!this.engine.ended && this.players.wantsWake(now)) {
        this.players.observe([], this.engine);
        played = true;
      }
      if (!moved && !played) return; // nothing was due after all
    }
  }

  /** Wall ms until the next moment the players must see, for the room's timer. */
  wallDelay(clock: ExerciseClockState, wallMs: number): number {
    const next = earliest(this.engine.nextDueAt(), this.players.nextDueAt());
    return next === undefined ? Infinity : wallDelayUntil(clock, next, wallMs);
  }
}
