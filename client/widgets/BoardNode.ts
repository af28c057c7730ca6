import type Phaser from 'phaser';
import { PALETTE, sectorColour } from '../ui/theme.ts';
import { textStyle } from '../ui/textStyle.ts';

/** What the board shows of one organisation. */
export interface BoardOrganisation {
  readonly id: string;
  readonly name: string;
  readonly sector: string;
  readonly simulated: boolean;
  readonly online: number;
  readonly mine: boolean;
  /** Staff only: expectations still open, and those late or missed. */
  readonly pending: number;
  readonly overdue: number;
}

/**
 * One organisation on the situation board: a ring in its sector's colour (dashed when SimCell plays it),
 * its initials, its name, who is online, and for staff the expectations it still has to meet.
 */
export class BoardNode {
  readonly container: Phaser.GameObjects.Container;
  private readonly ring: Phaser.GameObjects.Graphics;
  private readonly halo: Phaser.GameObjects.Graphics;
  private readonly initials: Phaser.GameObjects.Text;
  private readonly label: Phaser.GameObjects.Text;
  private readonly status: Phaser.GameObjects.Graphics;
  private readonly statusText: Phaser.GameObjects.Text;
  private radius = 24;
  private data: BoardOrganisation | undefined;

  constructor(scene: Phaser.Scene) {
    this.halo = scene.add.graphics();
    this.ring = scene.add.graphics();
    this.initials = scene.add.text(0, 0, '', textStyle(14, PALETTE.text, { fontStyle: 'bold' })).setOrigin(0.5);
    this.label = scene.add.text(0, 0, '', textStyle(12, PALETTE.text, { align: 'center' })).setOrigin(0.5, 0);
    this.status = scene.add.graphics();
    this.statusText = scene.add.text(0, 0, '', textStyle(10, PALETTE.bg, { fontStyle: 'bold' })).setOrigin(0.5);
    this.container = scene.add.container(0, 0, [this.halo, this.ring, this.initials, this.label, this.status, this.statusText]);
  }

  place(x: number, y: number, radius: number): void {
    this.container.setPosition(x, y);
    this.radius = radius;
    if (this.data) this.draw(this.data);
  }

  update(org: BoardOrganisation): void {
    const changed = JSON.stringify(org) !== JSON.stringify(this.data);
    this.data = org;
    if (changed) this.draw(org);
  }

  get position(): { x: number; y: number; radius: number } {
    return { x: this.container.x, y: this.container.y, radius: this.radius };
  }

  destroy(): void {
    this.container.destroy();
  }

  private draw(org: BoardOrganisation): void {
    const r = this.radius;
    const colour = sectorColour(org.sector);
    this.ring.clear();
    this.ring.fillStyle(PALETTE.panel, 1).fillCircle(0, 0, r);
    this.ring.fillStyle(colour, org.simulated ? 0.06 : 0.16).fillCircle(0, 0, r);
    if (org.simulated) {
      this.ring.lineStyle(2, colour, 0.6);
      const dashes = 14;
      for (let i = 0; i < dashes; i++) {
        const a = (i / dashes) * Math.PI * 2;
        this.ring
          .beginPath()
          .arc(0, 0, r, a, a + (Math.PI / dashes) * 1.1)
          .strokePath();
      }
    } else {
      this.ring.lineStyle(2.5, colour, 1).strokeCircle(0, 0, r);
    }
    this.halo.clear();
    if (org.mine) {
      this.halo.lineStyle(3, PALETTE.accent, 0.9).strokeCircle(0, 0, r + 7);
      this.halo.lineStyle(10, PALETTE.accent, 0.12).strokeCircle(0, 0, r + 9);
    }
    this.initials.setText(initialsOf(org.name)).setFontSize(Math.max(11, Math.round(r * 0.55)));
    this.initials.setColor(org.simulated ? '#9fb0c4' : '#e6edf3');
    this.label
      .setText(org.name)
      .setPosition(0, r + 6)
      .setFontSize(Math.max(11, Math.min(15, Math.round(r * 0.46))));
    this.label.setWordWrapWidth(Math.max(90, r * 3.4)).setColor(org.simulated ? '#8a9bb0' : '#d7e0ea');
    this.drawStatus(org, r);
  }

  private drawStatus(org: BoardOrganisation, r: number): void {
    this.status.clear();
    this.statusText.setText('').setVisible(false);
    const dot = Math.max(7, r * 0.3);
    const at = r * 0.72;
    if (!org.simulated) {
      const online = org.online > 0;
      this.status.fillStyle(online ? PALETTE.ok : PALETTE.panel, 1).fillCircle(at, -at, dot);
      this.status.lineStyle(2, online ? PALETTE.ok : PALETTE.muted, 1).strokeCircle(at, -at, dot);
      if (online)
        this.statusText
          .setText(String(org.online))
          .setPosition(at, -at)
          .setFontSize(Math.round(dot * 1.2))
          .setVisible(true);
    }
    if (org.pending > 0 || org.overdue > 0) {
      this.status.fillStyle(org.overdue > 0 ? PALETTE.danger : PALETTE.warn, 1).fillCircle(at, at, dot * 0.8);
    }
  }
}

/** `NCSC` stays `NCSC`; `Bank A` becomes `BA`; three letters at most. */
export function initialsOf(name: string): string {
  const words = name.split(/[\s/-]+/).filter(Boolean);
  if (words.length === 1 && name.length <= 5) return name.toUpperCase();
  return words
    .slice(0, 3)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
