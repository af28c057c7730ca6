import type Phaser from 'phaser';
import { escalationColour, PALETTE } from '../ui/theme.ts';
import { textStyle } from '../ui/textStyle.ts';

export interface EscalationView {
  readonly index: number;
  readonly count: number;
  readonly label: string;
  readonly caption: string;
}

/**
 * The centre of the board: the escalation level as a ring of segments, one per level, lit up to the
 * current one, with a slow sweep so a glance tells that the board is live. A change sends a shock wave
 * out over the organisations.
 */
export class EscalationCore {
  private readonly glow: Phaser.GameObjects.Graphics;
  private readonly segments: Phaser.GameObjects.Graphics;
  private readonly sweep: Phaser.GameObjects.Graphics;
  private readonly caption: Phaser.GameObjects.Text;
  private readonly label: Phaser.GameObjects.Text;
  private x = 0;
  private y = 0;
  private radius = 60;
  private view: EscalationView | undefined;

  constructor(private readonly scene: Phaser.Scene) {
    this.glow = scene.add.graphics();
    this.segments = scene.add.graphics();
    this.sweep = scene.add.graphics();
    this.caption = scene.add.text(0, 0, '', textStyle(11, PALETTE.muted, { fontStyle: 'bold' })).setOrigin(0.5, 1);
    this.label = scene.add.text(0, 0, '', textStyle(18, PALETTE.text, { fontStyle: 'bold', align: 'center' })).setOrigin(0.5, 0);
    scene.tweens.add({ targets: this.sweep, rotation: Math.PI * 2, duration: 9000, repeat: -1 });
  }

  place(x: number, y: number, radius: number): void {
    this.x = x;
    this.y = y;
    this.radius = radius;
    this.sweep.setPosition(x, y);
    if (this.view) this.draw(this.view);
  }

  update(view: EscalationView): void {
    const previous = this.view;
    this.view = view;
    this.draw(view);
    if (previous && previous.index !== view.index) this.shockwave(escalationColour(view.index, view.count));
  }

  private draw(view: EscalationView): void {
    const { x, y, radius: r } = this;
    const colour = escalationColour(view.index, view.count);
    this.glow.clear();
    for (const [extra, alpha] of [
      [18, 0.05],
      [10, 0.09],
      [4, 0.14],
    ] as const)
      this.glow.fillStyle(colour, alpha).fillCircle(x, y, r + extra);
    this.glow.fillStyle(PALETTE.bg, 1).fillCircle(x, y, r - 2);
    this.glow.fillStyle(colour, 0.1).fillCircle(x, y, r - 2);

    this.segments.clear();
    const gap = view.count > 1 ? 0.08 : 0;
    const span = (Math.PI * 2) / Math.max(1, view.count);
    for (let i = 0; i < view.count; i++) {
      const start = -Math.PI / 2 + i * span + gap / 2;
      const lit = i <= view.index;
      this.segments.lineStyle(Math.max(5, r * 0.09), lit ? escalationColour(i, view.count) : PALETTE.line, lit ? 1 : 0.9);
      this.segments
        .beginPath()
        .arc(x, y, r, start, start + span - gap)
        .strokePath();
    }

    this.sweep.clear();
    for (let i = 0; i < 12; i++) {
      this.sweep.lineStyle(2, colour, 0.28 * (1 - i / 12));
      this.sweep
        .beginPath()
        .arc(0, 0, r + 10, -i * 0.05, -(i + 1) * 0.05, true)
        .strokePath();
    }

    // The level's name must fit inside the ring: shrink the type until it does.
    this.label
      .setText(view.label)
      .setWordWrapWidth(r * 1.45)
      .setColor(`#${colour.toString(16).padStart(6, '0')}`);
    let size = Math.max(12, Math.min(30, Math.round(r * 0.22)));
    this.label.setFontSize(size);
    while (this.label.height > r * 0.95 && size > 11) this.label.setFontSize(--size);
    const captionSize = Math.max(9, Math.round(size * 0.55));
    this.caption
      .setText(view.caption.toUpperCase())
      .setFontSize(captionSize)
      .setLetterSpacing(1.5)
      .setVisible(r >= 48);
    const top = y - (this.label.height + (r >= 48 ? captionSize * 1.6 : 0)) / 2;
    this.caption.setPosition(x, top + captionSize * 1.25);
    this.label.setPosition(x, top + (r >= 48 ? captionSize * 1.6 : 0));
  }

  private shockwave(colour: number): void {
    // The radius grows, not the scale, so the wave stays a thin line as it spreads over the board.
    const ring = this.scene.add.circle(this.x, this.y, this.radius, colour, 0).setStrokeStyle(3, colour, 0.8);
    this.scene.tweens.addCounter({
      from: this.radius,
      to: this.radius * 4,
      duration: 1600,
      ease: 'Cubic.easeOut',
      onUpdate: (tween) => ring.setRadius(tween.getValue() ?? this.radius).setAlpha(1 - tween.progress),
      onComplete: () => ring.destroy(),
    });
    this.scene.tweens.add({ targets: this.label, scale: { from: 1.25, to: 1 }, duration: 700, ease: 'Back.easeOut' });
  }
}
