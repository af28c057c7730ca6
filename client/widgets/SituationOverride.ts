import { t } from '../i18n/i18n.ts';
import { el, setText, uid } from '../ui/el.ts';
import { formatStamp } from '../ui/formatTime.ts';
import { KeyedList } from '../ui/KeyedList.ts';

export interface Option {
  readonly id: string;
  readonly label: string;
}

export interface SituationView {
  readonly phase: string;
  readonly phaseTitle: string;
  readonly phaseSinceMs: number;
  /** Every phase, when the server tells them; otherwise Control types a phase id. */
  readonly phases: readonly Option[] | undefined;
  readonly levels: readonly Option[];
  readonly level: string;
  readonly indicators: readonly (Option & { readonly value: number; readonly min: number; readonly max: number })[];
}

export interface SituationCommands {
  readonly jump: (phase: string) => void;
  readonly escalate: (level: string) => void;
  readonly indicator: (id: string, value: number) => void;
}

/** Control has the last word: jump to a phase, set the escalation level, set any indicator. */
export class SituationOverride {
  readonly element: HTMLElement;
  private readonly phaseName = el('div', { class: 'phase-name' });
  private readonly phaseSince = el('div', { class: 'hint' });
  private readonly phaseField = el('div', { class: 'field-row' });
  private readonly level = el('select', { class: 'select', attrs: { name: 'level', 'aria-label': t('escalation.label') } });
  private readonly indicators: KeyedList<SituationView['indicators'][number], HTMLElement>;
  private phaseKey = '';
  private levelKey = '';

  constructor(private readonly commands: SituationCommands) {
    const indicatorList = el('div', { class: 'indicator-overrides' });
    this.indicators = new KeyedList(
      indicatorList,
      (i) => i.id,
      (i) => this.indicatorRow(i),
      (row, i) => {
        setText(row.querySelector('.indicator-value')!, String(Math.round(i.value)));
        const input = row.querySelector('input')!;
        if (document.activeElement !== input) input.value = String(Math.round(i.value));
      },
    );
    const setLevel = el('button', {
      class: 'button',
      text: t('control.setEscalation'),
      attrs: { type: 'button' },
      on: { click: () => commands.escalate(this.level.value) },
    });
    this.element = el('section', { class: 'situation stack' }, [
      el('div', { class: 'field' }, [
        el('span', { class: 'field-label', text: t('control.phase') }),
        this.phaseName,
        this.phaseSince,
        this.phaseField,
      ]),
      el('div', { class: 'field' }, [
        el('span', { class: 'field-label', text: t('escalation.label') }),
        el('div', { class: 'field-row' }, [this.level, setLevel]),
      ]),
      el('div', { class: 'field' }, [el('span', { class: 'field-label', text: t('control.indicators') }), indicatorList]),
    ]);
  }

  update(view: SituationView): void {
    setText(this.phaseName, view.phaseTitle || t('control.phaseNone'));
    setText(this.phaseSince, view.phase ? formatStamp(view.phaseSinceMs) : '');
    const phaseKey = view.phases?.map((p) => p.id).join(',') ?? '';
    if (phaseKey !== this.phaseKey || !this.phaseField.firstChild) {
      this.phaseKey = phaseKey;
      const input = view.phases
        ? el(
            'select',
            { class: 'select', attrs: { name: 'phase', 'aria-label': t('control.phase') } },
            view.phases.map((p) => el('option', { text: p.label, attrs: { value: p.id } })),
          )
        : el('input', { class: 'input', attrs: { name: 'phase', placeholder: t('control.phaseId'), 'aria-label': t('control.phaseId') } });
      const jump = el('button', {
        class: 'button',
        text: t('control.jump'),
        attrs: { type: 'button' },
        on: { click: () => input.value.trim() && this.commands.jump(input.value.trim()) },
      });
      this.phaseField.replaceChildren(input, jump);
    }
    const levelKey = view.levels.map((l) => `${l.id}:${l.label}`).join(',');
    if (levelKey !== this.levelKey) {
      this.levelKey = levelKey;
      this.level.replaceChildren(...view.levels.map((l) => el('option', { text: l.label, attrs: { value: l.id } })));
    }
    if (document.activeElement !== this.level) this.level.value = view.level;
    this.indicators.render(view.indicators);
  }

  private indicatorRow(indicator: SituationView['indicators'][number]): HTMLElement {
    const id = uid('indicator');
    const input = el('input', {
      class: 'input input-number',
      attrs: { id, type: 'number', min: indicator.min, max: indicator.max, step: 1, value: Math.round(indicator.value) },
    });
    const set = el('button', {
      class: 'button small',
      text: t('control.set'),
      attrs: { type: 'button' },
      on: { click: () => input.value !== '' && this.commands.indicator(indicator.id, Number(input.value)) },
    });
    return el('div', { class: 'indicator-override' }, [
      el('label', { class: 'indicator-name', text: indicator.label, attrs: { for: id } }),
      el('span', { class: 'indicator-value' }),
      input,
      set,
    ]);
  }
}
