// Shared files in the host window: saving one where the host chooses (a save dialog, then a copy:
// nothing is ever opened or run), and showing one in the file manager.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, shell, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { ExportResult } from '../ipc-contract.js';
import { saveWithDialog } from './save-dialog.js';
import type { SharedFile } from './shared-pictures.js';

/** Copies a shared file to where the host picks in a save dialog. */
export async function saveSharedFile(window: BrowserWindow | undefined, shared: SharedFile | undefined): Promise<ExportResult> {
  if (shared === undefined) return { saved: false, reason: 'error', message: 'the file is no longer in the room' };
  const options: SaveDialogOptions = { title: shared.file.ref.name, defaultPath: join(app.getPath('downloads'), shared.file.ref.name) };
  return saveWithDialog(window, options, (path) => copyFile(shared.path, path));
}

/** Opens the folder that holds a shared file, with the file selected. */
export function showSharedFile(shared: SharedFile | undefined): boolean {
  if (shared === undefined) return false;
  shell.showItemInFolder(shared.path);
  return true;
}
