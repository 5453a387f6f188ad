// Shapes of the room's state that cross module boundaries: the room (Node), the IPC bridge and both
// pages import these. Types only, so any side may import it without pulling in runtime code.

/** How a client speaks to the room. */
export type ClientKind = 'raw' | 'rich' | 'host';

/** A participant as everyone may see it (no address: peers don't learn each other's IPs). */
export interface Participant {
  id: string;
  name: string;
  kind: ClientKind;
}

/** A connected client as the host sees it. */
export interface ClientInfo extends Participant {
  /** Remote IP address as the socket reports it. */
  address: string;
  /** The subprotocol the handshake settled on. */
  protocol: string;
  /** Epoch milliseconds. */
  connectedAt: number;
}

/** One chat message as the room stored and numbered it. */
export interface ChatMessage {
  /** Room sequence number: strictly increasing, never reused, also across restarts with a data directory. */
  seq: number;
  /** Server time, epoch milliseconds. */
  ts: number;
  from: Participant;
  text: string;
  /** Echo of the sender's own id for the message, so a client can match its queued copy. */
  clientMsgId?: string;
}

/** Presence changes, numbered by the last chat `seq` they follow so views can interleave them. */
export type PresenceEvent =
  | { type: 'join'; ts: number; afterSeq: number; participant: Participant }
  | { type: 'leave'; ts: number; afterSeq: number; participant: Participant; reason: LeaveReason }
  | { type: 'rename'; ts: number; afterSeq: number; participant: Participant; oldName: string };

export type LeaveReason = 'left' | 'timeout' | 'kicked' | 'error';

/** A way to reach the room from another device. */
export interface JoinUrl {
  url: string;
  address: string;
  /** Interface name as the OS reports it (e.g. `wlan0`, `Wi-Fi`). */
  interface: string;
  /** Virtual, VPN or container adapters: shown, but marked and listed after the likely one. */
  virtual: boolean;
}

/** Settings the host can change; stored in the data directory. */
export interface RoomSettings {
  port: number;
  roomName: string;
  hostName: string;
  /** `null` means no PIN (the default). */
  pin: string | null;
  saveHistory: boolean;
  language: 'system' | 'en' | 'zh-CN';
  theme: 'system' | 'light' | 'dark';
}

export interface RoomStatus {
  running: boolean;
  /** Address the server is bound to. */
  host: string;
  port: number;
  clientCount: number;
  /** Last sequence number handed out (0 before the first message). */
  lastSeq: number;
  /** A problem the host should see (port in use, storage failing); `null` when all is well. */
  error: RoomError | null;
}

export interface RoomError {
  code: 'port-in-use' | 'listen-failed' | 'storage' | 'settings';
  message: string;
}

/** What the room emits (Node `EventEmitter` map): the host window and the CLI listen to these. */
export interface RoomEventMap {
  chat: [message: ChatMessage];
  presence: [event: PresenceEvent];
  /** The client list changed (join, leave, rename, kick); the whole list, host excluded. */
  clients: [clients: ClientInfo[]];
  status: [status: RoomStatus];
  settings: [settings: RoomSettings];
  'history-cleared': [];
  /** Something the host should read (storage trouble, a corrupt log tail skipped). Never fatal. */
  warning: [message: string];
}

/** The on-disk chat log, as the room uses it (electron/room/history-log.ts implements it). */
export interface HistoryLog {
  /** Highest `seq` in the log when it was opened (0 for an empty log). */
  readonly lastSeq: number;
  /** The newest `limit` messages, oldest first. */
  recent(limit: number): ChatMessage[];
  /**
   * Writes every message of one tick in one synchronous write (group commit). When it returns, the
   * bytes are in the OS's hands: a `kill -9` of the host cannot lose them. Throws on a storage error.
   */
  appendSync(messages: readonly ChatMessage[]): void;
  /** Removes every stored message (sequence numbers still continue). */
  clear(): void;
  close(): void;
}
