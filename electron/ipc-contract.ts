// Everything that crosses the Electron bridge, in one file of types: main, preload and renderer import
// it, so a drift between them is a compile error. No runtime code: the sandboxed preload cannot
// require local modules, so it writes the channel literals itself and this file checks them.
import type { ChatMessage } from '../common/model.js';
import type { HistoryFormat, HostEvent, Restriction, RoomSettings, Snapshot } from '../common/host-view.js';
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

/** A small preview the window made of a picture it shares (as a page does). */
export interface SharePreview {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** A file the window shares: picked, dropped or pasted. */
export interface ShareItem {
  file: File;
  preview?: SharePreview;
}

/**
 * What crosses IPC for a `ShareItem`: the file's path on this computer (the preload asks Electron for
 * it; main checks it is a regular file and streams it into the room), or, for a file that has no path
 * (a pasted screenshot), its bytes, at most `MAX_PASTED_BYTES` (common/files.ts).
 */
export type ShareSource =
  { path: string; preview?: SharePreview } | { bytes: Uint8Array; name: string; type: string; preview?: SharePreview };

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
  /** Shares files as the host, with a caption (may be empty); resolves once they are stored and sent. */
  shareFiles(items: ShareItem[], caption: string): Promise<ChatMessage>;
  /** Saves a shared file where the host chooses (a save dialog). Nothing is opened or run. */
  saveFile(fileId: string): Promise<ExportResult>;
  /** Shows a shared file in the system's file manager (its folder opens, the file selected). */
  showFile(fileId: string): Promise<boolean>;
  // ---- moderation: each answers whether it did something (false/null: no such person, or no change) ----
  /** Out now and kept out for `minutes` (null: until lifted). */
  ban(clientId: string, minutes: number | null): Promise<Restriction | null>;
  unban(banId: string): Promise<boolean>;
  /** Reads but cannot send, for `minutes` (null: until lifted). */
  mute(clientId: string, minutes: number | null): Promise<Restriction | null>;
  unmute(muteId: string): Promise<boolean>;
  setLocked(locked: boolean): Promise<boolean>;
  setWaitingRoom(on: boolean): Promise<boolean>;
  admit(waitingId: string): Promise<boolean>;
  admitAll(): Promise<number>;
  turnAway(waitingId: string): Promise<boolean>;
  /** 0 turns slow mode off. */
  setSlowMode(seconds: number): Promise<boolean>;
  /** Sets, changes (a string) or removes (null) the PIN; `removeConnected` also takes out who is here without it. */
  setPin(pin: string | null, removeConnected: boolean): Promise<RoomSettings>;
  /** Replaces chat message `seq` everywhere by "removed by the host". */
  removeMessage(seq: number): Promise<boolean>;
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
  'lan-chat:share-files': { args: [items: ShareSource[], caption: string]; result: ChatMessage };
  'lan-chat:save-file': { args: [fileId: string]; result: ExportResult };
  'lan-chat:show-file': { args: [fileId: string]; result: boolean };
  'lan-chat:ban': { args: [clientId: string, minutes: number | null]; result: Restriction | null };
  'lan-chat:unban': { args: [banId: string]; result: boolean };
  'lan-chat:mute': { args: [clientId: string, minutes: number | null]; result: Restriction | null };
  'lan-chat:unmute': { args: [muteId: string]; result: boolean };
  'lan-chat:set-locked': { args: [locked: boolean]; result: boolean };
  'lan-chat:set-waiting-room': { args: [on: boolean]; result: boolean };
  'lan-chat:admit': { args: [waitingId: string]; result: boolean };
  'lan-chat:admit-all': { args: []; result: number };
  'lan-chat:turn-away': { args: [waitingId: string]; result: boolean };
  'lan-chat:set-slow-mode': { args: [seconds: number]; result: boolean };
  'lan-chat:set-pin': { args: [pin: string | null, removeConnected: boolean]; result: RoomSettings };
  'lan-chat:remove-message': { args: [seq: number]; result: boolean };
}
export type InvokeChannel = keyof InvokeChannels;

/** Event channel (main -> renderer): a batch of `HostEvent`s. */
export type EventChannel = 'lan-chat:events';

declare global {
  interface Window {
    lanChat: LanChatApi;
  }
}
