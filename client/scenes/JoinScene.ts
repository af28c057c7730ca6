import { DomScene } from '../app/DomScene.ts';
import { enterExercise } from '../app/enterExercise.ts';
import { errorText } from '../app/errorText.ts';
import { t } from '../i18n/i18n.ts';
import { joinExercise, type JoinOutcome } from '../net/joinExercise.ts';
import { el } from '../ui/el.ts';
import { JoinForm, type JoinFields } from '../widgets/JoinForm.ts';
import { NetworkBackdrop } from '../widgets/NetworkBackdrop.ts';

export interface JoinArgs {
  readonly code: string | null;
  readonly name: string | null;
  readonly exercise: string | null;
  /** Join at once (a join link with a name, the big screen, a reload). */
  readonly auto: boolean;
  /** A join already under way (started before Phaser booted). */
  readonly pending?: Promise<JoinOutcome>;
}

/**
 * The way in: a code and a name, or a join link that does it straight away. The server decides the seat;
 * this scene opens the screen that belongs to it.
 */
export class JoinScene extends DomScene<JoinArgs> {
  private backdrop!: NetworkBackdrop;
  private form!: JoinForm;

  constructor() {
    super('JoinScene');
  }

  create(): void {
    this.backdrop = new NetworkBackdrop(this);
    this.backdrop.resize(this.scale.width, this.scale.height);
    const root = this.mount('join-screen', t('join.title'));
    this.form = new JoinForm(
      { code: this.args.code ?? '', name: this.args.name ?? '' },
      (fields) => void this.join(fields),
      () => this.rebuild(),
    );
    const connecting = el('div', { class: 'join-connecting', attrs: { role: 'status' } }, [
      el('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      el('span', { text: t('app.loading') }),
    ]);
    root.append(this.args.auto ? connecting : this.form.element);
    if (this.args.auto && this.args.code && this.args.name)
      void this.join({ code: this.args.code, name: this.args.name }, connecting, this.args.pending);
    else this.form.focus();
  }

  override update(_time: number, delta: number): void {
    if (this.args.auto) return; // joining straight through: no need to spend the frames
    this.backdrop.resize(this.scale.width, this.scale.height);
    this.backdrop.update(delta);
  }

  private async join(fields: JoinFields, connecting?: HTMLElement, pending?: Promise<JoinOutcome>): Promise<void> {
    this.form.busy(true);
    const outcome = await (pending ??
      joinExercise({ code: fields.code, name: fields.name, exercise: fields.code === this.args.code ? this.args.exercise : null }));
    if (!this.scene.isActive()) return;
    if (outcome.ok) return enterExercise(this, outcome.connection, fields.code);
    connecting?.replaceWith(this.form.element);
    this.form.fail(errorText(outcome.error, outcome.detail));
  }
}
