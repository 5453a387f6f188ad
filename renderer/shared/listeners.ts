// Who to tell when an external store changes: the `subscribe` that React's `useSyncExternalStore`
// takes, and `notify` for the store to call after each change.

export class Listeners {
  readonly #listeners = new Set<() => void>();

  /** Adds `listener`; returns what removes it. A bound function: it can be handed over as it is. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
