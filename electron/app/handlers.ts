// What each bridge method does in the main process: one line per channel, each through the manager's
// sender check and its argument parser.
import type { BrowserWindow } from 'electron';
import { exportHistory } from './export.js';
import { saveSharedFile, showSharedFile } from './files.js';
import type { IpcMainManager } from './ipc.js';
import type { RoomHost } from '../room/room-host.js';
import {
  parseExportArgs,
  parseFileIdArgs,
  parseIdArgs,
  parseKickArgs,
  parseNoArgs,
  parseRestrictArgs,
  parseSendArgs,
  parseSeqArgs,
  parseSetPinArgs,
  parseSetWifiArgs,
  parseShareFilesArgs,
  parseSlowModeArgs,
  parseSwitchArgs,
  parseUpdateSettingsArgs,
} from './validate.js';
import type { WifiStore } from './wifi.js';

export function setupIpc(ipc: IpcMainManager, host: RoomHost, wifi: WifiStore, window: () => BrowserWindow | undefined): void {
  ipc.handle('lan-chat:get-snapshot', parseNoArgs('lan-chat:get-snapshot'), () => {
    const snapshot = host.snapshot();
    ipc.markReady();
    return snapshot;
  });
  ipc.handle('lan-chat:send', parseSendArgs(host.maxMessageBytes), (text) => host.room.send(text));
  ipc.handle('lan-chat:kick', parseKickArgs, (clientId) => host.room.kick(clientId));
  ipc.handle('lan-chat:update-settings', parseUpdateSettingsArgs, (update) => host.updateSettings(update));
  ipc.handle('lan-chat:export-history', parseExportArgs, (format) =>
    exportHistory(window(), {
      format,
      roomName: host.room.settings().roomName,
      messages: () => host.exportableHistory(),
      filesOrigin: host.filesOrigin(),
    }),
  );
  ipc.handle('lan-chat:share-files', parseShareFilesArgs(host.maxMessageBytes), (items, caption) => host.room.shareFiles(items, caption));
  ipc.handle('lan-chat:save-file', parseFileIdArgs('lan-chat:save-file'), (id) => saveSharedFile(window(), host.room.sharedFile(id)));
  ipc.handle('lan-chat:show-file', parseFileIdArgs('lan-chat:show-file'), (id) => showSharedFile(host.room.sharedFile(id)));
  ipc.handle('lan-chat:clear-history', parseNoArgs('lan-chat:clear-history'), () => host.room.clearHistory());
  ipc.handle('lan-chat:get-wifi', parseNoArgs('lan-chat:get-wifi'), () => wifi.get());
  ipc.handle('lan-chat:set-wifi', parseSetWifiArgs, (network) => wifi.set(network));
  ipc.handle('lan-chat:ban', parseRestrictArgs('lan-chat:ban'), (id, minutes) => host.room.ban(id, minutes));
  ipc.handle('lan-chat:unban', parseIdArgs('lan-chat:unban'), (id) => host.room.unban(id));
  ipc.handle('lan-chat:mute', parseRestrictArgs('lan-chat:mute'), (id, minutes) => host.room.mute(id, minutes));
  ipc.handle('lan-chat:unmute', parseIdArgs('lan-chat:unmute'), (id) => host.room.unmute(id));
  ipc.handle('lan-chat:set-locked', parseSwitchArgs('lan-chat:set-locked'), (locked) => host.room.setLocked(locked));
  ipc.handle('lan-chat:set-waiting-room', parseSwitchArgs('lan-chat:set-waiting-room'), (on) => host.room.setWaitingRoom(on));
  ipc.handle('lan-chat:admit', parseIdArgs('lan-chat:admit'), (id) => host.room.admit(id));
  ipc.handle('lan-chat:admit-all', parseNoArgs('lan-chat:admit-all'), () => host.room.admitAll());
  ipc.handle('lan-chat:turn-away', parseIdArgs('lan-chat:turn-away'), (id) => host.room.turnAway(id));
  ipc.handle('lan-chat:set-slow-mode', parseSlowModeArgs, (seconds) => host.room.setSlowMode(seconds));
  ipc.handle('lan-chat:set-pin', parseSetPinArgs, (pin, removeConnected) => host.updateSettings({ pin }, { removeConnected }));
  ipc.handle('lan-chat:remove-message', parseSeqArgs, (seq) => host.room.removeMessage(seq));
}
