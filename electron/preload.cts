// The sandboxed bridge: `window.lanChat` and nothing else. A sandboxed preload can require only
// 'electron', so the channel names are written out here; the contract's types check every one of them.
import electron = require('electron');
import type { EventChannel, HostEvent, InvokeChannel, InvokeChannels, LanChatApi, ShareItem, ShareSource } from './ipc-contract.js';

const { contextBridge, ipcRenderer, webUtils } = electron;

const EVENT_CHANNEL = 'lan-chat:events' satisfies EventChannel;
/**
 * A hidden window gets no animation frames; past this delay a batch goes out anyway, so events never
 * pile up here while the window is minimised.
 */
const HIDDEN_FLUSH_MS = 1000;

type Listener = (events: HostEvent[]) => void;

const listeners = new Set<Listener>();
/** IPC batches received since the last delivery, in order. */
let pending: HostEvent[][] = [];
let frame: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeChannels[C]['args']): Promise<InvokeChannels[C]['result']> {
  return ipcRenderer.invoke(channel, ...args);
}

function deliver(): void {
  if (frame !== undefined) cancelAnimationFrame(frame);
  clearTimeout(timer);
  frame = timer = undefined;
  const events = pending.flat();
  pending = [];
  for (const listener of listeners) {
    try {
      listener(events);
    } catch (error) {
      console.error('lanChat.onEvent listener failed:', error);
    }
  }
}

ipcRenderer.on(EVENT_CHANNEL, (_event, batch: HostEvent[]) => {
  // Nobody listening: the next getSnapshot() covers these events.
  if (listeners.size === 0) return;
  pending.push(batch);
  if (frame !== undefined) return;
  frame = requestAnimationFrame(deliver);
  timer = setTimeout(deliver, HIDDEN_FLUSH_MS);
});

/**
 * A file the window shares, as main takes it: its path on this computer when it has one (picked or
 * dropped), else its bytes (a pasted screenshot). The page never sees the path.
 */
async function shareSource({ file, preview }: ShareItem): Promise<ShareSource> {
  const path = webUtils.getPathForFile(file);
  const withPreview = preview === undefined ? {} : { preview };
  if (path !== '') return { path, ...withPreview };
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, type: file.type, ...withPreview };
}

const api: LanChatApi = {
  getSnapshot: () => invoke('lan-chat:get-snapshot'),
  onEvent(callback) {
    // One wrapper per subscription, so subscribing the same function twice gives two independent ones.
    const listener: Listener = (events) => callback(events);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  send: (text) => invoke('lan-chat:send', text),
  kick: (clientId) => invoke('lan-chat:kick', clientId),
  updateSettings: (update) => invoke('lan-chat:update-settings', update),
  exportHistory: (format) => invoke('lan-chat:export-history', format),
  clearHistory: () => invoke('lan-chat:clear-history'),
  getWifi: () => invoke('lan-chat:get-wifi'),
  setWifi: (network) => invoke('lan-chat:set-wifi', network),
  shareFiles: async (items, caption) => invoke('lan-chat:share-files', await Promise.all(items.map(shareSource)), caption),
  saveFile: (fileId) => invoke('lan-chat:save-file', fileId),
  showFile: (fileId) => invoke('lan-chat:show-file', fileId),
  ban: (clientId, minutes) => invoke('lan-chat:ban', clientId, minutes),
  unban: (banId) => invoke('lan-chat:unban', banId),
  mute: (clientId, minutes) => invoke('lan-chat:mute', clientId, minutes),
  unmute: (muteId) => invoke('lan-chat:unmute', muteId),
  setLocked: (locked) => invoke('lan-chat:set-locked', locked),
  setWaitingRoom: (on) => invoke('lan-chat:set-waiting-room', on),
  admit: (waitingId) => invoke('lan-chat:admit', waitingId),
  admitAll: () => invoke('lan-chat:admit-all'),
  turnAway: (waitingId) => invoke('lan-chat:turn-away', waitingId),
  setSlowMode: (seconds) => invoke('lan-chat:set-slow-mode', seconds),
  setPin: (pin, removeConnected) => invoke('lan-chat:set-pin', pin, removeConnected),
  removeMessage: (seq) => invoke('lan-chat:remove-message', seq),
};

contextBridge.exposeInMainWorld('lanChat', api);
