// Messages from others that arrived while the page was hidden, for the tab title ("(3) Room"): an
// external store for React, counted by main.tsx and reset when the page is seen again.
import { Listeners } from '../shared/listeners.js';

export class UnreadCount {
  private count = 0;
  private readonly listeners = new Listeners();

  add(count: number): void {
    this.set(this.count + count);
  }

  reset(): void {
    this.set(0);
  }

  readonly subscribe = this.listeners.subscribe;

  getSnapshot = (): number => this.count;

  private set(count: number): void {
    this.count = count;
    this.listeners.notify();
  }
}
