// Argument parsers for the IPC channels. The renderer is not trusted to send well-formed arguments: each
// parser returns the channel's typed arguments or throws a `TypeError` that says what was wrong.
import type { HistoryFormat } from '../../common/host-view.js';
import type { InvokeChannel, SettingsUpdate } from '../ipc-contract.js';
import { HISTORY_FORMATS } from '../../common/host-view.js';
import { validateSettingsUpdate } from '../../common/settings.js';
import type { ArgsParser } from './ipc.js';
import { messageOf } from '../../common/errors.js';
import { parseWifiNetwork } from '../../common/wifi.js';

/** Client ids are short room-generated tokens; anything longer is not one. */
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

export const parseKickArgs: ArgsParser<'lan-chat:kick'> = (args) => {
  expectCount('lan-chat:kick', args, 1);
  const [id] = args;
  if (typeof id !== 'string' || id === '' || id.length > MAX_CLIENT_ID_LENGTH) {
    throw new TypeError('lan-chat:kick: the client id must be a non-empty string');
  }
  return [id];
};

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
