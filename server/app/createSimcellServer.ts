import { basicAuth, matchMaker, Server } from '@colyseus/core';
import { monitor } from '@colyseus/monitor';
import { WebSocketTransport } from '@colyseus/ws-transport';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { openCluster } from '../cluster/openCluster.ts';
import { ExerciseRoom } from '../room/exerciseRoom.ts';
import { JoinAttemptLimiter } from '../room/joinAttemptLimiter.ts';
import type { ExerciseStore } from '../store/exerciseStore.ts';
import { SqliteExerciseStore } from '../store/sqliteExerciseStore.ts';
import { loadAdminToken } from './adminToken.ts';
import type { Config } from './config.ts';
import { createHttpApi } from './httpApi.ts';
import type { Logger } from './logger.ts';
import { createReplayRoutes } from './replayRoutes.ts';
import { createReportRoutes } from './reportRoutes.ts';
import { ScenarioLibrary } from './scenarioLibrary.ts';
import { securityHeaders } from './securityHeaders.ts';
import { setServices } from './services.ts';

export interface SimcellServer {
  readonly port: number;
  readonly adminToken: string;
  readonly adminTokenGenerated: boolean;
  readonly store: ExerciseStore;
  close(): Promise<void>;
}

export interface ServerParts {
  readonly config: Config;
  readonly logger: Logger;
  /** The built client to serve, if any (dist/client). */
  readonly clientDir?: string;
  /** Let Colyseus stop the process on SIGINT/SIGTERM (the CLI does, tests do not). */
  readonly handleSignals?: boolean;
  /** Validate a scenario file again whenever it is saved (development, `simcell preview`). */
  readonly watchScenarios?: boolean;
}

/** One SimCell process: the HTTP API, the built client, the monitor and the exercise rooms. */
export async function createSimcellServer({
  config,
  logger,
  clientDir,
  handleSignals = false,
  watchScenarios = false,
}: ServerParts): Promise<SimcellServer> {
  const { token, generated } = loadAdminToken(config.dataDir, config.adminToken);
  // Cluster mode (docs/cluster.md): PostgreSQL instead of the SQLite file, matchmaking shared through Redis.
  const cluster = config.cluster ? await openCluster(config.cluster, logger, 'exercise') : undefined;
  const store = cluster?.store ?? new SqliteExerciseStore(join(config.dataDir, 'simcell.db'));
  const library = await ScenarioLibrary.load(config.scenariosDir, logger, { watch: watchScenarios });
  const joinAttempts = new JoinAttemptLimiter(config.trustProxy ?? false);
  setServices({ store, logger, joinAttempts });

  const server = new Server({
    ...cluster?.serverOptions,
    transport: new WebSocketTransport({ maxPayload: 256 * 1024 }),
    greet: false,
    gracefullyShutdown: handleSignals,
    express: (app) => {
      app.disable('x-powered-by');
      app.use(securityHeaders);
      app.get('/healthz', (_req, res) => void res.json({ ok: true }));
      app.use(createReportRoutes({ store, adminToken: token, logger })); // before /api, whose last handler answers 404
      app.use(createReplayRoutes({ store, adminToken: token, joinAttempts }));
      app.use('/api', createHttpApi({ store, library, adminToken: token, logger, joinAttempts }));
      app.use('/colyseus', monitor({ use: [basicAuth({ users: { admin: token } })] }));
      if (clientDir && existsSync(join(clientDir, 'index.html'))) {
        app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
        // The client routes its own screens (/join/<code>, /control, /screen, …).
        app.get(/^\/(join|control|screen|evaluate|replay)(\/.*)?$/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
      }
    },
  });
  server.define('exercise', cluster?.roomClass ?? ExerciseRoom);
  if (cluster) {
    server.onBeforeShutdown(() => cluster.stopKeeping());
    server.onShutdown(() => cluster.close());
  }
  await server.listen(config.port, config.host);
  const httpServer = (server.transport as unknown as { server?: HttpServer }).server;
  if (httpServer) guardMatchmaking(httpServer, joinAttempts);

  // Every stored exercise comes back after a restart: running ones paused (by their room), ended ones for the
  // debrief. (Many years of ended exercises would want opening on demand instead.) In a cluster, this process
  // opens those no other process holds, and from then on takes over those whose process died.
  if (cluster) await cluster.start();
  else
    for (const record of await store.listExercises()) {
      try {
        await matchMaker.createRoom('exercise', { exerciseId: record.id });
      } catch (error) {
        logger.error('exercise.restore-failed', { exercise: record.id, error: String(error) });
      }
    }

  const address = httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    port,
    adminToken: token,
    adminTokenGenerated: generated,
    store,
    close: async () => {
      library.close();
      await server.gracefullyShutdown(false);
      await store.close();
    },
  };
}

/**
 * Colyseus answers matchmaking requests before Express sees them, so an address that guessed too many codes is
 * refused here, in front of every other listener: 429 with Retry-After.
 */
function guardMatchmaking(httpServer: HttpServer, limiter: JoinAttemptLimiter): void {
  const listeners = httpServer.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  httpServer.removeAllListeners('request');
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/matchmake/')) {
      const wait = limiter.blockedFor(limiter.addressOf(req.headers, req.socket.remoteAddress), Date.now());
      if (wait > 0) {
        res.writeHead(429, { 'Retry-After': String(Math.ceil(wait / 1000)), 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 4429, error: 'TOO_MANY_ATTEMPTS: too many wrong codes from this address' }));
        return;
      }
    }
    for (const listener of listeners) listener.call(httpServer, req, res);
  });
}
