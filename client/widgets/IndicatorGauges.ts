import type Phaser from 'phaser';
import type { Rect } from '../app/DomScene.ts';
import { PALETTE } from '../ui/theme.ts';
import { textStyle } from '../ui/textStyle.ts';

export interface GaugeView {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  /** Seen by staff only. */
  readonly restricted: boolean;
}

interface Gauge {
  view: GaugeView;
  shown: number;
  readonly arc: Phaser.GameObjects.Graphics;
  readonly value: Phaser.GameObjects.Text;
  readonly label: Phaser.GameObjects.Text;
}

const START = Math.PI * 0.75;
const SWEEP = Math.PI * 1.5;

/** The scenario's indicators as dials along the foot of the board; a change sweeps the needle over. */
export class IndicatorGauges {
  private readonly gauges = new Map<string, Gauge>();
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(private readonly scene: Phaser.Scene) {}

  layout(rect: Rect): void {
    this.rect = rect;
    this.place();
  }

  update(views: readonly GaugeView[]): void {
    // A replay switches between seats that see different indicators: a dial no longer in view goes.
    const shown = new Set(views.map((v) => v.id));
    for (const [id, gauge] of this.gauges) {
      if (shown.has(id)) continue;
      this.scene.tweens.killTweensOf(gauge.value);
      for (const part of [gauge.arc, gauge.value, gauge.label]) part.destroy();
      this.gauges.delete(id);
    }
    for (const view of views) {
      const gauge = this.gauges.get(view.id);
      if (!gauge) {
        const created: Gauge = {
          view,
          shown: view.value,
          arc: this.scene.add.graphics(),
          value: this.scene.add.text(0, 0, '', textStyle(20, PALETTE.text, { fontStyle: 'bold' })).setOrigin(0.5),
          label: this.scene.add.text(0, 0, '', textStyle(11, PALETTE.muted, { align: 'center' })).setOrigin(0.5, 0),
        };
        this.gauges.set(view.id, created);
        continue;
      }
      const from = gauge.shown;
      gauge.view = view;
      if (from !== view.value) {
        this.scene.tweens.addCounter({
          from,
          to: view.value,
          duration: 900,
          ease: 'Cubic.easeOut',
          onUpdate: (tween) => {
            if (this.gauges.get(view.id) === gauge) this.draw(gauge, tween.getValue() ?? view.value);
          },
        });
        this.scene.tweens.add({ targets: gauge.value, scale: { from: 1.3, to: 1 }, duration: 600, ease: 'Back.easeOut' });
      }
    }
    this.place();
  }

  private place(): void {
    const list = [...this.gauges.values()];
    const { x, y, width, height } = this.rect;
    if (!list.length || width <= 0) return;
    const vertical = height > width;
    const cell = (vertical ? height : width) / list.length;
    const radius = vertical ? Math.max(18, Math.min(width * 0.3, cell * 0.3)) : Math.max(18, Math.min(height * 0.34, cell * 0.28));
    list.forEach((gauge, i) => {
      const cx = vertical ? x + width / 2 : x + cell * (i + 0.5);
      const cy = vertical ? y + cell * i + (cell - radius * 1.9) / 2 + radius : y + radius + 6;
      gauge.arc.setPosition(cx, cy);
      gauge.value.setPosition(cx, cy).setFontSize(Math.round(radius * 0.5));
      gauge.label.setPosition(cx, cy + radius * 0.78).setFontSize(Math.max(10, Math.min(14, Math.round(radius * 0.3))));
      gauge.label.setWordWrapWidth(vertical ? width * 0.95 : cell * 0.92).setText(gauge.view.label);
      gauge.arc.setData('radius', radius);
      this.draw(gauge, gauge.shown);
    });
  }

  private draw(gauge: Gauge, value: number): void {
    gauge.shown = value;
    const r = (gauge.arc.getData('radius') as number | undefined) ?? 30;
    const { min, max, unit, restricted } = gauge.view;
    const fraction = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0;
    const colour = restricted ? PALETTE.muted : PALETTE.accent;
    gauge.arc.clear();
    gauge.arc
      .lineStyle(Math.max(4, r * 0.14), PALETTE.line, 1)
      .beginPath()
      .arc(0, 0, r, START, START + SWEEP)
      .strokePath();
    if (fraction > 0)
      gauge.arc
        .lineStyle(Math.max(4, r * 0.14), colour, 1)
        .beginPath()
        .arc(0, 0, r, START, START + SWEEP * fraction)
        .strokePath();
    const tip = START + SWEEP * fraction;
    gauge.arc.fillStyle(PALETTE.text, 1).fillCircle(Math.cos(tip) * r, Math.sin(tip) * r, Math.max(2.5, r * 0.08));
    gauge.value.setText(`${Math.round(value)}${unit ? ` ${unit}` : ''}`);
  }
}
