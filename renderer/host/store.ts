// The host window's copy of the room: one snapshot, then the event stream applied to it. The room is
// the authority; this only mirrors it for drawing.
import type { HostEvent, LanChatApi, Snapshot } from '../../electron/ipc-contract.js';
import { isPresenceLine } from '../shared/shared-strings.js';
import { Timeline } from './timeline.js';

/** History messages taken into the timeline per task on start: a 100,000-message snapshot must not be one long task. */
const LOAD_CHUNK = 5_000;

/** Everything except the history, which lives in `Timeline`. */
export type RoomView = Omit<Snapshot, 'history'>;

export class HostStore {
  readonly timeline = new Timeline();
  private view: RoomView | null = null;
  private listeners = new Set<() => void>();

  constructor(private readonly api: LanChatApi) {}

  /**
   * Subscribes before asking for the snapshot, so nothing that happens in between is missed; events
   * that arrive first are applied after the snapshot (chat overlap is dropped by sequence number).
   * Resolves once the first snapshot is in; returns the unsubscribe.
   */
  async start(): Promise<() => void> {
    let early: HostEvent[] | null = [];
    const unsubscribe = this.api.onEvent((events) => {
      if (early) early.push(...events);
      else this.apply(events);
    });
    const { history, ...view } = await this.api.getSnapshot();
    this.view = view;
    for (let i = 0; i < history.length; i += LOAD_CHUNK) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve));
      for (const message of history.slice(i, i + LOAD_CHUNK)) this.timeline.addChat(message);
    }
    this.timeline.commit();
    const pending = early;
    early = null;
    this.apply(pending);
    return unsubscribe;
  }

  apply(events: readonly HostEvent[]): void {
    let view = this.view;
    if (!view) return;
    let timelineChanged = false;
    for (const event of events) {
      switch (event.type) {
        case 'chat':
          this.timeline.addChat(event.message);
          timelineChanged = true;
          break;
        case 'presence':
          // Away and back show in the People list (the clients event), not as lines.
          if (!isPresenceLine(event.event)) break;
          this.timeline.addPresence(event.event);
          timelineChanged = true;
          break;
        case 'history-cleared':
          this.timeline.clear(Date.now());
          timelineChanged = true;
          break;
        case 'clients':
          view = { ...view, clients: event.clients };
          break;
        case 'status':
          view = { ...view, status: event.status };
          break;
        case 'urls':
          view = { ...view, urls: event.urls };
          break;
        case 'settings':
          view = { ...view, settings: event.settings };
          break;
        case 'arrivals':
          view = { ...view, arrivals: event.arrivals };
          break;
      }
    }
    if (timelineChanged) this.timeline.commit();
    if (view !== this.view) {
      this.view = view;
      for (const listener of this.listeners) listener();
    }
  }

  getView = (): RoomView | null => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
