// The methods of `window.lanChat`, as the contract (electron/ipc-contract.ts) names them: the type check
// below fails when one is added to or taken from `LanChatApi` without this list following.
import type { LanChatApi } from '../../electron/ipc-contract.js';

const METHODS = {
  admit: true,
  admitAll: true,
  ban: true,
  clearHistory: true,
  exportHistory: true,
  getSnapshot: true,
  getWifi: true,
  kick: true,
  mute: true,
  onEvent: true,
  removeMessage: true,
  saveFile: true,
  send: true,
  setLocked: true,
  setPin: true,
  setSlowMode: true,
  setWaitingRoom: true,
  setWifi: true,
  shareFiles: true,
  showFile: true,
  turnAway: true,
  unban: true,
  unmute: true,
  updateSettings: true,
} satisfies Record<keyof LanChatApi, true>;

/** Every bridge method's name, sorted. */
export const BRIDGE_METHODS: readonly string[] = Object.keys(METHODS).sort();
