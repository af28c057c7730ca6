import type Phaser from 'phaser';
import { css, FONT } from './theme.ts';

/** Phaser text in the interface font, rendered at the screen's pixel density so it stays sharp. */
export function textStyle(
  size: number,
  colour: number,
  extra: Phaser.Types.GameObjects.Text.TextStyle = {},
): Phaser.Types.GameObjects.Text.TextStyle {
  return {
    fontFamily: FONT,
    fontSize: `${Math.round(size)}px`,
    color: css(colour),
    resolution: Math.max(1, Math.min(2, window.devicePixelRatio || 1)),
    ...extra,
  };
}
