import { DRY_RUN_POLICIES, type DryRun } from '../../shared/protocol/dryRun.ts';
import { t } from '../i18n/i18n.ts';
import { el } from '../ui/el.ts';
import '../styles/dryRun.css';

/**
 * The dry-run choice of Control's setup form: SimCell's automatic players in every played seat, with the
 * policy and seed of `simcell simulate`. The server checks the values (a bad seed is refused with its field).
 */
export class DryRunFields {
  readonly element: HTMLElement;
  private readonly enabled = el('input', { attrs: { type: 'checkbox', name: 'dry-run' } });
  private readonly policy = el(
    'select',
    { class: 'select', attrs: { name: 'dry-run-policy', disabled: true } },
    DRY_RUN_POLICIES.map((p) => el('option', { text: t(`dryrun.policy.${p}`), attrs: { value: p, selected: p === 'expected' } })),
  );
  private readonly seed = el('input', {
    class: 'input',
    attrs: { name: 'dry-run-seed', type: 'number', min: 0, max: 4294967295, step: 1, value: 1, disabled: true },
  });

  constructor() {
    this.enabled.addEventListener('change', () => {
      this.policy.disabled = !this.enabled.checked;
      this.seed.disabled = !this.enabled.checked;
    });
    this.element = el('fieldset', { class: 'dry-run-fields plain' }, [
      el('label', { class: 'dry-run-toggle' }, [this.enabled, el('span', { text: t('dryrun.toggle') })]),
      el('p', { class: 'hint', text: t('dryrun.hint') }),
      el('div', { class: 'field-row' }, [
        el('label', { class: 'field' }, [el('span', { class: 'field-label', text: t('dryrun.players') }), this.policy]),
        el('label', { class: 'field narrow-field' }, [el('span', { class: 'field-label', text: t('dryrun.seed') }), this.seed]),
      ]),
    ]);
  }

  /** The dry-run asked for, or undefined for a real exercise. */
  value(): DryRun | undefined {
    if (!this.enabled.checked) return undefined;
    return { policy: this.policy.value as DryRun['policy'], seed: Number(this.seed.value) };
  }
}
