import type Phaser from 'phaser';
import type { Rect } from '../app/DomScene.ts';
import { PALETTE, sectorColour } from '../ui/theme.ts';
import { textStyle } from '../ui/textStyle.ts';
import { BoardNode, type BoardOrganisation } from './BoardNode.ts';
import { EscalationCore, type EscalationView } from './EscalationCore.ts';
import { IndicatorGauges, type GaugeView } from './IndicatorGauges.ts';

export interface BoardView {
  readonly organisations: readonly BoardOrganisation[];
  readonly escalation: EscalationView;
  readonly gauges: readonly GaugeView[];
}

/**
 * The situation board: the organisations of the scenario on a ring, grouped by sector, around the
 * escalation level, with the indicators below. It only draws what it is given; arrivals are shown by
 * `arrive`, which sends a pulse along the path an inject or a message travelled.
 */
export class SituationBoard {
  private readonly backdrop: Phaser.GameObjects.Graphics;
  private readonly links: Phaser.GameObjects.Graphics;
  private readonly core: EscalationCore;
  private readonly gauges: IndicatorGauges;
  private readonly nodes = new Map<string, BoardNode>();
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private view: BoardView | undefined;
  private centre = { x: 0, y: 0, ring: 100 };

  constructor(private readonly scene: Phaser.Scene) {
    this.backdrop = scene.add.graphics();
    this.links = scene.add.graphics();
    this.core = new EscalationCore(scene);
    this.gauges = new IndicatorGauges(scene);
  }

  layout(rect: Rect): void {
    this.rect = rect;
    this.arrange();
  }

  update(view: BoardView): void {
    const orgKey = (v: BoardView | undefined) => v?.organisations.map((o) => `${o.id}:${o.sector}`).join(',');
    const reshaped = orgKey(view) !== orgKey(this.view) || view.gauges.length !== this.view?.gauges.length;
    this.view = view;
    for (const org of view.organisations) {
      let node = this.nodes.get(org.id);
      if (!node) this.nodes.set(org.id, (node = new BoardNode(this.scene)));
      node.update(org);
    }
    this.core.update(view.escalation);
    this.gauges.update(view.gauges);
    if (reshaped) this.arrange();
  }

  /** A pulse from the sender (an organisation on the board, or the outside world) to each recipient. */
  arrive(from: string | undefined, to: readonly string[], colour: number, caption: string): void {
    const source = from ? this.nodes.get(from)?.position : undefined;
    for (const id of new Set(to.map((t) => t.split('/')[0]!))) {
      const target = this.nodes.get(id)?.position;
      if (!target) continue;
      const angle = Math.atan2(target.y - this.centre.y, target.x - this.centre.x);
      const start = source ?? {
        x: this.centre.x + Math.cos(angle) * this.centre.ring * 1.9,
        y: this.centre.y + Math.sin(angle) * this.centre.ring * 1.9,
      };
      const dot = this.scene.add.circle(start.x, start.y, 5, colour, 1).setStrokeStyle(6, colour, 0.25);
      this.scene.tweens.add({
        targets: dot,
        x: target.x,
        y: target.y,
        duration: 900,
        ease: 'Sine.easeInOut',
        onComplete: () => {
          dot.destroy();
          this.ripple(target.x, target.y, target.radius, colour, caption);
        },
      });
    }
  }

  private ripple(x: number, y: number, radius: number, colour: number, caption: string): void {
    for (const delay of [0, 260]) {
      const ring = this.scene.add.circle(x, y, radius, colour, 0).setStrokeStyle(3, colour, 0.9);
      this.scene.tweens.add({
        targets: ring,
        scale: 2.2,
        alpha: 0,
        delay,
        duration: 1100,
        ease: 'Cubic.easeOut',
        onComplete: () => ring.destroy(),
      });
    }
    if (!caption) return;
    const label = this.scene.add
      .text(x, y - radius - 10, caption.toUpperCase(), textStyle(11, colour, { fontStyle: 'bold' }))
      .setOrigin(0.5, 1);
    label.setLetterSpacing(1.2);
    this.scene.tweens.add({
      targets: label,
      y: label.y - 26,
      alpha: 0,
      delay: 900,
      duration: 1400,
      ease: 'Sine.easeIn',
      onComplete: () => label.destroy(),
    });
  }

  private arrange(): void {
    const view = this.view;
    const { x, y, width, height } = this.rect;
    if (!view || width <= 0) return;
    // Indicators go below the network, or beside it when the board is much wider than tall.
    const beside = view.gauges.length > 0 && width > height * 1.45;
    const gaugeSize = !view.gauges.length
      ? 0
      : beside
        ? Math.max(110, Math.min(190, width * 0.2))
        : Math.max(86, Math.min(140, height * 0.2));
    const netWidth = beside ? width - gaugeSize : width;
    const netHeight = beside ? height : height - gaugeSize;
    const orgs = [...view.organisations].sort((a, b) => a.sector.localeCompare(b.sector));
    const cx = x + netWidth / 2;
    const cy = y + netHeight / 2 + 4;
    const outer = Math.max(90, Math.min(netWidth, netHeight) / 2);
    const nodeRadius = Math.max(14, Math.min(34, outer * 0.13, ((Math.PI * 2 * outer) / Math.max(1, orgs.length)) * 0.2));
    const ring = outer - nodeRadius * 2 - 22;
    this.centre = { x: cx, y: cy, ring };
    this.core.place(cx, cy, Math.max(38, Math.min(ring * 0.42, 130)));
    this.gauges.layout(
      beside
        ? { x: x + netWidth, y: y + 8, width: gaugeSize - 8, height: height - 16 }
        : { x: x + 8, y: y + netHeight, width: width - 16, height: gaugeSize },
    );

    const angleOf = (i: number) => -Math.PI / 2 + (i / Math.max(1, orgs.length)) * Math.PI * 2;
    orgs.forEach((org, i) => this.nodes.get(org.id)?.place(cx + Math.cos(angleOf(i)) * ring, cy + Math.sin(angleOf(i)) * ring, nodeRadius));

    this.backdrop.clear();
    for (const [r, alpha] of [
      [ring * 0.7, 0.35],
      [ring, 0.55],
      [ring * 1.3, 0.25],
    ] as const)
      this.backdrop.lineStyle(1, PALETTE.line, alpha).strokeCircle(cx, cy, r);
    this.links.clear();
    orgs.forEach((_, i) => {
      const a = angleOf(i);
      this.links
        .lineStyle(1, PALETTE.line, 0.8)
        .lineBetween(
          cx + Math.cos(a) * ring * 0.5,
          cy + Math.sin(a) * ring * 0.5,
          cx + Math.cos(a) * (ring - nodeRadius - 4),
          cy + Math.sin(a) * (ring - nodeRadius - 4),
        );
    });
    this.drawSectors(orgs, angleOf, cx, cy, ring + nodeRadius + 10);
  }

  /** A thin arc in the sector's colour over its organisations, and the sector's name. */
  private drawSectors(orgs: readonly BoardOrganisation[], angleOf: (i: number) => number, cx: number, cy: number, r: number): void {
    if (orgs.length < 3) return;
    const half = Math.PI / Math.max(1, orgs.length);
    let start = 0;
    for (let i = 1; i <= orgs.length; i++) {
      if (i < orgs.length && orgs[i]!.sector === orgs[start]!.sector) continue;
      const colour = sectorColour(orgs[start]!.sector);
      const a0 = angleOf(start) - half * 0.7;
      const a1 = angleOf(i - 1) + half * 0.7;
      this.backdrop.lineStyle(2, colour, 0.45).beginPath().arc(cx, cy, r, a0, a1).strokePath();
      start = i;
    }
  }
}
