/** A small typed event emitter; `on` returns the function that removes the listener. */
export class Emitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<K extends keyof Events>(type: K, listener: Events[K]): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(type: K, ...args: Parameters<Events[K]>): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (...a: Parameters<Events[K]>) => void)(...args);
  }
}
