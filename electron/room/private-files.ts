// The data directory holds the chat history and settings.json (with the room's PIN): readable by the
// user who runs the host and nobody else. Folders are 0700 and files 0600 when created, and an existing
// data directory is tightened when it is opened (one made by an older version was 0755 and 0644).
// Windows has no such modes (its folders are private to the user through their ACLs); chmod there only
// toggles read-only, which these calls leave off.
import { chmodSync, mkdirSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) private to the user, or makes an existing one private. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file private to the user; a missing one is left missing. */
export function makeFilePrivate(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
