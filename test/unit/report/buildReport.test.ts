import { describe, expect, it } from 'vitest';
import { buildReport, ReportInputError } from '../../../server/report/buildReport.ts';
import { reportJson } from '../../../server/report/reportExports.ts';
import { MINUTE, recordPortDrill } from './recordPortDrill.ts';

const archive = recordPortDrill();
const report = buildReport(archive);

describe('buildReport: the after-action report of a recorded exercise', () => {
  it('the overview: scenario, dates, organisations with who played them, objectives', () => {
    expect(report.exercise).toMatchObject({
      id: 'port-drill-1',
      name: 'Port drill',
      status: 'ended',
      createdAt: '2025-03-04T08:00:00.000Z',
      startedAt: '2025-03-04T09:00:00.000Z',
      endedAt: '2025-03-04T10:00:00.000Z',
      exerciseMs: 60 * MINUTE,
      endReason: 'control',
      events: archive.events.length,
    });
    expect(report.scenario).toMatchObject({ id: 'port-drill', title: { en: 'Ransomware in the port', nl: 'Ransomware in de haven' } });
    expect(report.organisations.map((o) => [o.id, o.simulated, o.participants])).toEqual([
      ['ncsc', false, ['Nina']],
      ['terminal', false, ['Tessa']],
      ['port', false, ['Piet']],
      ['police', true, []],
    ]);
    expect(report.objectives.map((o) => o.id)).toEqual(['early-warning', 'continuity', 'coordination']);
  });

  it('expectations are scored met, late and missed with response times worked out by hand', () => {
    expect(
      report.expectations.map((e) => [e.id, e.status, e.deliveredAtMs / MINUTE, e.dueAtMs / MINUTE, e.responseMs && e.responseMs / MINUTE]),
    ).toEqual([
      ['ransom-note#0/terminal', 'met', 10, 40, 12], // delivered 00:10, Tessa notified NCSC at 00:22
      ['police-request#0/police', 'met', 20, 50, 15], // SimCell answers for the simulated police halfway through 30 minutes
      ['close-request#0/port', 'late', 22, 42, 30], // opened when the response phase began at 00:22; Piet acted at 00:52
      ['advisory-request#0/ncsc', 'missed', 27, 42, null], // nobody published an advisory before the end
    ]);
    expect(report.figures.expectations).toEqual({ met: 2, late: 1, missed: 1, pending: 0 });
  });

  it('response times per organisation: counts, median, slowest, and the time to acknowledge', () => {
    const byOrg = Object.fromEntries(report.responseTimes.map((r) => [r.organisation, r]));
    expect(byOrg.terminal).toMatchObject({
      counts: { met: 1, late: 0, missed: 0, pending: 0 },
      medianMs: 12 * MINUTE,
      maxMs: 12 * MINUTE,
      acknowledged: 1,
      acknowledgeMedianMs: 2 * MINUTE, // delivered 00:10, acknowledged 00:12
    });
    expect(byOrg.port).toMatchObject({ counts: { late: 1 }, responseMs: [30 * MINUTE], medianMs: 30 * MINUTE });
    expect(byOrg.police).toMatchObject({ simulated: true, medianMs: 15 * MINUTE });
    expect(byOrg.ncsc).toMatchObject({ counts: { missed: 1 }, responseMs: [], medianMs: null, maxMs: null });
  });

  it('the indicator and escalation over exercise time, and the phases', () => {
    expect(report.indicators[0]!.points).toEqual([
      { atMs: 0, value: 100 },
      { atMs: 10 * MINUTE, value: 60 }, // the ransom note's effect
      { atMs: 30 * MINUTE, value: 50 }, // Control's override
      { atMs: 52 * MINUTE, value: 30 }, // closing the gates
    ]);
    expect(report.escalation.points).toEqual([
      { atMs: 0, level: 'incident' }, // entering detection at the start
      { atMs: 22 * MINUTE, level: 'large-scale' },
    ]);
    expect(report.phases.map((p) => [p.id, p.atMs / MINUTE])).toEqual([
      ['detection', 0],
      ['response', 22],
    ]);
  });

  it('per objective: the latest rating of every rater, the consensus, the engine’s judgement and linked observations', () => {
    const [early, continuity, coordination] = report.objectives;
    // Eva rated P, then S: her latest counts. With Rob's M and Cora's S the median is S.
    expect(early!.ratings.map((r) => [r.rater, r.role, r.rating])).toEqual([
      ['Eva', 'evaluator', 'S'],
      ['Rob', 'evaluator', 'M'],
      ['Cora', 'control', 'S'],
    ]);
    expect(early!.consensus).toBe('S');
    expect(early!.ratings[0]!.strengths).toBe('Fast notification.');
    expect(early!.automatic).toEqual({ met: true, expectations: { met: 2, late: 0, missed: 0, pending: 0 }, requiresHeld: null });
    // Linked through its inject: the ransom note expects an early warning.
    expect(early!.observations.map((o) => o.text)).toEqual(['Tessa called NCSC within minutes.']);

    // M and U: with two raters the more severe middle rating counts.
    expect(continuity!.consensus).toBe('U');
    expect(continuity!.automatic).toEqual({ met: false, expectations: { met: 0, late: 1, missed: 0, pending: 0 }, requiresHeld: false });
    expect(continuity!.observations.map((o) => o.text)).toEqual(['The port waited for the minister.']);

    expect(coordination).toMatchObject({ ratings: [], consensus: null, observations: [], automatic: { met: false } });
  });

  it('the debrief: latest hot wash per participant, latest summary, the edited plan, published', () => {
    expect(report.hotwash.map((h) => [h.participant, h.organisation, h.wentWell])).toEqual([
      ['Tessa', 'terminal', 'We called NCSC at once.'],
      ['Piet', 'port', 'Clear roles.'],
    ]);
    expect(report.summary).toEqual({
      text: 'The terminal warned early; the port decided late.',
      author: 'Cora',
      wallTime: '2025-03-04T10:15:00.000Z',
    });
    expect(report.improvementPlan.map((p) => [p.id, p.action, p.objective])).toEqual([
      ['PI-1', 'Mandate the duty officer to close the gates', 'continuity'],
      ['PI-3', 'Template for sector advisories', 'coordination'],
    ]);
    expect(report.published).toBe(true);
    expect(report.figures).toMatchObject({
      injectsDelivered: 5,
      actionsTaken: 3,
      messagesSent: 1,
      observations: 2,
      ratings: 5,
      hotwashAnswers: 2,
    });
  });

  it('the timeline holds injects, actions, messages and the rest, in exercise time, with every TLP label', () => {
    const rows = report.timeline.map((t) => `${t.atMs / MINUTE} ${t.kind} ${t.ref ?? ''}`.trim());
    expect(rows).toEqual([
      '0 control',
      '0 phase detection',
      '0 escalation incident',
      '10 inject ransom-note',
      '12 acknowledgement ransom-note',
      '20 inject police-request',
      '22 action notify-ncsc',
      '22 phase response',
      '22 escalation large-scale',
      '22 inject close-request',
      '24 message m6',
      '27 inject advisory-request',
      '30 control',
      '35 action open-investigation',
      '50 inject press-question',
      '52 action close-gates',
      '55 observation ransom-note',
      '56 observation',
      '57 sitrep',
      '60 control',
      '60 end',
    ]);
    const message = report.timeline.find((t) => t.kind === 'message')!;
    expect(message).toMatchObject({
      from: 'terminal',
      to: ['port', 'ncsc'],
      tlp: 'TLP:AMBER',
      author: 'Tessa',
      title: 'Terminal down, "all" systems',
    });
    expect(report.timeline.find((t) => t.ref === 'close-request')).toMatchObject({ tlp: 'TLP:RED', channel: 'phone' });
    expect(report.highestTlp).toBe('TLP:RED');
    expect(report.timeline.find((t) => t.ref === 'open-investigation')).toMatchObject({
      organisation: 'police',
      author: 'SimCell (simulated)',
    });
  });

  it('is pure: the same archive gives the same report, byte for byte', () => {
    expect(reportJson(buildReport(recordPortDrill()))).toBe(reportJson(report));
  });

  it('an exercise still running: expectations pending, no end, not published', () => {
    const cut = archive.events.findIndex((e) => e.body.type === 'control.indicator');
    const partial = buildReport({ ...archive, exercise: { ...archive.exercise, status: 'running' }, events: archive.events.slice(0, cut) });
    expect(partial.exercise).toMatchObject({ endedAt: null, endReason: null, exerciseMs: 27 * MINUTE });
    expect(partial.expectations.map((e) => e.status)).toEqual(['met', 'pending', 'pending', 'pending']);
    expect(partial.published).toBe(false);
    expect(partial.summary).toBeNull();
  });

  it('an exercise that never started still has a report: the overview and empty sections', () => {
    const empty = buildReport({ ...archive, exercise: { ...archive.exercise, status: 'ready' }, events: [] });
    expect(empty.exercise.startedAt).toBeNull();
    expect(empty.timeline).toEqual([]);
    expect(empty.indicators[0]!.points).toEqual([{ atMs: 0, value: 100 }]);
    expect(empty.objectives.every((o) => o.consensus === null)).toBe(true);
  });

  it('an archive whose scenario does not load names the line and the problem', () => {
    const broken = { ...archive, scenarioSource: archive.scenarioSource.replace('duration: PT3H', 'duration: soon') };
    expect(() => buildReport(broken)).toThrow(ReportInputError);
    expect(() => buildReport(broken)).toThrow(/archive:port-drill-1:5:\d+: "duration": "soon" is not a duration/);
  });
});
