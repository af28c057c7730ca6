import { Decoder } from '@colyseus/schema';
import { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import type { InjectView, LogEntryView, MessageView, ScenarioSummaryView, SeatInfo } from '../../shared/protocol/serverMessages.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import type { SeatMirror } from './SeatMirror.ts';

/**
 * The replay endpoints (docs/api.md § Replay): the timeline of a finished exercise and any seat's view after
 * any event, filtered on the server. Control and evaluators in the browser authorise with the join code they
 * came in with, kept for this tab only (sessionStorage) when they open the replay; the operator's admin token
 * works too.
 */
export interface ReplaySeatChoice {
  readonly id: string;
  readonly kind: 'control' | 'screen' | 'organisation' | 'seat';
}

export interface ReplayTimeline {
  readonly exercise: { readonly id: string; readonly name: string; readonly status: string };
  readonly scenario: { readonly id: string; readonly title: Record<string, string>; readonly languages: readonly string[] };
  readonly seats: readonly ReplaySeatChoice[];
  readonly events: readonly {
    readonly seq: number;
    readonly atMs: number;
    readonly type: string;
    readonly actor: { readonly role: string; readonly name: string; readonly organisation: string | null };
    readonly injects: readonly { readonly id: string; readonly title: Record<string, string> }[];
    readonly messages: number;
    readonly logs: number;
  }[];
}

/** One seat at one moment: a SeatMirror the board and inbox helpers read like a live connection. */
export interface ReplayMoment extends SeatMirror {
  readonly seq: number;
  readonly lastSeq: number;
  readonly atMs: number;
  readonly seatId: string;
}

interface ReplayBody {
  readonly seq: number;
  readonly lastSeq: number;
  readonly atMs: number;
  readonly seat: { readonly id: string; readonly role: Role; readonly organisation: string | null; readonly seat: string | null };
  readonly scenario: ScenarioSummaryView;
  readonly injects: InjectView[];
  readonly messages: MessageView[];
  readonly logs: LogEntryView[];
  readonly stateBytes: string;
}

export class ReplayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CODE_KEY = (exerciseId: string) => `simcell.replayCode.${exerciseId}`;

/** Keeps the code a Control or evaluator screen joined with, for the replay it is about to open in this tab. */
export function rememberReplayCode(exerciseId: string, code: string): void {
  sessionStorage.setItem(CODE_KEY(exerciseId), code);
}

export function replayPath(exerciseId: string): string {
  return `/replay/${encodeURIComponent(exerciseId)}`;
}

export class ReplayApi {
  constructor(
    private readonly exerciseId: string,
    private readonly adminToken: string | undefined,
  ) {}

  /** Whether this tab holds anything to authorise with. */
  get hasCredential(): boolean {
    return this.authorization() !== undefined;
  }

  useCode(code: string): void {
    rememberReplayCode(this.exerciseId, code.trim());
  }

  /** Drops a code the server refused, so the screen asks again. */
  forgetCode(): void {
    sessionStorage.removeItem(CODE_KEY(this.exerciseId));
  }

  timeline(): Promise<ReplayTimeline> {
    return this.get<ReplayTimeline>(`/api/exercises/${encodeURIComponent(this.exerciseId)}/replay/timeline`);
  }

  async moment(seq: number, seat: string, signal?: AbortSignal): Promise<ReplayMoment> {
    const query = new URLSearchParams({ seq: String(seq), seat }).toString();
    const body = await this.get<ReplayBody>(`/api/exercises/${encodeURIComponent(this.exerciseId)}/replay?${query}`, signal);
    // The state as the seat's connection would have decoded it: the same schema, the same server-filtered bytes.
    const state = new ExerciseState();
    new Decoder(state).decode(Uint8Array.from(atob(body.stateBytes), (c) => c.charCodeAt(0)));
    const seatInfo: SeatInfo = {
      role: body.seat.role,
      organisation: body.seat.organisation,
      seat: body.seat.seat,
      name: body.seat.id,
      participantId: `replay:${body.seat.id}`,
    };
    return {
      seq: body.seq,
      lastSeq: body.lastSeq,
      atMs: body.atMs,
      seatId: body.seat.id,
      state,
      seat: seatInfo,
      scenario: body.scenario,
      injects: new Map(body.injects.map((v) => [v.id, v])),
      messages: new Map(body.messages.map((v) => [v.id, v])),
      logs: new Map(body.logs.map((v) => [v.id, v])),
    };
  }

  private authorization(): string | undefined {
    const code = sessionStorage.getItem(CODE_KEY(this.exerciseId));
    if (code) return `Code ${code}`;
    return this.adminToken ? `Bearer ${this.adminToken}` : undefined;
  }

  private async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const authorization = this.authorization();
    if (authorization) headers.authorization = authorization;
    let response: Response;
    try {
      response = await fetch(path, { headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ReplayError(0, 'NETWORK', String(error));
    }
    const json = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    if (!response.ok) throw new ReplayError(response.status, json.error ?? 'HTTP', json.message ?? response.statusText);
    return json as T;
  }
}
