// Writing a small file of the data directory so that a reader or a crash sees the old contents or the
// new ones, never half of them: a temporary file, flushed to disk, then renamed over the old one. The
// data directory's files are private to the user (private-files.ts): settings.json holds the PIN,
// moderation.json who is banned.
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE, privateDir } from './private-files.js';

/** Replaces `path` with `text` atomically (creating its folder); throws on a storage error, leaving the old file. */
export function writeFileAtomic(path: string, text: string): void {
  privateDir(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    // Private from the start (the rename keeps the mode).
    const fd = openSync(temporary, 'w', PRIVATE_FILE_MODE);
    try {
      fchmodSync(fd, PRIVATE_FILE_MODE);
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
