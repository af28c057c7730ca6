import express, { type NextFunction, type Request, type Response } from 'express';
import { buildArchive } from '../exercise/exerciseArchive.ts';
import { buildReport } from '../report/buildReport.ts';
import { isReportPublished } from '../report/readDebrief.ts';
import { renderReportHtml } from '../report/renderReportHtml.ts';
import { reportJson, timelineCsv } from '../report/reportExports.ts';
import { defaultReportLanguage, isReportLanguage, type ReportLanguage } from '../report/reportLabels.ts';
import { reportToken, reportTokenMatches } from '../report/reportLink.ts';
import type { ReportModel } from '../report/reportModel.ts';
import { REPORT_STYLE_HASH } from '../report/reportStyle.ts';
import type { ExerciseStore } from '../store/exerciseStore.ts';
import { requireAdminToken } from './adminToken.ts';
import type { Logger } from './logger.ts';
import { documentPolicy } from './securityHeaders.ts';

export interface ReportRouteDeps {
  readonly store: ExerciseStore;
  readonly adminToken: string;
  readonly logger: Logger;
}

/**
 * The after-action report over HTTP (docs/api.md § Reports). Control, with the admin token, reads it at any
 * time as JSON, HTML (a preview before publishing) and the timeline as CSV, and gets the public link. The
 * link `/report/<id>/<token>` serves the HTML to anyone only while the latest `report.published` event says
 * so; any other request for it — wrong token, unknown exercise, unpublished — gets the same bare 404.
 */
export function createReportRoutes({ store, adminToken, logger }: ReportRouteDeps): express.Router {
  const routes = express.Router();

  const requireToken = requireAdminToken(adminToken);

  /** The report of an exercise as it stands now, or undefined when there is no such exercise. */
  const load = async (id: string): Promise<{ model: ReportModel; published: boolean } | undefined> => {
    const record = await store.getExercise(id);
    if (!record) return undefined;
    const events = await store.events(id);
    return { model: buildReport(buildArchive(record, events, new Date().toISOString())), published: isReportPublished(events) };
  };

  /** Loads the report for Control, or answers 404 / 400 itself. */
  const forControl = async (req: Request, res: Response): Promise<{ model: ReportModel; lang: ReportLanguage } | undefined> => {
    const lang = req.query.lang;
    if (lang !== undefined && (typeof lang !== 'string' || !isReportLanguage(lang))) {
      res.status(400).json({ error: 'INVALID_REQUEST', field: 'lang', message: 'lang is en or nl' });
      return undefined;
    }
    const id = String(req.params.id);
    const loaded = await load(id);
    if (!loaded) return void res.status(404).json({ error: 'UNKNOWN_EXERCISE', message: `no exercise "${id}"` });
    return { model: loaded.model, lang: lang ?? defaultReportLanguage(loaded.model.scenario.languages) };
  };

  routes.get('/api/exercises/:id/report', requireToken, async (req, res) => {
    const found = await forControl(req, res);
    if (found) res.type('application/json').send(reportJson(found.model));
  });

  routes.get('/api/exercises/:id/report.html', requireToken, async (req, res) => {
    const found = await forControl(req, res);
    if (found) sendHtml(res, renderReportHtml(found.model, found.lang));
  });

  routes.get('/api/exercises/:id/timeline.csv', requireToken, async (req, res) => {
    const found = await forControl(req, res);
    if (!found) return;
    res.setHeader('Content-Disposition', `attachment; filename="simcell-${found.model.exercise.id}-timeline.csv"`);
    res.type('text/csv; charset=utf-8').send(timelineCsv(found.model, found.lang));
  });

  routes.get('/api/exercises/:id/report-link', requireToken, async (req, res) => {
    const id = String(req.params.id);
    const record = await store.getExercise(id);
    if (!record) return void res.status(404).json({ error: 'UNKNOWN_EXERCISE', message: `no exercise "${id}"` });
    const path = `/report/${encodeURIComponent(id)}/${reportToken(id, adminToken)}`;
    res.json({
      url: `${req.protocol}://${req.get('host') ?? 'localhost'}${path}`,
      path,
      published: isReportPublished(await store.events(id)),
    });
  });

  routes.get('/report/:id/:token', async (req, res) => {
    const id = String(req.params.id);
    const notFound = () => void res.status(404).type('text/plain').send('Not found');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    if (!reportTokenMatches(id, adminToken, String(req.params.token))) return notFound();
    const loaded = await load(id);
    if (!loaded?.published) return notFound();
    const lang = typeof req.query.lang === 'string' && isReportLanguage(req.query.lang) ? req.query.lang : undefined;
    sendHtml(res, renderReportHtml(loaded.model, lang ?? defaultReportLanguage(loaded.model.scenario.languages)));
  });

  // Whatever went wrong: logged here, and a bare answer out there (no stack, no path).
  routes.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error('report.failed', { path: req.path.startsWith('/report/') ? '/report/…' : req.path, error: String(error) });
    res.status(500).json({ error: 'INTERNAL', message: 'the report could not be made' });
  });
  return routes;
}

function sendHtml(res: Response, page: string): void {
  res.setHeader('Content-Security-Policy', documentPolicy(REPORT_STYLE_HASH));
  res.type('text/html; charset=utf-8').send(page);
}
