// "Export history": a save dialog, then the same file `lan-chat export` writes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { HistoryFormat } from '../../common/host-view.js';
import type { HistoryRecord } from '../../common/model.js';
import type { ExportResult } from '../ipc-contract.js';
import { formatHistory } from '../room/export-format.js';
import { saveWithDialog } from './save-dialog.js';

const FILTER_NAMES: Readonly<Record<HistoryFormat, string>> = {
  txt: 'Text',
  json: 'JSON',
  md: 'Markdown',
};

export interface ExportRequest {
  format: HistoryFormat;
  roomName: string;
  /** Read only once the user has chosen a file, so a cancelled dialog costs nothing. */
  messages: () => HistoryRecord[];
  /** `http://host:port` links to shared files start with. */
  filesOrigin?: string;
}

export async function exportHistory(window: BrowserWindow | undefined, request: ExportRequest): Promise<ExportResult> {
  const { format } = request;
  const day = new Date().toISOString().slice(0, 10);
  const options: SaveDialogOptions = {
    title: 'Export chat history',
    defaultPath: join(app.getPath('documents'), `lan-chat-${day}.${format}`),
    filters: [{ name: FILTER_NAMES[format], extensions: [format] }],
  };
  return saveWithDialog(window, options, (path) =>
    writeFile(path, formatHistory(request.messages(), format, { roomName: request.roomName, filesOrigin: request.filesOrigin }), 'utf8'),
  );
}
