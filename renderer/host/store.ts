// The host window's copy of the room: one snapshot, then the event stream applied to it. The room is
// the authority; this only mirrors it for drawing.
import { interleave, isRoomEvent } from '../../common/history.js';
import type { HistoryRecord } from '../../common/model.js';
import type { HostEvent, LanChatApi, Snapshot } from '../../electron/ipc-contract.js';
import { Listeners } from '../shared/listeners.js';
import { isPresenceLine } from '../shared/shared-strings.js';
import { Timeline } from './timeline.js';

/** History messages taken into the timeline per task on start: a 100,000-message snapshot must not be one long task. */
const LOAD_CHUNK = 5_000;

/** Everything except the history and its events, which live in `Timeline`. */
export type RoomView = Omit<Snapshot, 'history' | 'events'>;

export class HostStore {
  readonly timeline = new Timeline();
  private view: RoomView | null = null;
  private readonly listeners = new Listeners();

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
    const { history, events, ...view } = await this.api.getSnapshot();
    this.view = view;
    const records = interleave(history, events);
    for (let i = 0; i < records.length; i += LOAD_CHUNK) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve));
      for (const record of records.slice(i, i + LOAD_CHUNK)) this.add(record);
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
        case 'moderation':
          this.timeline.addModeration(event.event);
          timelineChanged = true;
          break;
        case 'message-removed':
          this.timeline.removeMessage(event.seq);
          timelineChanged = true;
          break;
        case 'moderation-state':
          view = { ...view, moderation: event.moderation };
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
      this.listeners.notify();
    }
  }

  getView = (): RoomView | null => this.view;

  private add(record: HistoryRecord): void {
    if (!isRoomEvent(record)) this.timeline.addChat(record);
    else if (record.type === 'moderation') this.timeline.addModeration(record);
    else if (isPresenceLine(record)) this.timeline.addPresence(record);
  }

  readonly subscribe = this.listeners.subscribe;
}
