import { activityOf } from '../app/activity.ts';
import { boardView } from '../app/boardView.ts';
import { DomScene } from '../app/DomScene.ts';
import { followExercise } from '../app/followExercise.ts';
import type { SeatArgs } from '../app/enterExercise.ts';
import { humanise, organisationName, senderName } from '../app/names.ts';
import { outcome } from '../app/outcome.ts';
import { scenarioExtras } from '../app/scenarioExtras.ts';
import type { Intent, IntentType } from '../../shared/protocol/intents.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { t } from '../i18n/i18n.ts';
import { localText, setScenarioLanguages } from '../i18n/localText.ts';
import type { Connection, IntentResult } from '../net/Connection.ts';
import type { JoinCodes } from '../net/controlApi.ts';
import { joinExercise } from '../net/joinExercise.ts';
import { errorText } from '../app/errorText.ts';
import type { ExerciseState } from '../../shared/protocol/exerciseState.ts';
import { el, setText } from '../ui/el.ts';
import { ActivityFeed } from '../widgets/ActivityFeed.ts';
import { AdhocInjectForm } from '../widgets/AdhocInjectForm.ts';
import { DebriefPanel } from '../widgets/DebriefPanel.ts';
import { debriefState } from '../app/debriefState.ts';
import { takeAdminToken } from '../net/adminToken.ts';
import { ControlApi } from '../net/controlApi.ts';
import { ClockControls } from '../widgets/ClockControls.ts';
import { ConnectionBanner } from '../widgets/ConnectionBanner.ts';
import { InjectTimeline } from '../widgets/InjectTimeline.ts';
import { ScenarioProblems } from '../widgets/ScenarioProblems.ts';
import { SeatViewer } from '../widgets/SeatViewer.ts';
import { SeatCodes } from '../widgets/SeatCodes.ts';
import { SimulatedDesk } from '../widgets/SimulatedDesk.ts';
import { SituationBoard } from '../widgets/SituationBoard.ts';
import { SituationOverride } from '../widgets/SituationOverride.ts';
import { TabPanel } from '../widgets/TabPanel.ts';
import { Toasts } from '../widgets/Toasts.ts';
import { ReplayLink } from '../widgets/ReplayLink.ts';
import { TopBar } from '../widgets/TopBar.ts';

/**
 * Exercise Control: the clock, the situation (phase, escalation, indicators), the timeline of injects with
 * who acknowledged them, the seats and their codes, ad-hoc injects, and the simulated organisations.
 */
export class ControlScene extends DomScene<SeatArgs> {
  private c!: Connection;
  private topBar!: TopBar;
  private replay!: ReplayLink;
  private board!: SituationBoard;
  private clock!: ClockControls;
  private situation!: SituationOverride;
  private timeline!: InjectTimeline;
  private seats!: SeatCodes;
  private simulated!: SimulatedDesk;
  private activity!: ActivityFeed;
  private debrief!: DebriefPanel;
  private toasts!: Toasts;
  private readonly notice = el('p', { class: 'notice', attrs: { role: 'status', hidden: true } });

  constructor() {
    super('ControlScene');
  }

  create(): void {
    const c = (this.c = this.args.connection);
    setScenarioLanguages(c.scenario.languages);
    const root = this.mount('control-screen', t('control.title'));
    this.topBar = new TopBar(c, { primary: t('role.control'), secondary: c.seat.name }, () => this.rebuild());
    this.replay = new ReplayLink(c.state.exerciseId, this.args.code); // shown once the exercise has ended
    this.topBar.element.append(this.replay.element);
    this.toasts = new Toasts();
    const banner = new ConnectionBanner();
    const send = <T extends IntentType>(type: T, payload: Omit<Intent<T>, 'ref'>): Promise<IntentResult> =>
      c.send(type, payload).then((result) => {
        outcome(result, this.toasts);
        return result;
      });
    this.clock = new ClockControls({
      start: () => send('control.start', {}),
      pause: () => send('control.pause', {}),
      resume: () => send('control.resume', {}),
      speed: (speed) => send('control.speed', { speed }),
      end: () => send('control.end', {}),
    });
    this.situation = new SituationOverride({
      jump: (phase) => void send('control.goto', { phase }),
      escalate: (level) => void send('control.escalation', { level }),
      indicator: (indicator, value) => void send('control.indicator', { indicator, value }),
    });
    this.timeline = new InjectTimeline(() => void send('control.fireNext', {}));
    const orgs = [...c.state.organisations.values()].map((o) => ({ id: o.id, name: localText(o.name, o.id), simulated: o.simulated }));
    const senders = [...orgs, ...c.scenario.personas.map((p) => ({ id: p.id, name: localText(p.name, p.id) }))];
    const adhoc = new AdhocInjectForm(senders, orgs, async (inject) => {
      const text = (s: string) => Object.fromEntries(c.scenario.languages.map((lang) => [lang, s]));
      const failure = outcome(
        await c.send('control.adhoc', { ...inject, title: text(inject.title), body: text(inject.body) }),
        this.toasts,
      );
      if (!failure) this.toasts.show(t('adhoc.sent'), 'ok');
      return failure;
    });
    this.simulated = new SimulatedDesk(
      orgs.filter((o) => o.simulated),
      orgs,
      {
        act: async (organisation, decision, text) =>
          !outcome(await c.send('control.actAs', { organisation, action: decision.id, ...(text ? { text } : {}) }), this.toasts),
        send: async (draft) => {
          const failure = outcome(
            await c.send('message.send', {
              to: draft.to,
              tlp: draft.tlp,
              subject: draft.subject,
              body: draft.body,
              ...(draft.as ? { as: draft.as } : {}),
            }),
            this.toasts,
          );
          if (!failure) this.toasts.show(t('compose.sent'), 'ok');
          return failure;
        },
      },
    );
    this.seats = new SeatCodes(c.room.roomId, (seat) => void send('control.reissueCode', { seat }));
    this.activity = new ActivityFeed(orgs);
    const tabs = new TabPanel(t('control.title'));
    tabs.add('seats', t('control.seats'), this.seats.element);
    tabs.add('adhoc', t('control.adhoc'), adhoc.element);
    tabs.add('simulated', t('control.simulated'), this.simulated.element);
    tabs.add('activity', t('control.activity'), this.activity.element);
    const dryRun = c.dryRun ? this.dryRunParts(c, orgs) : undefined;
    if (dryRun) tabs.add('views', t('views.tab'), dryRun.viewer.element);
    this.debrief = this.createDebrief(orgs);
    tabs.add('debrief', t('debrief.tab'), this.debrief.element);

    const slot = el('section', { class: 'board-slot', attrs: { 'aria-label': t('board.label') } });
    root.append(
      this.topBar.element,
      el('div', { class: 'control-main' }, [
        el('div', { class: 'control-side' }, [
          dryRun?.problems.element,
          el('section', { class: 'panel' }, [
            el('div', { class: 'panel-head' }, [el('h2', { class: 'panel-title', text: t('control.clock') })]),
            el('div', { class: 'panel-body' }, [dryRun?.note, this.notice, this.clock.element]),
          ]),
          el('section', { class: 'panel grow' }, [
            el('div', { class: 'panel-head' }, [el('h2', { class: 'panel-title', text: t('control.situation') })]),
            el('div', { class: 'panel-body' }, [this.situation.element]),
          ]),
        ]),
        el('div', { class: 'control-centre' }, [slot, this.timeline.element]),
        el('section', { class: 'panel control-tabs' }, [tabs.element]),
      ]),
      this.toasts.element,
      banner.element,
    );
    this.board = new SituationBoard(this);
    this.watchSlot(slot, (rect) => this.board.layout(rect));
    const tick = window.setInterval(() => this.refreshTimeline(), 1000);
    const unfollow = followExercise(c, { board: this.board, banner, topBar: this.topBar, refresh: () => this.refresh() });
    this.onCleanup(() => {
      unfollow();
      clearInterval(tick);
      this.topBar.destroy();
      this.seats.destroy();
      dryRun?.close();
    });
    this.refresh();
  }

  /**
   * A dry-run's extras: who plays, the seat views (each organisation's view joined with its code as a watching
   * seat, so the server filters it as for its participants) and, with the admin token, the scenario problems.
   */
  private dryRunParts(c: Connection, orgs: readonly { id: string; name: string; simulated: boolean }[]) {
    const { policy, seed } = c.dryRun!;
    const viewer = new SeatViewer(orgs, async (organisation) => {
      const code = codesOf(c.state)?.organisations[organisation];
      if (!code) return errorText('WRONG_CODE');
      const joined = await joinExercise({
        code,
        name: t('views.watcher', { name: c.seat.name }),
        exercise: c.room.roomId,
        watch: true,
      });
      return joined.ok ? joined.connection : errorText(joined.error, joined.detail);
    });
    const token = takeAdminToken();
    const problems = new ScenarioProblems(new ControlApi(token));
    const stopProblems = token ? problems.start() : () => undefined;
    return {
      viewer,
      problems,
      note: el('p', { class: 'dry-run-note', text: t('dryrun.note', { policy: t(`dryrun.policy.${policy}`), seed }) }),
      close: () => {
        stopProblems();
        viewer.close();
      },
    };
  }

  private refresh(): void {
    const c = this.c;
    const state = c.state;
    const control = state.control;
    this.topBar.update();
    this.replay.update(c.state.clock?.status);
    this.board.update(boardView(c));
    this.clock.update(state.clock);
    setText(this.notice, control?.endReason ? t('control.ended', { reason: control.endReason }) : (control?.notice ?? ''));
    this.notice.hidden = !control?.notice && !control?.endReason;
    const phases = scenarioExtras(c.scenario).phases;
    this.situation.update({
      phase: control?.phase ?? '',
      phaseTitle: localText(control?.phaseTitle, humanise(control?.phase ?? '')),
      phaseSinceMs: control?.phaseEnteredAtMs ?? 0,
      phases: phases?.map((p) => ({ id: p.id, label: localText(p.title, p.id) })),
      levels: [...state.levels].map((l) => ({ id: l.id, label: localText(l.label, l.id) })),
      level: state.escalation,
      indicators: [...state.indicators.values()].map((i) => ({
        id: i.id,
        label: localText(i.label, i.id),
        value: i.value,
        min: i.min,
        max: i.max,
      })),
    });
    const orgs = [...state.organisations.values()];
    this.seats.update(
      codesOf(state),
      orgs.map((o) => ({ id: o.id, name: localText(o.name, o.id), simulated: o.simulated, online: o.online })),
    );
    this.simulated.update((org) =>
      [...(state.desks.get(org)?.openActions ?? [])].map((a) => ({
        id: a.id,
        label: localText(a.label, humanise(a.id)),
        description: localText(a.description),
        report: a.report,
      })),
    );
    this.activity.render(activityOf(c));
    this.debrief.render(debriefState(c.logs.values()));
    this.refreshTimeline();
  }

  private createDebrief(orgs: readonly { id: string; name: string }[]): DebriefPanel {
    const c = this.c;
    const answer = async (result: Promise<IntentResult>) => outcome(await result, this.toasts);
    const token = takeAdminToken();
    const api = new ControlApi(token);
    const objectives = (scenarioExtras(c.scenario).objectives ?? []).map((o) => ({ id: o.id, label: localText(o.text, o.id) }));
    return new DebriefPanel(
      orgs.map((o) => ({ id: o.id, label: o.name })),
      objectives,
      {
        summary: (text) => answer(c.send('report.summary', { text })),
        setPlanItem: (item) => answer(c.send('report.planItem', { item })),
        removePlanItem: (id) => answer(c.send('report.planItemRemove', { id })),
        publish: (published) => answer(c.send('report.publish', { published })),
        reportLink: async () => {
          if (!token) return undefined;
          try {
            return (await api.reportLink(c.state.exerciseId)).url;
          } catch {
            return undefined;
          }
        },
      },
    );
  }

  private refreshTimeline(): void {
    const c = this.c;
    const control = c.state.control;
    if (!control) return;
    const organisations = c.state.organisations;
    const upcoming = [...control.upcoming].map((u) => ({
      id: u.inject,
      dueAtMs: u.dueAtMs,
      channel: u.channel,
      tlp: u.tlp as TlpLabel,
      title: localText(u.title, humanise(u.inject)),
      recipients: [...u.to].map((id) => organisationName(c, id)).join(', '),
    }));
    const delivered = [...c.injects.values()].reverse().map((v) => ({
      id: v.id,
      atMs: v.atMs,
      channel: v.channel,
      tlp: v.tlp,
      title: `${localText(v.title, v.id)} — ${senderName(c, v.from, v.fromName)}`,
      acknowledgements: [...new Set(v.to.map((a) => a.split('/')[0]!))].map((org) => ({
        organisation: org,
        name: organisationName(c, org),
        atMs: control.acknowledgements.get(`${v.id}/${org}`),
        simulated: organisations.get(org)?.simulated ?? false,
      })),
    }));
    this.timeline.render(upcoming, delivered, this.topBar.clock.nowMs());
  }
}

/** The join codes as Control's connection receives them (`secrets`, synced to Control only). */
function codesOf(state: ExerciseState): JoinCodes | undefined {
  const codes = state.secrets?.codes;
  if (!codes || codes.size === 0) return undefined;
  const seat = (id: string) => codes.get(id) ?? '';
  const organisations = Object.fromEntries([...state.organisations.keys()].flatMap((id) => (codes.has(id) ? [[id, seat(id)]] : [])));
  return {
    control: seat('control'),
    evaluator: seat('evaluator'),
    observer: seat('observer'),
    screen: seat('screen'),
    class: seat('class'),
    organisations,
  };
}
