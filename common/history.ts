// The history as the room keeps it: chat messages numbered by `seq`, and room events (presence and
// moderation) placed between them by `afterSeq`. Pure helpers shared by the room (export), the host
// window and the peer page (which rebuild one timeline from a snapshot or a welcome).
import type { ChatMessage, HistoryRecord, RoomEvent } from './model.js';

export function isRoomEvent(record: HistoryRecord): record is RoomEvent {
  return 'afterSeq' in record;
}

/**
 * Messages (in `seq` order) and events (in the order they happened) as one list: an event with
 * `afterSeq` k comes after message k and before k + 1; events before the first message come first.
 */
export function interleave(messages: readonly ChatMessage[], events: readonly RoomEvent[]): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  let e = 0;
  for (const message of messages) {
    while (e < events.length && events[e]!.afterSeq < message.seq) out.push(events[e++]!);
    out.push(message);
  }
  while (e < events.length) out.push(events[e++]!);
  return out;
}

/** What a removed message becomes everywhere: who and when stay, the text (and anything attached) goes. */
export function tombstone(message: ChatMessage): ChatMessage {
  return { seq: message.seq, ts: message.ts, from: message.from, text: '', removed: true };
}
