import Phaser from 'phaser';
import { el } from '../ui/el.ts';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A screen: a Phaser scene that also owns a layer of DOM panels. Phaser draws into the full-window canvas
 * underneath; the DOM layout leaves a transparent slot where the board goes, and the scene lays the board
 * out in that slot's rectangle. Everything mounted or subscribed is undone when the scene shuts down.
 */
export abstract class DomScene<Args = void> extends Phaser.Scene {
  protected args!: Args;
  protected root!: HTMLElement;
  private cleanups: (() => void)[] = [];

  init(args: Args): void {
    this.args = args;
  }

  /** Creates this screen's root element in the UI layer. */
  protected mount(className: string, label: string): HTMLElement {
    this.root = el('div', { class: `screen ${className}`, attrs: { 'aria-label': label } });
    document.getElementById('ui')!.append(this.root);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.unmount());
    return this.root;
  }

  /** Runs `fn` when the screen goes away (listeners, timers). */
  protected onCleanup(fn: () => void): void {
    this.cleanups.push(fn);
  }

  /** Calls `onChange` with the slot's rectangle on the canvas now and whenever it moves or resizes. */
  protected watchSlot(slot: HTMLElement, onChange: (rect: Rect) => void): void {
    let last = '';
    const measure = () => {
      const box = slot.getBoundingClientRect();
      const rect = { x: Math.round(box.left), y: Math.round(box.top), width: Math.round(box.width), height: Math.round(box.height) };
      const key = `${rect.x},${rect.y},${rect.width},${rect.height}`;
      if (key === last || rect.width < 2 || rect.height < 2) return;
      last = key;
      onChange(rect);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(slot);
    this.scale.on(Phaser.Scale.Events.RESIZE, measure);
    window.addEventListener('resize', measure);
    this.onCleanup(() => {
      observer.disconnect();
      this.scale.off(Phaser.Scale.Events.RESIZE, measure);
      window.removeEventListener('resize', measure);
    });
    requestAnimationFrame(measure);
  }

  /** Rebuilds the screen (after a language change), keeping its arguments and the connection. */
  protected rebuild(): void {
    this.scene.restart(this.args as object);
  }

  private unmount(): void {
    for (const fn of this.cleanups.splice(0)) fn();
    this.root.remove();
  }
}
