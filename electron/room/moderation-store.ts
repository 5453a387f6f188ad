// What of the host's moderation outlives the room: the lock, the waiting room, slow mode, bans and mutes,
// as `<dataDir>/moderation.json` (written atomically, read back field by field: a broken file or record
// is skipped with a warning, never a reason not to start). Sessions are kept as SHA-256 digests: the
// file never holds a token that could be replayed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Restriction } from '../../common/host-view.js';
import { messageOf } from '../../common/errors.js';
import { writeFileAtomic } from './atomic-file.js';

/** A ban or mute as stored: the restriction and the digests of the sessions it covers. */
export interface StoredRestriction extends Restriction {
  /** SHA-256 (hex) of each session token the person used. */
  sessions: string[];
}

export interface StoredModeration {
  locked: boolean;
  waitingRoom: boolean;
  slowModeSeconds: number;
  bans: StoredRestriction[];
  mutes: StoredRestriction[];
}

/** Where the room keeps its moderation; without a data directory the room keeps it in memory only. */
export interface ModerationStore {
  load(): StoredModeration;
  /** Throws on a storage error (the room reports it and goes on). */
  save(state: StoredModeration): void;
}

/** Longest slow-mode interval, in seconds (an hour). */
export const MAX_SLOW_MODE_SECONDS = 3600;

export function emptyModeration(): StoredModeration {
  return { locked: false, waitingRoom: false, slowModeSeconds: 0, bans: [], mutes: [] };
}

export function moderationPath(dataDir: string): string {
  return join(dataDir, 'moderation.json');
}

/** The store of a data directory. */
export function fileModerationStore(dataDir: string, onWarning: (message: string) => void = () => {}): ModerationStore {
  const path = moderationPath(dataDir);
  return {
    load: () => loadModeration(path, onWarning),
    save: (state) => writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`),
  };
}

function loadModeration(path: string, warn: (message: string) => void): StoredModeration {
  const state = emptyModeration();
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      warn(`moderation: cannot read ${path} (${messageOf(error)}); starting without bans or mutes`);
    return state;
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    warn(`moderation: ${path} does not hold an object; starting without bans or mutes`);
    return state;
  }
  const s = stored as Record<string, unknown>;
  state.locked = s.locked === true;
  state.waitingRoom = s.waitingRoom === true;
  const slow = s.slowModeSeconds;
  if (typeof slow === 'number' && Number.isSafeInteger(slow) && slow >= 0 && slow <= MAX_SLOW_MODE_SECONDS) state.slowModeSeconds = slow;
  state.bans = restrictions(s.bans, 'ban', path, warn);
  state.mutes = restrictions(s.mutes, 'mute', path, warn);
  return state;
}

function restrictions(value: unknown, what: string, path: string, warn: (message: string) => void): StoredRestriction[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warn(`moderation: the ${what}s in ${path} are not a list; ignored`);
    return [];
  }
  const kept = value.filter(isRestriction);
  if (kept.length < value.length) warn(`moderation: skipped ${value.length - kept.length} unreadable ${what}(s) in ${path}`);
  return kept;
}

function isRestriction(value: unknown): value is StoredRestriction {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.address === 'string' &&
    Number.isFinite(r.since) &&
    (r.until === null || Number.isFinite(r.until)) &&
    Array.isArray(r.sessions) &&
    r.sessions.every((digest) => typeof digest === 'string')
  );
}
