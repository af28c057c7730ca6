import type { DryRun } from '../../shared/protocol/dryRun.ts';
import type { JoinCodes } from '../../shared/protocol/joinCodes.ts';
import type { LocalText } from '../../shared/protocol/serverMessages.ts';

export type { JoinCodes };

/** The HTTP API that Exercise Control uses to list scenarios and create exercises (server/app/httpApi.ts). */
export interface ScenarioListing {
  readonly id: string;
  readonly title: LocalText;
  readonly summary: LocalText;
  readonly audience: 'national' | 'sector' | 'classroom';
  readonly languages: readonly string[];
  readonly durationSeconds: number;
  readonly organisations: readonly { id: string; name: LocalText; kind: string; sector: string; simulated: boolean }[];
}

export interface ExerciseSummary {
  readonly id: string;
  readonly roomId: string;
  readonly name: string;
  readonly scenario: string;
  readonly status: 'ready' | 'running' | 'paused' | 'ended';
  readonly speed: number;
  readonly createdAt: string;
  readonly codes?: JoinCodes;
  /** Set for a dry-run (automatic players in every played seat). */
  readonly dryRun?: DryRun;
}

/** A problem in a scenario file, as `GET /api/scenarios/problems` reports it. */
export interface ScenarioProblemListing {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
}

export interface ScenarioProblems {
  readonly watching: boolean;
  readonly files: readonly { readonly file: string; readonly problems: readonly ScenarioProblemListing[] }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ControlApi {
  constructor(private readonly token: string | undefined) {}

  scenarios(): Promise<ScenarioListing[]> {
    return this.request('GET', '/api/scenarios');
  }

  exercises(): Promise<ExerciseSummary[]> {
    return this.request('GET', '/api/exercises');
  }

  exercise(id: string): Promise<ExerciseSummary & { codes: JoinCodes }> {
    return this.request('GET', `/api/exercises/${encodeURIComponent(id)}`);
  }

  create(body: {
    scenario: string;
    speed: number;
    name?: string;
    dryRun?: DryRun;
  }): Promise<{ id: string; roomId: string; codes: JoinCodes }> {
    return this.request('POST', '/api/exercises', body);
  }

  problems(): Promise<ScenarioProblems> {
    return this.request('GET', '/api/scenarios/problems');
  }

  /** The after-action report's shareable link (server/app/reportRoutes.ts). */
  reportLink(id: string): Promise<{ url: string; published: boolean }> {
    return this.request('GET', `/api/exercises/${encodeURIComponent(id)}/report-link`);
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', String(error));
    }
    const json = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    if (!response.ok) throw new ApiError(response.status, json.error ?? 'HTTP', json.message ?? response.statusText);
    return json as T;
  }
}
