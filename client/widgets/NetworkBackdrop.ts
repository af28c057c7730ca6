import Phaser from 'phaser';
import { PALETTE } from '../ui/theme.ts';

interface Drifter {
  x: number;
  y: number;
  vx: number;
  vy: number;
  hot: number;
}

/**
 * The join screen's background: a slowly drifting network of nodes whose links light up now and then, a
 * hint of what the exercise is about. Purely decorative, so it is cheap and never steals attention.
 */
export class NetworkBackdrop {
  private readonly graphics: Phaser.GameObjects.Graphics;
  private readonly drifters: Drifter[] = [];
  private width = 0;
  private height = 0;
  private readonly random = new Phaser.Math.RandomDataGenerator(['simcell']);

  constructor(scene: Phaser.Scene, count = 46) {
    this.graphics = scene.add.graphics();
    for (let i = 0; i < count; i++)
      this.drifters.push({
        x: this.random.frac(),
        y: this.random.frac(),
        vx: this.random.realInRange(-1, 1) * 0.00004,
        vy: this.random.realInRange(-1, 1) * 0.00004,
        hot: 0,
      });
    scene.time.addEvent({ delay: 1400, loop: true, callback: () => (this.random.pick(this.drifters).hot = 1) });
  }

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
  }

  update(delta: number): void {
    const g = this.graphics;
    const { width: w, height: h } = this;
    g.clear();
    const reach = Math.min(w, h) * 0.26;
    for (const d of this.drifters) {
      d.x = wrap(d.x + d.vx * delta);
      d.y = wrap(d.y + d.vy * delta);
      d.hot = Math.max(0, d.hot - delta / 2400);
    }
    for (let i = 0; i < this.drifters.length; i++) {
      const a = this.drifters[i]!;
      for (let j = i + 1; j < this.drifters.length; j++) {
        const b = this.drifters[j]!;
        const dist = Math.hypot((a.x - b.x) * w, (a.y - b.y) * h);
        if (dist > reach) continue;
        const heat = Math.max(a.hot, b.hot);
        g.lineStyle(1, heat > 0 ? PALETTE.accent : PALETTE.line, (1 - dist / reach) * (0.35 + heat * 0.6));
        g.lineBetween(a.x * w, a.y * h, b.x * w, b.y * h);
      }
    }
    for (const d of this.drifters) {
      g.fillStyle(d.hot > 0 ? PALETTE.accent : PALETTE.muted, 0.35 + d.hot * 0.65);
      g.fillCircle(d.x * w, d.y * h, 2 + d.hot * 3);
    }
  }
}

function wrap(v: number): number {
  return v < 0 ? v + 1 : v > 1 ? v - 1 : v;
}
