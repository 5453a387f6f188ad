// Everything that crosses the Electron bridge, in one file of types: main, preload and renderer import
// it, so a drift between them is a compile error. No runtime code: the sandboxed preload cannot
// require local modules, so it writes the channel literals itself and this file checks them.
import type { ChatMessage, PresenceEvent } from '../common/model.js';
import type { ClientInfo, HistoryFormat, JoinUrl, RoomSettings, RoomStatus } from '../common/host-view.js';

/** Everything the host window needs to draw itself from scratch. */
export interface Snapshot {
  status: RoomStatus;
  urls: JoinUrl[];
  clients: ClientInfo[];
  /** Recent history, oldest first. */
  history: ChatMessage[];
  settings: RoomSettings;
  /** Maximum message size in UTF-8 bytes, for the send box's counter. */
  maxMessageBytes: number;
}

/** Room events forwarded to the host window. */
export type HostEvent =
  | { type: 'chat'; message: ChatMessage }
  | { type: 'presence'; event: PresenceEvent }
  | { type: 'clients'; clients: ClientInfo[] }
  | { type: 'status'; status: RoomStatus }
  | { type: 'urls'; urls: JoinUrl[] }
  | { type: 'settings'; settings: RoomSettings }
  | { type: 'history-cleared' };

export type ExportResult = { saved: true; path: string } | { saved: false; reason: 'cancelled' | 'error'; message?: string };

export type SettingsUpdate = Partial<RoomSettings>;

/** The whole bridge: `window.lanChat`. */
export interface LanChatApi {
  getSnapshot(): Promise<Snapshot>;
  /** Events arrive batched: at most one call per animation frame, in order. Returns an unsubscribe. */
  onEvent(callback: (events: HostEvent[]) => void): () => void;
  send(text: string): Promise<ChatMessage>;
  kick(clientId: string): Promise<boolean>;
  updateSettings(update: SettingsUpdate): Promise<RoomSettings>;
  exportHistory(format: HistoryFormat): Promise<ExportResult>;
  clearHistory(): Promise<void>;
}

/** Invoke channels (renderer -> main, answered). */
export interface InvokeChannels {
  'lan-chat:get-snapshot': { args: []; result: Snapshot };
  'lan-chat:send': { args: [text: string]; result: ChatMessage };
  'lan-chat:kick': { args: [clientId: string]; result: boolean };
  'lan-chat:update-settings': { args: [update: SettingsUpdate]; result: RoomSettings };
  'lan-chat:export-history': { args: [format: HistoryFormat]; result: ExportResult };
  'lan-chat:clear-history': { args: []; result: void };
}
export type InvokeChannel = keyof InvokeChannels;

/** Event channel (main -> renderer): a batch of `HostEvent`s. */
export type EventChannel = 'lan-chat:events';

declare global {
  interface Window {
    lanChat: LanChatApi;
  }
}
