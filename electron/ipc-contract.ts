// Everything that crosses the Electron bridge, in one file of types: main, preload and renderer import
// it, so a drift between them is a compile error. No runtime code: the sandboxed preload cannot
// require local modules, so it writes the channel literals itself and this file checks them.
import type { ChatMessage } from '../common/model.js';
import type { HistoryFormat, HostEvent, RoomSettings, Snapshot } from '../common/host-view.js';
import type { WifiNetwork } from '../common/wifi.js';

// What the window draws and hears is the room's host view; the bridge carries it unchanged.
export type { HostEvent, Snapshot } from '../common/host-view.js';

export type ExportResult = { saved: true; path: string } | { saved: false; reason: 'cancelled' | 'error'; message?: string };

export type SettingsUpdate = Partial<RoomSettings>;

/** The join card's Wi-Fi step; `persisted` is false where the OS offers no encryption to keep it with. */
export interface WifiState {
  network: WifiNetwork | null;
  persisted: boolean;
}

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
  /** The Wi-Fi network offered to visitors (its password included: only the host window asks). */
  getWifi(): Promise<WifiState>;
  /** Sets the Wi-Fi network (kept encrypted), or removes it with null. */
  setWifi(network: WifiNetwork | null): Promise<WifiState>;
}

/** Invoke channels (renderer -> main, answered). */
export interface InvokeChannels {
  'lan-chat:get-snapshot': { args: []; result: Snapshot };
  'lan-chat:send': { args: [text: string]; result: ChatMessage };
  'lan-chat:kick': { args: [clientId: string]; result: boolean };
  'lan-chat:update-settings': { args: [update: SettingsUpdate]; result: RoomSettings };
  'lan-chat:export-history': { args: [format: HistoryFormat]; result: ExportResult };
  'lan-chat:clear-history': { args: []; result: void };
  'lan-chat:get-wifi': { args: []; result: WifiState };
  'lan-chat:set-wifi': { args: [network: WifiNetwork | null]; result: WifiState };
}
export type InvokeChannel = keyof InvokeChannels;

/** Event channel (main -> renderer): a batch of `HostEvent`s. */
export type EventChannel = 'lan-chat:events';

declare global {
  interface Window {
    lanChat: LanChatApi;
  }
}
