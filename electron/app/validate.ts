// Argument parsers for the IPC channels. The renderer is not trusted to send well-formed arguments: each
// parser returns the channel's typed arguments or throws a `TypeError` that says what was wrong.
import { isAbsolute } from 'node:path';
import { messageOf } from '../../common/errors.js';
import { FILE_ID_PATTERN, MAX_FILES_PER_MESSAGE, MAX_PASTED_BYTES } from '../../common/files.js';
import { HISTORY_FORMATS, type HistoryFormat } from '../../common/host-view.js';
import { validateSetting, validateSettingsUpdate } from '../../common/settings.js';
import { parseWifiNetwork } from '../../common/wifi.js';
import type { InvokeChannel, InvokeChannels, SettingsUpdate, SharePreview, ShareSource } from '../ipc-contract.js';
import { MAX_SLOW_MODE_SECONDS } from '../room/moderation-store.js';
import { MAX_RESTRICTION_MINUTES } from '../room/moderation.js';
import type { ArgsParser } from './ipc.js';

/** Ids (of people, bans, mutes, people waiting) are short room-generated tokens; anything longer is not one. */
const MAX_CLIENT_ID_LENGTH = 128;
/** C0 controls other than tab, line feed and carriage return, and DEL: never part of typed text. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function expectCount(channel: InvokeChannel, args: unknown[], count: number): void {
  if (args.length !== count) {
    throw new TypeError(`${channel}: expected ${count} argument(s), got ${args.length}`);
  }
}

export function parseNoArgs(channel: InvokeChannel): (args: unknown[]) => [] {
  return (args) => {
    expectCount(channel, args, 0);
    return [];
  };
}

/** A chat message: a non-empty string of at most `maxBytes` UTF-8 bytes without control characters. */
export function parseSendArgs(maxBytes: number): ArgsParser<'lan-chat:send'> {
  return (args) => {
    expectCount('lan-chat:send', args, 1);
    const [text] = args;
    if (typeof text !== 'string') throw new TypeError('lan-chat:send: the message must be a string');
    if (text.trim() === '') throw new TypeError('lan-chat:send: the message is empty');
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > maxBytes) {
      throw new TypeError(`lan-chat:send: the message is ${bytes} bytes, over the limit of ${maxBytes}`);
    }
    if (CONTROL_CHARACTERS.test(text)) throw new TypeError('lan-chat:send: the message contains control characters');
    return [text];
  };
}

/** Channels whose arguments are one id (of a person, a ban, a mute, someone waiting). */
type IdChannel = { [C in InvokeChannel]: InvokeChannels[C]['args'] extends [string] ? C : never }[InvokeChannel];

/** One id: a short room-generated token. */
export function parseIdArgs<C extends IdChannel>(channel: C): ArgsParser<C> {
  return (args) => {
    expectCount(channel, args, 1);
    return [id(channel, args[0])] as InvokeChannels[C]['args'];
  };
}

export const parseKickArgs = parseIdArgs('lan-chat:kick');

/** A person's id and how long: whole minutes from 1 to a year, or null for "until lifted". */
export function parseRestrictArgs<C extends 'lan-chat:ban' | 'lan-chat:mute'>(channel: C): ArgsParser<C> {
  return (args) => {
    expectCount(channel, args, 2);
    const minutes = args[1];
    if (minutes !== null && (!Number.isSafeInteger(minutes) || (minutes as number) < 1 || (minutes as number) > MAX_RESTRICTION_MINUTES)) {
      throw new TypeError(`${channel}: minutes must be a whole number from 1 to ${MAX_RESTRICTION_MINUTES}, or null`);
    }
    return [id(channel, args[0]), minutes as number | null];
  };
}

/** One boolean (a switch). */
export function parseSwitchArgs<C extends 'lan-chat:set-locked' | 'lan-chat:set-waiting-room'>(channel: C): ArgsParser<C> {
  return (args) => {
    expectCount(channel, args, 1);
    if (typeof args[0] !== 'boolean') throw new TypeError(`${channel}: expected true or false`);
    return [args[0]];
  };
}

export const parseSlowModeArgs: ArgsParser<'lan-chat:set-slow-mode'> = (args) => {
  expectCount('lan-chat:set-slow-mode', args, 1);
  const [seconds] = args;
  if (!Number.isSafeInteger(seconds) || (seconds as number) < 0 || (seconds as number) > MAX_SLOW_MODE_SECONDS) {
    throw new TypeError(`lan-chat:set-slow-mode: seconds must be a whole number from 0 (off) to ${MAX_SLOW_MODE_SECONDS}`);
  }
  return [seconds as number];
};

export const parseSetPinArgs: ArgsParser<'lan-chat:set-pin'> = (args) => {
  expectCount('lan-chat:set-pin', args, 2);
  const [pin, removeConnected] = args;
  if (typeof removeConnected !== 'boolean') throw new TypeError('lan-chat:set-pin: removeConnected must be true or false');
  try {
    return [validateSetting('pin', pin), removeConnected];
  } catch (error) {
    throw new TypeError(`lan-chat:set-pin: ${messageOf(error)}`, { cause: error });
  }
};

export const parseSeqArgs: ArgsParser<'lan-chat:remove-message'> = (args) => {
  expectCount('lan-chat:remove-message', args, 1);
  const [seq] = args;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) throw new TypeError('lan-chat:remove-message: seq must be a whole number from 1');
  return [seq as number];
};

function id(channel: InvokeChannel, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_CLIENT_ID_LENGTH) {
    throw new TypeError(`${channel}: the id must be a non-empty string`);
  }
  return value;
}

export const parseUpdateSettingsArgs: ArgsParser<'lan-chat:update-settings'> = (args) => {
  expectCount('lan-chat:update-settings', args, 1);
  let update: SettingsUpdate;
  try {
    update = validateSettingsUpdate(args[0]);
  } catch (error) {
    throw new TypeError(`lan-chat:update-settings: ${messageOf(error)}`, { cause: error });
  }
  return [update];
};

export const parseExportArgs: ArgsParser<'lan-chat:export-history'> = (args) => {
  expectCount('lan-chat:export-history', args, 1);
  const [format] = args;
  if (!HISTORY_FORMATS.includes(format as HistoryFormat)) {
    throw new TypeError(`lan-chat:export-history: the format must be one of ${HISTORY_FORMATS.join(', ')}`);
  }
  return [format as HistoryFormat];
};

/** A Wi-Fi network valid by the join card's rules (common/wifi.ts), or null to remove it. */
export const parseSetWifiArgs: ArgsParser<'lan-chat:set-wifi'> = (args) => {
  expectCount('lan-chat:set-wifi', args, 1);
  if (args[0] === null) return [null];
  try {
    return [parseWifiNetwork(args[0])];
  } catch (error) {
    throw new TypeError(`lan-chat:set-wifi: ${messageOf(error)}`, { cause: error });
  }
};
/** Longest path main takes (beyond every file system's limit). */
const MAX_PATH_LENGTH = 4096;
/** Longest name or type of a pasted file before the room cleans it. */
const MAX_NAME_LENGTH = 1024;
/** Largest preview the window may send (the room keeps at most its own, smaller, limit). */
const MAX_PREVIEW_BYTES = 1024 * 1024;
const MAX_PIXELS = 1 << 16;

/** A caption like a chat message but possibly empty; then 1 to 20 files, each a path or bytes. */
export function parseShareFilesArgs(maxBytes: number): ArgsParser<'lan-chat:share-files'> {
  const channel = 'lan-chat:share-files';
  return (args) => {
    expectCount(channel, args, 2);
    const [items, caption] = args;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_FILES_PER_MESSAGE) {
      throw new TypeError(`${channel}: share 1 to ${MAX_FILES_PER_MESSAGE} files at once`);
    }
    if (typeof caption !== 'string' || Buffer.byteLength(caption) > maxBytes || CONTROL_CHARACTERS.test(caption)) {
      throw new TypeError(`${channel}: the caption must be text of at most ${maxBytes} bytes`);
    }
    return [items.map((item) => parseShareSource(channel, item)), caption];
  };
}

function parseShareSource(channel: InvokeChannel, item: unknown): ShareSource {
  if (typeof item !== 'object' || item === null) throw new TypeError(`${channel}: each file must be an object`);
  const { path, bytes, name, type, preview } = item as Record<string, unknown>;
  const clean = preview === undefined ? {} : { preview: parsePreview(channel, preview) };
  if (typeof path === 'string') {
    // Only a real, absolute path: the room checks that it is a regular file when it opens it.
    if (path.length > MAX_PATH_LENGTH || path.includes('\0') || !isAbsolute(path))
      throw new TypeError(`${channel}: not an absolute file path`);
    return { path, ...clean };
  }
  if (!(bytes instanceof Uint8Array) || bytes.byteLength > MAX_PASTED_BYTES) {
    throw new TypeError(`${channel}: a file without a path must be bytes, at most ${MAX_PASTED_BYTES}`);
  }
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH || typeof type !== 'string' || type.length > MAX_NAME_LENGTH) {
    throw new TypeError(`${channel}: a pasted file needs a name and a type`);
  }
  return { bytes, name, type, ...clean };
}

function parsePreview(channel: InvokeChannel, preview: unknown): SharePreview {
  const { bytes, width, height } = (preview ?? {}) as Record<string, unknown>;
  const side = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0 && (value as number) <= MAX_PIXELS;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength > MAX_PREVIEW_BYTES || !side(width) || !side(height)) {
    throw new TypeError(`${channel}: a preview is bytes with a width and height in pixels`);
  }
  return { bytes, width: width as number, height: height as number };
}

/** A shared file's id. */
export function parseFileIdArgs<C extends 'lan-chat:save-file' | 'lan-chat:show-file'>(channel: C): ArgsParser<C> {
  return (args) => {
    expectCount(channel, args, 1);
    const [id] = args;
    if (typeof id !== 'string' || !FILE_ID_PATTERN.test(id)) throw new TypeError(`${channel}: not a file id`);
    return [id];
  };
}
