// Small facts the desktop app remembers between runs that are not settings (the host never edits them),
// in `<userData>/app-state.json`. Losing the file only means a one-time notice shows once more, so a
// file that cannot be read gives the defaults instead of an error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AppState {
  /** The notice that closing the window leaves the room running has been shown. */
  closeNoticeShown: boolean;
}

export function appStatePath(dir: string): string {
  return join(dir, 'app-state.json');
}

export function loadAppState(dir: string): AppState {
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(appStatePath(dir), 'utf8'));
  } catch {
    stored = null;
  }
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return { closeNoticeShown: fields.closeNoticeShown === true };
}

/** Throws when the folder cannot be written. */
export function saveAppState(dir: string, state: AppState): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(appStatePath(dir), `${JSON.stringify(state, null, 2)}\n`);
}
