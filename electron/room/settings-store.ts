// The host's settings as `<dataDir>/settings.json`: validated field by field on the way in (from the
// file and from the host window), written atomically so a crash mid-save leaves the old file intact.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from './limits.js';
import { sanitizeName } from './names.js';
import type { RoomSettings } from './types.js';

export const DEFAULT_SETTINGS: Readonly<RoomSettings> = Object.freeze({
  port: 7681,
  roomName: 'LAN Chat',
  hostName: 'Host',
  pin: null,
  saveHistory: true,
  language: 'system',
  theme: 'system',
});

const MAX_ROOM_NAME_LENGTH = 64;
/** Letters and digits only, so it travels in a join URL and is easy to read out loud. */
const PIN_PATTERN = /^[A-Za-z0-9]{4,32}$/;
const LANGUAGES: readonly RoomSettings['language'][] = ['system', 'en', 'zh-CN'];
const THEMES: readonly RoomSettings['theme'][] = ['system', 'light', 'dark'];

type Validators = { [K in keyof RoomSettings]: (value: unknown) => RoomSettings[K] };

/** Each returns the value to store (names cleaned up) or throws a `TypeError` saying what is wrong. */
const VALIDATORS: Validators = {
  port(value) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
      throw new TypeError('port must be a whole number from 1 to 65535');
    }
    return value;
  },
  roomName: (value) => validName('roomName', value, MAX_ROOM_NAME_LENGTH),
  hostName: (value) => validName('hostName', value, DEFAULT_LIMITS.maxNameLength),
  pin(value) {
    if (value === null || value === '') return null;
    if (typeof value !== 'string' || !PIN_PATTERN.test(value)) {
      throw new TypeError('pin must be 4 to 32 letters or digits, or null for no PIN');
    }
    return value;
  },
  saveHistory(value) {
    if (typeof value !== 'boolean') throw new TypeError('saveHistory must be true or false');
    return value;
  },
  language: (value) => oneOf('language', value, LANGUAGES),
  theme: (value) => oneOf('theme', value, THEMES),
};

/**
 * Checks a partial settings object from an untrusted source (the renderer, a file). Returns a clean
 * copy; throws a `TypeError` naming the first bad or unknown field.
 */
export function validateSettingsUpdate(input: unknown): Partial<RoomSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('settings must be an object');
  }
  const update: Partial<Record<keyof RoomSettings, unknown>> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(VALIDATORS, key)) throw new TypeError(`unknown setting "${key}"`);
    const name = key as keyof RoomSettings;
    update[name] = VALIDATORS[name](value);
  }
  return update as Partial<RoomSettings>;
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

/**
 * The stored settings; a missing file gives the defaults. A file that cannot be read or parsed gives the
 * defaults, and a bad field its default, each with a warning: a broken file never stops the host.
 */
export function loadSettings(dataDir: string, onWarning: (message: string) => void = () => {}): RoomSettings {
  const path = settingsPath(dataDir);
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      onWarning(`settings: cannot read ${path} (${(error as Error).message}); using the defaults`);
    }
    return { ...DEFAULT_SETTINGS };
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    onWarning(`settings: ${path} does not hold a settings object; using the defaults`);
    return { ...DEFAULT_SETTINGS };
  }
  const settings: RoomSettings = { ...DEFAULT_SETTINGS };
  const fields = settings as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(stored)) {
    if (!Object.hasOwn(VALIDATORS, key)) {
      onWarning(`settings: ignoring unknown setting "${key}" in ${path}`);
      continue;
    }
    try {
      fields[key] = VALIDATORS[key as keyof RoomSettings](value);
    } catch (error) {
      onWarning(`settings: ${(error as Error).message} in ${path}; using the default ${JSON.stringify(fields[key])}`);
    }
  }
  return settings;
}

/**
 * Validates and stores the settings: written to a temporary file, flushed, then renamed over the old one,
 * so a reader or a crash sees either the old or the new file, never half of one. Throws on a bad field
 * or a storage error.
 */
export function saveSettings(dataDir: string, settings: RoomSettings): void {
  const clean = { ...DEFAULT_SETTINGS, ...validateSettingsUpdate(settings) };
  mkdirSync(dataDir, { recursive: true });
  const path = settingsPath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, `${JSON.stringify(clean, null, 2)}\n`);
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

function validName(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string`);
  const name = sanitizeName(value, maxLength);
  if (name === '') throw new TypeError(`${field} must not be empty`);
  return name;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new TypeError(`${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return value as T;
}
