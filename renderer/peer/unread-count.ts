// Messages from others that arrived while the page was hidden, for the tab title ("(3) Room"): an
// external store for React, counted by main.tsx and reset when the page is seen again.

export class UnreadCount {
  private count = 0;
  private readonly listeners = new Set<() => void>();

  add(count: number): void {
    this.set(this.count + count);
  }

  reset(): void {
    this.set(0);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): number => this.count;

  private set(count: number): void {
    this.count = count;
    for (const listener of this.listeners) listener();
  }
}
