// Saving something where the host chooses: a save dialog (over the window when there is one), then
// the write. What the window is told: saved there, cancelled, or the error in words.
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { messageOf } from '../../common/errors.js';
import type { ExportResult } from '../ipc-contract.js';

/** Asks where to save, then runs `write` with the chosen path; `write` is not called when the host cancels. */
export async function saveWithDialog(
  window: BrowserWindow | undefined,
  options: SaveDialogOptions,
  write: (path: string) => Promise<void>,
): Promise<ExportResult> {
  const choice = window === undefined ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { saved: false, reason: 'cancelled' };
  try {
    await write(choice.filePath);
    return { saved: true, path: choice.filePath };
  } catch (error) {
    return { saved: false, reason: 'error', message: messageOf(error) };
  }
}
