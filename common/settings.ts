// The host's settings: defaults and the validation of each field, shared by the room (which stores
// them), the IPC bridge (which takes updates from the window) and the window's form (which checks as
// the host types). Pure: no file access here (electron/room/settings-store.ts reads and writes them).
import { DEFAULT_LIMITS } from './limits.js';
import type { RoomSettings } from './host-view.js';
import { sanitizeName } from './sanitize.js';

const GIB = 1024 ** 3;

export const DEFAULT_SETTINGS: Readonly<RoomSettings> = Object.freeze({
  port: 7681,
  roomName: 'LAN Chat',
  hostName: 'Host',
  pin: null,
  saveHistory: true,
  language: 'system',
  theme: 'system',
  keepRunningInTray: true,
  openAtLogin: false,
  maxFileBytes: 2 * GIB,
  fileStorageBytes: 10 * GIB,
  maxUploadsAtOnce: 3,
  uploadBytesPerHour: 4 * GIB,
  minFreeDiskBytes: GIB,
});

/**
 * What the pages show for the default host name, in each of their languages (they translate it). While
 * the host keeps the default, no guest may take any of these: nobody looks like the host in any language.
 */
export const DEFAULT_HOST_NAMES: readonly string[] = ['Host', '房主'];

/** Longest room name, in characters (code points). */
export const MAX_ROOM_NAME_LENGTH = 64;
/** Letters and digits only, so it travels in a join URL and is easy to read out loud. */
const PIN_PATTERN = /^[A-Za-z0-9]{4,32}$/;
const LANGUAGES: readonly RoomSettings['language'][] = ['system', 'en', 'zh-CN'];
const THEMES: readonly RoomSettings['theme'][] = ['system', 'light', 'dark'];

/**
 * What is wrong with a setting, for a program: a window shows its own sentence for each code, in the
 * person's language; the message (English) is for logs and the command line.
 */
export type SettingsProblem =
  | 'not-object' // the update is not an object
  | 'unknown' // no setting has this name
  | 'port' // not a whole number from 1 to 65535
  | 'text' // a name that is not a string
  | 'empty' // a name with nothing left once cleaned up
  | 'pin' // not 4 to 32 letters or digits
  | 'boolean' // not true or false
  | 'choice' // not one of the allowed values
  | 'number'; // a file limit that is not a whole number in its range

/** A setting the room refuses: `field` is the setting (null when the whole update is wrong). */
export class SettingsError extends TypeError {
  constructor(
    readonly code: SettingsProblem,
    readonly field: keyof RoomSettings | null,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

type Validators = { [K in keyof RoomSettings]: (value: unknown) => RoomSettings[K] };

/** Each returns the value to store (names cleaned up) or throws a `SettingsError` saying what is wrong. */
const VALIDATORS: Validators = {
  port(value) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
      throw new SettingsError('port', 'port', 'port must be a whole number from 1 to 65535');
    }
    return value;
  },
  roomName: (value) => validName('roomName', value, MAX_ROOM_NAME_LENGTH),
  hostName: (value) => validName('hostName', value, DEFAULT_LIMITS.maxNameLength),
  pin(value) {
    if (value === null || value === '') return null;
    if (typeof value !== 'string' || !PIN_PATTERN.test(value)) {
      throw new SettingsError('pin', 'pin', 'a PIN is 4 to 32 letters or digits');
    }
    return value;
  },
  saveHistory: (value) => trueOrFalse('saveHistory', value),
  language: (value) => oneOf('language', value, LANGUAGES),
  theme: (value) => oneOf('theme', value, THEMES),
  keepRunningInTray: (value) => trueOrFalse('keepRunningInTray', value),
  openAtLogin: (value) => trueOrFalse('openAtLogin', value),
  maxFileBytes: (value) => wholeNumber('maxFileBytes', value, 1),
  fileStorageBytes: (value) => wholeNumber('fileStorageBytes', value, 1),
  maxUploadsAtOnce: (value) => wholeNumber('maxUploadsAtOnce', value, 1, 100),
  uploadBytesPerHour: (value) => wholeNumber('uploadBytesPerHour', value, 1),
  minFreeDiskBytes: (value) => wholeNumber('minFreeDiskBytes', value, 0),
};

/**
 * Checks a partial settings object from an untrusted source (the renderer, a file). Returns a clean
 * copy; throws a `SettingsError` naming the first bad or unknown field.
 */
export function validateSettingsUpdate(input: unknown): Partial<RoomSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SettingsError('not-object', null, 'settings must be an object');
  }
  const update: Partial<Record<keyof RoomSettings, unknown>> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(VALIDATORS, key)) throw new SettingsError('unknown', null, `unknown setting "${key}"`);
    const name = key as keyof RoomSettings;
    update[name] = VALIDATORS[name](value);
  }
  return update as Partial<RoomSettings>;
}

/** Whether `key` names a setting. */
export function isSettingKey(key: string): key is keyof RoomSettings {
  return Object.hasOwn(VALIDATORS, key);
}

/** The value to store for one setting, or a `SettingsError` saying what is wrong with it. */
export function validateSetting<K extends keyof RoomSettings>(key: K, value: unknown): RoomSettings[K] {
  return VALIDATORS[key](value) as RoomSettings[K];
}

function validName(field: 'roomName' | 'hostName', value: unknown, maxLength: number): string {
  if (typeof value !== 'string') throw new SettingsError('text', field, `${field} must be a string`);
  const name = sanitizeName(value, maxLength);
  if (name === '') throw new SettingsError('empty', field, `${field} must not be empty`);
  return name;
}

function trueOrFalse(field: 'saveHistory' | 'keepRunningInTray' | 'openAtLogin', value: unknown): boolean {
  if (typeof value !== 'boolean') throw new SettingsError('boolean', field, `${field} must be true or false`);
  return value;
}

type FileLimit = 'maxFileBytes' | 'fileStorageBytes' | 'maxUploadsAtOnce' | 'uploadBytesPerHour' | 'minFreeDiskBytes';

function wholeNumber(field: FileLimit, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new SettingsError('number', field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(field: 'language' | 'theme', value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new SettingsError('choice', field, `${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return value as T;
}
