// The room's id (`RoomInfo.id` in common/protocol.ts): kept in `<dataDir>/room-id` so a room keeps it
// across restarts, or drawn for a run of a room that stores nothing.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from './private-files.js';

const ID_PATTERN = /^[\w-]{16,64}$/;

/** A new random id: 128 bits, base64url. */
export function newRoomId(): string {
  return randomBytes(16).toString('base64url');
}

/** The data directory's room id, made and stored on first use (a missing or damaged file gets a new one). */
export function roomIdOf(dataDir: string): string {
  const path = join(dataDir, 'room-id');
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (ID_PATTERN.test(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = newRoomId();
  writeFileSync(path, `${id}\n`, { mode: PRIVATE_FILE_MODE });
  return id;
}
