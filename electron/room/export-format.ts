// Stored chat history as a file people read (txt, md) or programs read back (json, lossless).
// Used by `lan-chat export` and by the host window's export. Room events (joins, leaves, renames,
// moderation) are system lines among the messages, starting with `*`; a message the host removed
// shows as removed, without its text or files.
import { fileUrl, formatFileSize } from '../../common/files.js';
import type { HistoryFormat } from '../../common/host-view.js';
import { interleave, isRoomEvent } from '../../common/history.js';
import type { ChatMessage, FileRef, HistoryRecord, RoomEvent } from '../../common/model.js';
import { withoutHostMarker } from '../../common/sanitize.js';
import { roomEventText } from './event-text.js';

export interface FormatOptions {
  /** Shown in the txt/md heading and stored in json. Default 'LAN Chat'. */
  roomName?: string;
  /** IANA time zone for the txt/md times. Default: this machine's local time zone. */
  timeZone?: string;
  /** When the export was made, epoch ms. Default: now. */
  exportedAt?: number;
  /**
   * `http://host:port` the room's files are reached at (a join address), so shared files become links
   * that work from another device. Default: links relative to the room (`/files/...`).
   */
  filesOrigin?: string;
}

/** A shared file in a json export: its reference and where to download it. */
export interface ExportedFile extends FileRef {
  url: string;
}

/**
 * What `formatHistory(…, 'json')` writes; `messages` parse back equal to what was exported, without
 * `clientMsgId`, files with their `url`.
 */
export interface HistoryExport {
  format: 'lan-chat-history';
  version: 1;
  roomName: string;
  exportedAt: string;
  messages: (Omit<ChatMessage, 'files'> & { files?: ExportedFile[] })[];
  /** The room events among the messages, oldest first, placed by `afterSeq`. */
  events: RoomEvent[];
}

/** A removed message's place in the txt and md files. */
const REMOVED = '(removed by the host)';

/**
 * `records`: messages in `seq` order and room events in the order they happened, in any mix (the log
 * stores a tick's events after its messages); they are placed by `afterSeq`.
 */
export function formatHistory(records: readonly HistoryRecord[], format: HistoryFormat, options: FormatOptions = {}): string {
  const roomName = options.roomName ?? 'LAN Chat';
  const exportedAt = options.exportedAt ?? Date.now();
  const origin = (options.filesOrigin ?? '').replace(/\/+$/, '');
  const history: History = { messages: [], events: [], roomName, exportedAt, url: (file) => origin + fileUrl(file) };
  for (const record of records) {
    if (isRoomEvent(record)) history.events.push(record);
    else history.messages.push(record);
  }
  switch (format) {
    case 'json':
      return formatJson(history);
    case 'txt':
      return formatText(history, clock(options.timeZone));
    case 'md':
      return formatMarkdown(history, clock(options.timeZone));
  }
}

/** What an export holds. */
interface History {
  messages: ChatMessage[];
  events: RoomEvent[];
  roomName: string;
  exportedAt: number;
  /** Where a shared file is downloaded. */
  url: (file: FileRef) => string;
}

/**
 * One message or event per line: valid JSON that stays readable and greppable for long histories.
 * Without the `clientMsgId` a sender's page gave its message: an id for matching its own copy, nothing a
 * reader needs.
 */
function formatJson({ messages, events, roomName, exportedAt, url }: History): string {
  const head: Omit<HistoryExport, 'messages' | 'events'> = {
    format: 'lan-chat-history',
    version: 1,
    roomName,
    exportedAt: new Date(exportedAt).toISOString(),
  };
  const fields = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
  const forReaders = messages.map(({ clientMsgId: _, ...message }) =>
    message.files === undefined ? message : { ...message, files: message.files.map((file) => ({ ...file, url: url(file) })) },
  );
  return `{\n${fields.join('')}${jsonList('messages', forReaders)},\n${jsonList('events', events)}\n}\n`;
}

function jsonList(key: string, items: readonly unknown[]): string {
  if (items.length === 0) return `  "${key}": []`;
  return `  "${key}": [\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
}

function formatText({ messages, events, roomName, exportedAt, url }: History, time: Clock): string {
  const out = [`${roomName} — chat history exported ${time(exportedAt).dateTime}, ${countMessages(messages.length)}`, ''];
  forEachWithGaps(
    messages,
    events,
    (gap) => out.push(`--- ${gapText(gap)} ---`),
    (event) => out.push(`[${time(event.ts).dateTime}] * ${visible(roomEventText(event))}`),
    (message) => {
      const [first, ...rest] = message.removed ? [REMOVED] : visible(message.text).split('\n');
      out.push(`[${time(message.ts).dateTime}] ${author(message)}:${first === '' ? '' : ` ${first}`}`);
      // Continuation lines are indented so every line that starts with "[" is a message or an event.
      for (const line of rest) out.push(`    ${line}`);
      for (const file of message.files ?? []) out.push(`    ${visible(file.name)} (${formatFileSize(file.size)}) ${url(file)}`);
    },
  );
  return `${out.join('\n')}\n`;
}

function formatMarkdown({ messages, events, roomName, exportedAt, url }: History, time: Clock): string {
  const out = [
    `# ${escapeMarkdown(roomName)}`,
    '',
    `_Chat history exported ${escapeMarkdown(time(exportedAt).dateTime)}, ${countMessages(messages.length)}_`,
  ];
  let day = '';
  const dayOf = (ts: number) => {
    const when = time(ts);
    if (when.date !== day) {
      day = when.date;
      out.push('', `## ${when.date}`, '');
    }
    return when;
  };
  forEachWithGaps(
    messages,
    events,
    (gap) => out.push('', `_${escapeMarkdown(gapText(gap))}_`),
    (event) => out.push(`- ${dayOf(event.ts).time} _${escapeMarkdown(visible(roomEventText(event)))}_`),
    (message) => {
      const when = dayOf(message.ts);
      const lines = message.removed
        ? [`_${escapeMarkdown(REMOVED)}_`]
        : message.text === '' && message.files !== undefined
          ? []
          : visible(message.text).split('\n').map(escapeMarkdownLine);
      // A link per file; the destination in <> may hold parentheses, and the URL has no spaces or <>.
      for (const file of message.files ?? [])
        lines.push(`[${escapeMarkdown(visible(file.name))}](<${url(file)}>) (${formatFileSize(file.size)})`);
      // Two trailing spaces make a line break; the indent keeps later lines inside the list item.
      const body = lines.join('  \n  ');
      out.push(
        `- ${when.time} **${escapeMarkdown(visible(authorName(message)))}**${message.from.kind === 'host' ? ' _(host)_' : ''}: ${body}`,
      );
    },
  );
  return `${out.join('\n')}\n`;
}

function author(message: ChatMessage): string {
  const name = visible(authorName(message));
  return message.from.kind === 'host' ? `${name} (host)` : name;
}

/** The author's name; a guest's without any host marker (the room refuses those, but a log may predate that). */
function authorName(message: ChatMessage): string {
  return message.from.kind === 'host' ? message.from.name : withoutHostMarker(message.from.name);
}

// Raw (lws-minimal) clients' text is stored byte-exact and may hold control characters; in a file
// meant for people (and maybe `cat` to a terminal) they are shown as symbols, never as escape codes.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** C0 controls and DEL as their Unicode control pictures (ESC -> ␛), C1 controls as U+FFFD. */
function visible(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

function countMessages(count: number): string {
  return `${count} message${count === 1 ? '' : 's'}`;
}

/**
 * Messages and events in the order they happened; `onGap` with the number of messages missing where
 * seqs jump (cleared, not saved, rotated away).
 */
function forEachWithGaps(
  messages: readonly ChatMessage[],
  events: readonly RoomEvent[],
  onGap: (missing: number) => void,
  onEvent: (event: RoomEvent) => void,
  onMessage: (message: ChatMessage) => void,
): void {
  let previous: number | undefined;
  for (const record of interleave(messages, events)) {
    if (isRoomEvent(record)) {
      onEvent(record);
      continue;
    }
    if (previous !== undefined && record.seq > previous + 1) onGap(record.seq - previous - 1);
    previous = record.seq;
    onMessage(record);
  }
}

function gapText(missing: number): string {
  return `${missing} message${missing === 1 ? ' is' : 's are'} not in the saved history`;
}

// Markdown escaping, only where a character would change what the text means (so dates, times and
// addresses read as they are): inside a line, what can open emphasis, strikethrough, code, links, raw
// HTML, tables and hard breaks, and an entity reference; at the start of a line, what can open a block
// (heading, quote, list, setext underline). A link typed in the chat stays a link, as it was.
/** Anywhere in a line: backslash, emphasis, code, strikethrough, links and HTML, table cells. */
const INLINE_SIGNIFICANT = /[\\`*~[\]<|]/g;
/** `_` opens emphasis only at a word's edge: "snake_case" stays as it is. */
const EDGE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** `&amp;`, `&#169;`: an entity reference would show as the character it names. */
const ENTITY = /&(?=#?[\p{L}\p{N}]+;)/gu;
/** At a line's start: a heading, a quote, a list item, a setext underline. */
const BLOCK_START = /^(?:[#>+=-]|\d+[.)])/;

function escapeMarkdown(text: string): string {
  return text.replace(INLINE_SIGNIFICANT, '\\$&').replace(EDGE_UNDERSCORE, '\\_').replace(ENTITY, '\\&');
}

/**
 * As `escapeMarkdown`, and what would open a block at the line's start is escaped too; leading blanks
 * become no-break spaces so indentation can't start a code block, and an empty line becomes one, so it
 * can't end the list item either.
 */
function escapeMarkdownLine(line: string): string {
  if (line === '') return '\u00a0';
  const indent = /^[ \t]*/.exec(line)![0];
  const text = escapeMarkdown(line.slice(indent.length)).replace(BLOCK_START, (start) => `${start.slice(0, -1)}\\${start.slice(-1)}`);
  return '\u00a0'.repeat(indent.length) + text;
}

type Clock = (ts: number) => { date: string; time: string; dateTime: string };

/** `YYYY-MM-DD` and `HH:MM:SS` in the given (or local) time zone, whatever the machine's locale. */
function clock(timeZone: string | undefined): Clock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (ts) => {
    const part: Record<string, string> = {};
    for (const { type, value } of format.formatToParts(ts)) part[type] = value;
    const date = `${part.year}-${part.month}-${part.day}`;
    const time = `${part.hour}:${part.minute}:${part.second}`;
    return { date, time, dateTime: `${date} ${time}` };
  };
}
