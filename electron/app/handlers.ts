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
  parseKickArgs,
  parseNoArgs,
  parseSendArgs,
  parseSetWifiArgs,
  parseShareFilesArgs,
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
}
