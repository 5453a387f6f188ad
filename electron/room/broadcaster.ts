// Everything the room says to all its clients. Chat is numbered when accepted and collected for the
// tick; the flush stores the tick's chat and room events first (one synchronous group-commit append, so
// nothing a client ever received can be missing from the log) and then writes one buffer per form to
// every client (fanout.ts). Room events (presence, moderation) and typing ride the same batches but go
// out at most every `PRESENCE_INTERVAL_MS` on their own. Also here: the host's throttled
// 'clients'/'status' events.
import type { EventEmitter } from 'node:events';
import { messageOf } from '../../common/errors.js';
import { tombstone } from '../../common/history.js';
import type { RoomError } from '../../common/host-view.js';
import { fileUrl, formatFileSize } from '../../common/files.js';
import type { ChatMessage, FileRef, HistoryRecord, Participant, PresenceEvent, RoomEvent } from '../../common/model.js';
import type { ServerMessage } from '../../common/protocol.js';
import type { Connection } from './connection.js';
import { roomEventText } from './event-text.js';
import { FrameBatch } from './fanout.js';
import { hostForUrls } from './handshake.js';
import type { HistoryLog } from './history-log.js';
import { rawLine } from './raw-line.js';
import { isStoredEvent } from './history-records.js';
import type { KeptEvent, RecentHistory } from './recent-history.js';
import type { RoomEventMap } from './room-events.js';

/**
 * A batch of presence and typing only goes out at most this often: in a join storm each rich client
 * gets one write per interval, not one per join. Chat never waits; it takes whatever is pending along,
 * in order.
 */
const PRESENCE_INTERVAL_MS = 100;
/** 'clients' (the whole list) and the 'status' that goes with it are emitted at most this often. */
const CLIENTS_EVENT_INTERVAL_MS = 100;

export interface BroadcasterOptions {
  /** Bytes a client may have waiting unsent before it is dropped (`maxBufferedBytesPerClient`). */
  bufferCap: number;
  /** Whether chat is written to the log now (the `saveHistory` setting, which may change live). */
  saving: () => boolean;
  /** The room's status changed (a storage error appeared or went away). */
  statusChanged: () => void;
}

export class Broadcaster {
  /** Highest sequence number handed out. */
  private seq: number;
  /** What this tick's flush will store and deliver. */
  private pendingChats: ChatMessage[] = [];
  private pendingEvents: KeptEvent[] = [];
  private rawBatch = new FrameBatch<Connection>();
  private richBatch = new FrameBatch<Connection>();
  /** Receivers of the raw and the rich form of each broadcast. */
  private readonly rawTargets = new Set<Connection>();
  private readonly richTargets = new Set<Connection>();
  private flushScheduled = false;
  /** A presence-only flush waiting for its interval, and when the last flush ran (`performance.now()`). */
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;
  private storageProblem: RoomError | null = null;

  /**
   * @param history where delivered chat goes (and where numbering starts from)
   * @param log where chat is stored before delivery; null: memory only
   * @param events the room: 'chat' after each delivery, 'presence' for each presence event, 'warning' on a storage failure
   */
  constructor(
    private readonly history: RecentHistory,
    private readonly log: HistoryLog | null,
    private readonly events: EventEmitter<RoomEventMap>,
    private readonly options: BroadcasterOptions,
  ) {
    this.seq = history.deliveredSeq;
  }

  /** The highest sequence number handed out (some may still wait for this tick's flush). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Set while storing chat fails (chat goes on in memory); null when all is well. */
  get storageError(): RoomError | null {
    return this.storageProblem;
  }

  /** `conn` gets every broadcast from now on, in its protocol's form. */
  addRawTarget(conn: Connection): void {
    this.rawTargets.add(conn);
  }

  addRichTarget(conn: Connection): void {
    this.richTargets.add(conn);
  }

  /** `conn` is gone: no more writes to it. */
  forget(conn: Connection): void {
    this.rawTargets.delete(conn);
    this.richTargets.delete(conn);
  }

  /**
   * Numbers a chat message and queues it for this tick's flush. `rawBytes` is what raw clients get when
   * the sender is a raw client (its exact bytes); otherwise they get `Name: text`. With `files` (stored
   * already), raw clients get the caption, if any, then one line per file (`rawFileLines`).
   */
  accept(from: Participant, text: string, clientMsgId: string | undefined, rawBytes: Buffer | null, files?: FileRef[]): ChatMessage {
    const message: ChatMessage = { seq: ++this.seq, ts: Date.now(), from, text };
    if (files !== undefined) message.files = files;
    if (clientMsgId !== undefined) message.clientMsgId = clientMsgId;
    this.pendingChats.push(message);
    // Framed for both forms even with nobody of one form present yet: a client that joins later in
    // this tick is welcomed up to `deliveredSeq` and gets the rest from this very batch.
    if (files === undefined) this.rawBatch.add(rawBytes ?? rawLine(from.name, text));
    else this.rawFileLines(from, text, files);
    this.richBatch.add(Buffer.from(JSON.stringify({ type: 'chat', ...message })));
    this.scheduleFlush();
    return message;
  }

  /**
   * `Name: <file name> (<size>) <URL>` per file, the URL absolute and built from the address each raw
   * client connected to (a raw client cannot resolve a path): one variant per address in use.
   */
  private rawFileLines(from: Participant, caption: string, files: readonly FileRef[]): void {
    if (caption.trim() !== '') this.rawBatch.add(rawLine(from.name, caption));
    // Host headers as clients sent them: clients of one address share one line.
    const hosts = new Set<string>();
    for (const target of this.rawTargets) hosts.add(target.host);
    for (const host of hosts) {
      const only = (target: Connection) => target.host === host;
      const origin = hostForUrls(host);
      for (const file of files) {
        this.rawBatch.addFor(
          Buffer.from(`${from.name}: ${file.name} (${formatFileSize(file.size)}) http://${origin}${fileUrl(file)}`),
          only,
        );
      }
    }
  }

  /** Raw clients only, in order with the chat around it: not numbered, stored or shown to anyone else. */
  relayRaw(bytes: Buffer): void {
    this.rawBatch.add(bytes);
    this.scheduleFlush();
  }

  /** To every rich client (but `except`), encoded once; goes out with the next flush, at most `PRESENCE_INTERVAL_MS` away. */
  broadcastRich(message: ServerMessage, except?: Connection): void {
    if (this.richTargets.size === 0) return;
    this.richBatch.add(Buffer.from(JSON.stringify(message)), except);
    this.schedulePresenceFlush();
  }

  /**
   * Someone came, went, was renamed, went away or came back: told to the room's listeners ('presence') and
   * to every rich client but `except` (the one it is about, when it is its own join). Away and back are a
   * state of the People lists, not a line of the history; raw clients hear only who the host took out
   * ("Guest 3 was removed by the host").
   */
  presence(event: PresenceEvent, except?: Connection): void {
    this.events.emit('presence', event);
    if (event.type === 'away' || event.type === 'back') this.broadcastRich(event, except);
    else this.recordEvent(event, except);
    if (event.type === 'leave' && (event.reason === 'kicked' || event.reason === 'banned')) {
      this.relayRaw(Buffer.from(`* ${roomEventText(event)}`));
    }
  }

  /**
   * A room event for every rich client (but `except`) and for the history: kept with it in memory (and
   * in the log when it is one the log keeps: `isStoredEvent`), and replayed to late joiners. Goes out like
   * presence, at most `PRESENCE_INTERVAL_MS` away.
   */
  recordEvent(event: RoomEvent, except?: Connection): void {
    const json = JSON.stringify(event);
    this.pendingEvents.push({ event, json });
    if (this.richTargets.size > 0) this.richBatch.add(Buffer.from(json), except);
    this.schedulePresenceFlush();
  }

  /**
   * Message `seq` becomes its tombstone in memory and in the log, and every rich client is told
   * (`message-removed`). Returns the message as it was; undefined when the room no longer has it (or
   * it was removed already).
   */
  removeMessage(seq: number): ChatMessage | undefined {
    if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
    // A message of this very tick is delivered (and stored) first.
    this.flush();
    const message = this.history.holds(seq) ? this.history.remove(seq) : this.stored(seq);
    if (message === undefined) return undefined;
    this.storeNow([tombstone(message)]);
    this.broadcastRich({ type: 'message-removed', seq });
    return message;
  }

  /** Message `seq` from the log, for one older than the memory holds. */
  private stored(seq: number): ChatMessage | undefined {
    try {
      const message = this.log?.find(seq);
      return message?.removed ? undefined : message;
    } catch (error) {
      this.events.emit('warning', `cannot read the stored history: ${messageOf(error)}`);
      return undefined;
    }
  }

  /** Writes records to the log now (a tombstone), outside any batch; failures are reported like chat's. */
  private storeNow(records: readonly HistoryRecord[]): void {
    if (this.log !== null && this.options.saving()) this.store(this.log, records);
  }

  /**
   * Empties the recent history and the stored log and tells every rich client, in order with the chat
   * around it; numbering continues.
   */
  clearHistory(): void {
    // What was accepted before the clear is delivered (and stored) first, so it is cleared too.
    this.flush();
    this.history.clear();
    try {
      this.log?.clear();
    } catch (err) {
      this.storageFailed(err);
    }
    this.broadcastRich({ type: 'history-cleared', lastSeq: this.seq });
  }

  /**
   * Delivers this tick's batch: stored first, then written once per form to every client. Runs on its
   * own on the next turn (or the presence interval); the room calls it to deliver at once.
   */
  readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.lastFlushAt = performance.now();
    const chats = this.pendingChats;
    const events = this.pendingEvents;
    const rawBatch = this.rawBatch;
    const richBatch = this.richBatch;
    this.pendingChats = [];
    this.rawBatch = new FrameBatch();
    this.richBatch = new FrameBatch();

    if (events.length > 0) {
      this.pendingEvents = [];
      // Readers place events by `afterSeq`, so their place in the file after the tick's chat is no matter.
      const stored = events.flatMap((e) => (isStoredEvent(e.event) ? [e.event] : []));
      this.storeNow(stored.length === 0 ? chats : [...chats, ...stored]);
      this.history.add(chats);
      this.history.addEvents(events);
    } else if (chats.length > 0) {
      this.storeNow(chats);
      this.history.add(chats);
    }
    const cap = this.options.bufferCap;
    rawBatch.deliver(this.rawTargets, cap, dropOverflowing);
    richBatch.deliver(this.richTargets, cap, dropOverflowing);
    for (const m of chats) this.events.emit('chat', m);
  };

  private store(log: HistoryLog, records: readonly HistoryRecord[]): void {
    try {
      log.appendSync(records);
    } catch (err) {
      this.storageFailed(err);
      return;
    }
    if (this.storageProblem !== null) {
      this.storageProblem = null;
      this.options.statusChanged();
    }
  }

  private storageFailed(err: unknown): void {
    const first = this.storageProblem === null;
    this.storageProblem = { code: 'storage', message: `Saving history failed: ${messageOf(err)}. Chat continues in memory.` };
    if (first) {
      this.events.emit('warning', this.storageProblem.message);
      this.options.statusChanged();
    }
  }

  /** Flushes on the next turn of the event loop. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.flush);
  }

  /** Flushes on the next turn if the last flush was long enough ago, else when it will have been. */
  private schedulePresenceFlush(): void {
    if (this.flushScheduled || this.flushTimer !== null) return;
    const wait = this.lastFlushAt + PRESENCE_INTERVAL_MS - performance.now();
    if (wait <= 0) this.scheduleFlush();
    else this.flushTimer = setTimeout(this.flush, Math.ceil(wait));
  }
}

/** A client that does not read while its backlog passes the cap: its memory must not grow, so it goes. */
function dropOverflowing(conn: Connection): void {
  conn.terminate('error');
}

/** Calls `emit` soon after each `changed()`: at once after a quiet spell, else at most once per interval. */
export class ThrottledEvent {
  private timer: NodeJS.Timeout | null = null;
  private lastAt = -Infinity;

  constructor(
    private readonly emit: () => void,
    private readonly intervalMs = CLIENTS_EVENT_INTERVAL_MS,
  ) {}

  changed(): void {
    if (this.timer !== null) return;
    const wait = this.lastAt + this.intervalMs - performance.now();
    this.timer = setTimeout(this.fire, Math.max(0, Math.ceil(wait)));
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly fire = (): void => {
    this.timer = null;
    this.lastAt = performance.now();
    this.emit();
  };
}
