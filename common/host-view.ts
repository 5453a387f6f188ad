// What the host sees of the room beyond the chat itself: the people with their addresses, the join
// addresses, the settings and the room's state, as one snapshot and then as events. Shared by the room,
// the CLI, the IPC bridge and the host window.
import type { ChatMessage, ClientKind, ModerationEvent, Participant, PresenceEvent, RoomEvent } from './model.js';

/** A connected client as the host sees it. */
export interface ClientInfo extends Participant {
  /** Remote IP address as the socket reports it. */
  address: string;
  /** The subprotocol the handshake settled on. */
  protocol: string;
  /** Epoch milliseconds. */
  connectedAt: number;
  /** Present while the host has muted them: the mute's id (for `unmute`) and when it ends (null: when lifted). */
  muted?: { id: string; until: number | null };
}

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
  /** Desktop app: closing the window leaves the room running in the tray (menu bar on macOS). */
  keepRunningInTray: boolean;
  /** Desktop app: start LAN Chat when the user logs in. */
  openAtLogin: boolean;
  /** Largest file anyone may share, in bytes. */
  maxFileBytes: number;
  /**
   * Bytes of files the room keeps in all (originals and previews). When an upload would pass it, the
   * upload is refused (nothing stored is removed to make room); clearing the history frees it.
   */
  fileStorageBytes: number;
  /** Uploads one person may have running at once (the host is not limited). */
  maxUploadsAtOnce: number;
  /** Bytes one network address may upload per hour (a token bucket that holds one hour's worth). */
  uploadBytesPerHour: number;
  /** An upload is refused when it would leave less than this free on the disk that holds the files. */
  minFreeDiskBytes: number;
}

export interface RoomStatus {
  running: boolean;
  /** Address the server is bound to. */
  bindAddress: string;
  port: number;
  /** Participants other than the host, away ones included; `peopleCount()` (common/people.ts) is how many people are in the room. */
  clientCount: number;
  /** Last sequence number handed out (0 before the first message). */
  lastSeq: number;
  /** The room takes no newcomers (the host locked it, or paused it from the tray). */
  locked: boolean;
  /** A problem the host should see (port in use, storage failing); `null` when all is well. */
  error: RoomError | null;
}

export interface RoomError {
  code: 'port-in-use' | 'listen-failed' | 'storage' | 'settings';
  message: string;
}

/** Someone in the waiting room, until the host lets them in or turns them away. */
export interface WaitingGuest {
  id: string;
  name: string;
  kind: Exclude<ClientKind, 'host'>;
  address: string;
  /** Epoch ms they started waiting. */
  since: number;
}

/** A ban or a mute, kept (with a data directory, across restarts) until it ends or the host lifts it. */
export interface Restriction {
  id: string;
  /** The person's name when it was imposed. */
  name: string;
  address: string;
  /** Epoch ms. */
  since: number;
  /** Epoch ms it ends; null: until the host lifts it. */
  until: number | null;
}

/** The host's controls and what they hold. */
export interface ModerationState {
  locked: boolean;
  waitingRoom: boolean;
  /** 0: off. */
  slowModeSeconds: number;
  waiting: WaitingGuest[];
  bans: Restriction[];
  mutes: Restriction[];
}

/** Formats the stored history can be exported in (`lan-chat export`, the host window's export). */
export type HistoryFormat = 'txt' | 'json' | 'md';
export const HISTORY_FORMATS: readonly HistoryFormat[] = ['txt', 'json', 'md'];

/** Everything the host window needs to draw itself from scratch. */
export interface Snapshot {
  status: RoomStatus;
  urls: JoinUrl[];
  clients: ClientInfo[];
  /** Recent history, oldest first. */
  history: ChatMessage[];
  /** The room events among `history` (joins, leaves, renames, moderation), oldest first. */
  events: RoomEvent[];
  moderation: ModerationState;
  settings: RoomSettings;
  /** Maximum message size in UTF-8 bytes, for the send box's counter. */
  maxMessageBytes: number;
  /**
   * How many people have joined through each address since the room started, by the address their
   * browser asked for (a `JoinUrl.address`, or `localhost`), so the join card can mark the ones that work.
   */
  arrivals: Record<string, number>;
  /** The host's operating system as Node names it (`win32`, `darwin`, `linux`, …), for troubleshooting steps. */
  platform: string;
}

/** What changed since the snapshot, in order. */
export type HostEvent =
  | { type: 'chat'; message: ChatMessage }
  | { type: 'presence'; event: PresenceEvent }
  | { type: 'clients'; clients: ClientInfo[] }
  | { type: 'status'; status: RoomStatus }
  | { type: 'urls'; urls: JoinUrl[] }
  | { type: 'settings'; settings: RoomSettings }
  | { type: 'history-cleared' }
  | { type: 'arrivals'; arrivals: Record<string, number> }
  | { type: 'moderation'; event: ModerationEvent }
  | { type: 'moderation-state'; moderation: ModerationState }
  | { type: 'message-removed'; seq: number };
