// Shared files in the host window: saving one where the host chooses (a save dialog, then a copy:
// nothing is ever opened or run), and showing one in the file manager.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, shell, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { messageOf } from '../../common/errors.js';
import type { ExportResult } from '../ipc-contract.js';
import type { SharedFile } from './shared-pictures.js';

/** Copies a shared file to where the host picks in a save dialog. */
export async function saveSharedFile(window: BrowserWindow | undefined, shared: SharedFile | undefined): Promise<ExportResult> {
  if (shared === undefined) return { saved: false, reason: 'error', message: 'the file is no longer in the room' };
  const options: SaveDialogOptions = { title: shared.file.ref.name, defaultPath: join(app.getPath('downloads'), shared.file.ref.name) };
  const choice = window === undefined ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { saved: false, reason: 'cancelled' };
  try {
    await copyFile(shared.path, choice.filePath);
    return { saved: true, path: choice.filePath };
  } catch (error) {
    return { saved: false, reason: 'error', message: messageOf(error) };
  }
}

/** Opens the folder that holds a shared file, with the file selected. */
export function showSharedFile(shared: SharedFile | undefined): boolean {
  if (shared === undefined) return false;
  shell.showItemInFolder(shared.path);
  return true;
}
