// One record of the on-disk chat log (history-log.ts): a line `<checksum> <json>`, where the checksum
// (8 hex digits of SHA-1) covers the JSON. A line that does not check out is not a record: a torn or
// corrupted write is detected and skipped, never trusted.
import { hash } from 'node:crypto';
import { FILE_ID_PATTERN, MAX_FILES_PER_MESSAGE } from '../../common/files.js';
import type { ChatMessage, ClientKind, FileRef } from '../../common/model.js';

const CHECKSUM_LENGTH = 8;
export const NEWLINE = 0x0a;
const CLIENT_KINDS: readonly ClientKind[] = ['raw', 'rich', 'host'];

/** `<checksum> <json>\n`; JSON.stringify escapes newlines in strings, so a record is exactly one line. */
export function encodeRecord(message: ChatMessage): string {
  const stored: ChatMessage = {
    seq: message.seq,
    ts: message.ts,
    from: { id: message.from.id, name: message.from.name, kind: message.from.kind },
    text: message.text,
  };
  if (message.files !== undefined) stored.files = message.files.map(storedFile);
  if (message.clientMsgId !== undefined) stored.clientMsgId = message.clientMsgId;
  const json = JSON.stringify(stored);
  return `${checksum(json)} ${json}\n`;
}

/** A file reference with exactly its own fields, in a fixed order. */
function storedFile(file: FileRef): FileRef {
  const { id, name, size, type, sha256, image } = file;
  return image === undefined
    ? { id, name, size, type, sha256 }
    : { id, name, size, type, sha256, image: { width: image.width, height: image.height } };
}

function checksum(json: string): string {
  return hash('sha1', json, 'hex').slice(0, CHECKSUM_LENGTH);
}

/** Offset just past the last newline: everything after it is a record still being (or never fully) written. */
export function lastCompleteLineEnd(bytes: Buffer): number {
  return bytes.lastIndexOf(NEWLINE) + 1;
}

/** Parses the complete lines in `bytes[0, end)`; counts lines that are not valid records. */
export function parseRecords(bytes: Buffer, end: number): { records: ChatMessage[]; corrupt: number } {
  const records: ChatMessage[] = [];
  let corrupt = 0;
  let start = 0;
  while (start < end) {
    const newline = bytes.indexOf(NEWLINE, start);
    const line = bytes.toString('utf8', start, newline);
    start = newline + 1;
    if (line === '') continue;
    const record = decodeRecord(line);
    if (record) records.push(record);
    else corrupt++;
  }
  return { records, corrupt };
}

function decodeRecord(line: string): ChatMessage | null {
  if (line.charCodeAt(CHECKSUM_LENGTH) !== 0x20) return null;
  const json = line.slice(CHECKSUM_LENGTH + 1);
  if (checksum(json) !== line.slice(0, CHECKSUM_LENGTH)) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  return isChatMessage(value) ? value : null;
}

function isChatMessage(value: unknown): value is ChatMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  const from = m.from as Record<string, unknown> | null;
  return (
    Number.isSafeInteger(m.seq) &&
    (m.seq as number) > 0 &&
    Number.isFinite(m.ts) &&
    typeof m.text === 'string' &&
    (m.clientMsgId === undefined || typeof m.clientMsgId === 'string') &&
    (m.files === undefined || (Array.isArray(m.files) && m.files.length <= MAX_FILES_PER_MESSAGE && m.files.every(isFileRef))) &&
    typeof from === 'object' &&
    from !== null &&
    typeof from.id === 'string' &&
    typeof from.name === 'string' &&
    CLIENT_KINDS.includes(from.kind as ClientKind)
  );
}

function isFileRef(value: unknown): value is FileRef {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const image = f.image as Record<string, unknown> | undefined;
  return (
    typeof f.id === 'string' &&
    FILE_ID_PATTERN.test(f.id) &&
    typeof f.name === 'string' &&
    Number.isSafeInteger(f.size) &&
    (f.size as number) >= 0 &&
    typeof f.type === 'string' &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256) &&
    (image === undefined ||
      (typeof image === 'object' && image !== null && Number.isSafeInteger(image.width) && Number.isSafeInteger(image.height)))
  );
}
