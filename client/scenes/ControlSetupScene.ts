import { DomScene } from '../app/DomScene.ts';
import { errorText } from '../app/errorText.ts';
import { SCENES } from '../app/sceneKeys.ts';
import { t } from '../i18n/i18n.ts';
import { forgetAdminToken, takeAdminToken } from '../net/adminToken.ts';
import { ApiError, ControlApi, type ExerciseSummary, type ScenarioListing } from '../net/controlApi.ts';
import { el, replaceChildren, setText } from '../ui/el.ts';
import { brandMark } from '../widgets/brandMark.ts';
import { DryRunFields } from '../widgets/DryRunFields.ts';
import { languageSwitch } from '../widgets/LanguageSwitch.ts';
import { NetworkBackdrop } from '../widgets/NetworkBackdrop.ts';
import { ScenarioPicker } from '../widgets/ScenarioPicker.ts';
import { ScenarioProblems } from '../widgets/ScenarioProblems.ts';
import type { JoinArgs } from './JoinScene.ts';

const SPEEDS = [1, 10, 60, 300, 600, 3600] as const;
const NAME_KEY = 'simcell.controlName';

/**
 * Before an exercise runs: the operator (holding the admin token) picks a scenario and creates an
 * exercise, or reopens one, then joins it as Control with the control code.
 */
export class ControlSetupScene extends DomScene<void> {
  private backdrop!: NetworkBackdrop;
  private readonly error = el('p', { class: 'form-error', attrs: { role: 'alert' } });

  constructor() {
    super('ControlSetupScene');
  }

  create(): void {
    this.backdrop = new NetworkBackdrop(this, 30);
    const root = this.mount('setup-screen', t('setup.title'));
    const body = el('div', { class: 'setup-body' }, [
      el('div', { class: 'join-connecting' }, [el('span', { class: 'spinner' }), el('span', { text: t('app.loading') })]),
    ]);
    root.append(
      el('header', { class: 'topbar' }, [
        brandMark(),
        el('div', { class: 'topbar-context' }, [
          el('div', { class: 'topbar-title', text: t('control.title') }),
          el('div', { class: 'topbar-identity', text: t('app.tagline') }),
        ]),
        languageSwitch(() => this.rebuild()),
      ]),
      body,
    );
    const token = takeAdminToken();
    if (!token)
      return replaceChildren(body, [
        el('div', { class: 'setup-card narrow' }, [
          el('h1', { text: t('setup.title') }),
          el('p', { class: 'join-lead', text: t('setup.noToken') }),
        ]),
      ]);
    const api = new ControlApi(token);
    const problems = new ScenarioProblems(api);
    this.onCleanup(problems.start());
    void Promise.all([api.scenarios(), api.exercises()]).then(
      ([scenarios, exercises]) => {
        replaceChildren(body, [problems.element, this.newExercise(api, scenarios), this.existing(api, exercises)]);
        // `simcell preview` links here with the dry-run it created: open it straight away.
        const asked = new URLSearchParams(location.search).get('exercise');
        if (asked && exercises.some((x) => x.id === asked)) this.open(api, asked);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) forgetAdminToken();
        replaceChildren(body, [
          el('div', { class: 'setup-card narrow' }, [
            el('h1', { text: t('setup.title') }),
            el('p', { class: 'form-error', text: this.describe(error) }),
          ]),
        ]);
      },
    );
  }

  override update(_time: number, delta: number): void {
    this.backdrop.resize(this.scale.width, this.scale.height);
    this.backdrop.update(delta);
  }

  private newExercise(api: ControlApi, scenarios: readonly ScenarioListing[]): HTMLElement {
    let chosen: ScenarioListing | undefined;
    const name = el('input', { class: 'input', attrs: { name: 'exercise-name', maxlength: 120 } });
    const picker = new ScenarioPicker(scenarios, (s) => {
      chosen = s;
      name.placeholder = s.title.en ?? s.id;
    });
    const you = el('input', {
      class: 'input',
      attrs: { name: 'control-name', maxlength: 60, value: localStorage.getItem(NAME_KEY) ?? '' },
    });
    const speed = el(
      'select',
      { class: 'select', attrs: { name: 'speed' } },
      SPEEDS.map((s) => el('option', { text: `${s}×`, attrs: { value: s } })),
    );
    const dryRun = new DryRunFields();
    const create = el('button', { class: 'button primary', text: t('setup.create'), attrs: { type: 'submit' } });
    const form = el('form', { class: 'setup-card stack' }, [
      el('h1', { text: t('setup.title') }),
      picker.element,
      el('div', { class: 'field-row' }, [
        el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('setup.name') }), name]),
        el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('join.name') }), you]),
        el('label', { class: 'field narrow-field' }, [el('span', { class: 'field-label', text: t('setup.speed') }), speed]),
      ]),
      dryRun.element,
      this.error,
      el('div', { class: 'button-row' }, [create]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!chosen) return;
      if (!you.value.trim()) return void (setText(this.error, t('join.needName')), you.focus());
      create.disabled = true;
      setText(create, t('setup.creating'));
      localStorage.setItem(NAME_KEY, you.value.trim());
      const asDryRun = dryRun.value();
      void api
        .create({
          scenario: chosen.id,
          speed: Number(speed.value),
          ...(name.value.trim() ? { name: name.value.trim() } : {}),
          ...(asDryRun ? { dryRun: asDryRun } : {}),
        })
        .then(
          (created) => {
            this.openAsControl(created.codes.control, created.roomId, you.value.trim());
          },
          (error: unknown) => {
            create.disabled = false;
            setText(create, t('setup.create'));
            setText(this.error, this.describe(error));
          },
        );
    });
    return form;
  }

  private existing(api: ControlApi, exercises: readonly ExerciseSummary[]): HTMLElement {
    const rows = [...exercises].reverse().map((x) =>
      el('li', { class: 'exercise-row' }, [
        el('div', {}, [
          el('div', { class: 'exercise-name' }, [
            x.name,
            x.dryRun ? el('span', { class: 'dry-run-pill', text: t('dryrun.pill'), attrs: { 'data-dry-run': x.dryRun.policy } }) : null,
          ]),
          el('div', { class: 'hint', text: `${x.scenario} · ${new Date(x.createdAt).toLocaleString()}` }),
        ]),
        el('span', { class: `status-pill status-${x.status}`, text: t(`setup.status.${x.status}`) }),
        el('button', {
          class: 'button small',
          text: t('setup.open'),
          attrs: { type: 'button' },
          on: { click: () => this.open(api, x.id) },
        }),
      ]),
    );
    return el('section', { class: 'setup-card side' }, [
      el('h2', { class: 'section-title', text: t('setup.existing') }),
      rows.length ? el('ul', { class: 'exercise-list' }, rows) : el('p', { class: 'empty', text: t('setup.noExisting') }),
    ]);
  }

  private open(api: ControlApi, id: string): void {
    void api.exercise(id).then(
      (full) => this.openAsControl(full.codes.control, full.roomId, localStorage.getItem(NAME_KEY) ?? ''),
      (error: unknown) => setText(this.error, this.describe(error)),
    );
  }

  private openAsControl(code: string, exercise: string, name: string): void {
    const args: JoinArgs = { code, name: name || null, exercise, auto: name !== '' };
    this.scene.start(SCENES.join, args);
  }

  private describe(error: unknown): string {
    if (error instanceof ApiError) return errorText(error.code === 'HTTP' ? 'generic' : error.code, error.message);
    return errorText('generic', String(error));
  }
}
