import { activityOf } from '../app/activity.ts';
import { boardView } from '../app/boardView.ts';
import { DomScene } from '../app/DomScene.ts';
import { followExercise } from '../app/followExercise.ts';
import type { SeatArgs } from '../app/enterExercise.ts';
import { humanise, organisationName } from '../app/names.ts';
import { outcome } from '../app/outcome.ts';
import { scenarioExtras } from '../app/scenarioExtras.ts';
import { t } from '../i18n/i18n.ts';
import { localText, setScenarioLanguages } from '../i18n/localText.ts';
import type { Connection } from '../net/Connection.ts';
import { el } from '../ui/el.ts';
import { ActivityFeed } from '../widgets/ActivityFeed.ts';
import { ConnectionBanner } from '../widgets/ConnectionBanner.ts';
import { ObjectiveTracker, type ObjectiveView } from '../widgets/ObjectiveTracker.ts';
import { ObservationForm } from '../widgets/ObservationForm.ts';
import { RatingForm } from '../widgets/RatingForm.ts';
import { SituationBoard } from '../widgets/SituationBoard.ts';
import { TabPanel } from '../widgets/TabPanel.ts';
import { Toasts } from '../widgets/Toasts.ts';
import { ReplayLink } from '../widgets/ReplayLink.ts';
import { TopBar } from '../widgets/TopBar.ts';

/**
 * Evaluators and observers: every organisation's activity, the objectives with the status of their
 * expectations, and (for evaluators) a form to record observations.
 */
export class EvaluatorScene extends DomScene<SeatArgs> {
  private c!: Connection;
  private topBar!: TopBar;
  private replay!: ReplayLink;
  private board!: SituationBoard;
  private activity!: ActivityFeed;
  private objectives!: ObjectiveTracker;
  private form: ObservationForm | undefined;
  private rating: RatingForm | undefined;

  constructor() {
    super('EvaluatorScene');
  }

  create(): void {
    const c = (this.c = this.args.connection);
    setScenarioLanguages(c.scenario.languages);
    const role = c.seat.role;
    const root = this.mount('evaluator-screen', t('eval.title'));
    this.topBar = new TopBar(c, { primary: t(role === 'observer' ? 'role.observer' : 'role.evaluator'), secondary: c.seat.name }, () =>
      this.rebuild(),
    );
    this.replay = new ReplayLink(c.state.exerciseId, this.args.code); // shown once the exercise has ended
    this.topBar.element.append(this.replay.element);
    const toasts = new Toasts();
    const banner = new ConnectionBanner();
    const orgs = [...c.state.organisations.values()].map((o) => ({ id: o.id, name: localText(o.name, o.id) }));
    this.activity = new ActivityFeed(orgs);
    this.objectives = new ObjectiveTracker();
    const objectiveChoices = (scenarioExtras(c.scenario).objectives ?? []).map((o) => ({ id: o.id, label: localText(o.text, o.id) }));
    if (role === 'evaluator') {
      this.form = new ObservationForm(
        orgs.map((o) => ({ id: o.id, label: o.name })),
        objectiveChoices,
        async (observation) => {
          const failure = outcome(await c.send('observation.record', observation), toasts);
          if (!failure) toasts.show(t('eval.recorded'), 'ok');
          return failure;
        },
      );
    }
    if (role === 'evaluator')
      this.rating = new RatingForm(objectiveChoices, async (draft) => {
        const failure = outcome(await c.send('objective.rate', draft), toasts);
        if (!failure) toasts.show(t('rate.saved'), 'ok');
        return failure;
      });
    const slot = el('section', { class: 'board-slot', attrs: { 'aria-label': t('board.label') } });
    const panel = (title: string, body: HTMLElement, className = '') =>
      el('section', { class: `panel ${className}` }, [
        el('div', { class: 'panel-head' }, [el('h2', { class: 'panel-title', text: title })]),
        el('div', { class: 'panel-body' }, [body]),
      ]);
    root.append(
      this.topBar.element,
      el('div', { class: 'evaluator-main' }, [
        el('div', { class: 'evaluator-left' }, [slot, this.evaluationPanel()]),
        panel(t('eval.activity'), this.activity.element),
        panel(t('eval.objectives'), this.objectives.element),
      ]),
      toasts.element,
      banner.element,
    );
    this.board = new SituationBoard(this);
    this.watchSlot(slot, (rect) => this.board.layout(rect));
    const unfollow = followExercise(c, { board: this.board, banner, topBar: this.topBar, refresh: () => this.refresh() });
    this.onCleanup(() => {
      unfollow();
      this.topBar.destroy();
    });
    this.refresh();
  }

  /** Observations and ratings share one panel as tabs, so the board keeps its room; observers get a note. */
  private evaluationPanel(): HTMLElement {
    if (!this.form || !this.rating)
      return el('section', { class: 'panel observation-panel' }, [
        el('div', { class: 'panel-body' }, [el('p', { class: 'hint', text: t('eval.readOnly') })]),
      ]);
    const tabs = new TabPanel(t('eval.title'));
    tabs.add('observe', t('eval.observation'), this.form.element);
    tabs.add('rate', t('rate.title'), this.rating.element);
    return el('section', { class: 'panel observation-panel' }, [tabs.element]);
  }

  private refresh(): void {
    const c = this.c;
    this.topBar.update();
    this.replay.update(c.state.clock?.status);
    this.board.update(boardView(c));
    this.activity.render(activityOf(c));
    this.objectives.render(this.objectiveViews());
    this.form?.setInjects([...c.injects.values()].map((v) => ({ id: v.id, label: `${localText(v.title, v.id)}` })));
  }

  private objectiveViews(): ObjectiveView[] {
    const c = this.c;
    const extras = scenarioExtras(c.scenario);
    const byId = new Map<string, ObjectiveView['expectations'][number][]>((extras.objectives ?? []).map((o) => [o.id, []]));
    const actionLabel = (id: string) => localText(extras.actions?.find((a) => a.id === id)?.label, humanise(id)).toLowerCase();
    c.state.control?.expectations.forEach((e) => {
      const list = byId.get(e.objective) ?? [];
      byId.set(e.objective, list);
      const inject = c.injects.get(e.inject);
      list.push({
        id: e.id,
        organisation: organisationName(c, e.organisation),
        action: actionLabel(e.action),
        inject: inject ? localText(inject.title, e.inject) : e.inject,
        status: e.status,
        dueAtMs: e.dueAtMs,
        respondedAtMs: e.respondedAtMs,
      });
    });
    return [...byId].map(([id, expectations]) => ({
      id,
      text: localText(extras.objectives?.find((o) => o.id === id)?.text, humanise(id)),
      expectations: expectations.sort((a, b) => a.dueAtMs - b.dueAtMs),
    }));
  }
}
