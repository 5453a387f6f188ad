// The headless host: `lan-chat serve` runs the room in plain Node (no Electron), `lan-chat export`
// writes a data directory's stored history. `npm run serve` / `npm run export` run this file.
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, isIP } from 'node:net';
import { formatHistory } from './room/export-format.js';
import { HISTORY_FORMATS, type HistoryFormat } from '../common/host-view.js';
import { openHistoryLog, readHistory } from './room/history-log.js';
import { DEFAULT_LIMITS, type Limits } from '../common/limits.js';
import { Room } from './room/room.js';
import { DEFAULT_SETTINGS, validateSettingsUpdate } from '../common/settings.js';
import { loadSettings } from './room/settings-store.js';
import type { ChatMessage, PresenceEvent } from '../common/model.js';
import type { HistoryLog } from './room/history-log.js';
import type { RoomSettings, RoomStatus } from '../common/host-view.js';

interface ServeOptions {
  port?: number;
  host: string;
  dataDir?: string;
  history: boolean;
  roomName?: string;
  hostName?: string;
  pin?: string;
  quiet?: boolean;
  historySize?: number;
  maxClients: number;
  maxConnectionsPerIp: number;
  maxMessageBytes: number;
  ratePerSecond: number;
  rateBurst: number;
}

interface ExportOptions {
  dataDir: string;
  format: HistoryFormat;
  out?: string;
}

/** How long a shutdown may take before the process gives up waiting for clients to close. */
const SHUTDOWN_TIMEOUT_MS = 5000;
/** A second SIGINT/SIGTERM later than this after the first stops at once. */
const REPEAT_SIGNAL_MS = 1000;
/** Ports tried after a taken one to suggest a free one. */
const PORT_SUGGESTION_TRIES = 20;

const program = new Command('lan-chat')
  .description('LAN Chat without the desktop window: host a room, or export its stored history.')
  .version(packageVersion());

program
  .command('serve')
  .description('host a chat room on this machine; people on the same network join with a browser')
  .addOption(new Option('--port <n>', 'port to listen on; 0 picks a free one (default: the stored setting, else 7681)').argParser(port))
  .option('--host <ip>', 'address to bind; 0.0.0.0 is every IPv4 interface, :: adds IPv6', '0.0.0.0')
  .option('--data-dir <dir>', 'folder for settings.json and the chat history (default: nothing is stored)')
  .option('--no-history', 'do not store chat history, even with --data-dir')
  .option('--room-name <name>', `room name shown to everyone (default: "${DEFAULT_SETTINGS.roomName}")`)
  .option('--host-name <name>', `your name in the room (default: "${DEFAULT_SETTINGS.hostName}")`)
  .option('--pin <pin>', 'require this PIN (4-32 letters or digits) to join')
  .option('--quiet', 'print no line per message, join or leave (for benchmarks and busy rooms)')
  .addOption(new Option('--history-size <n>', 'messages kept in memory for late joiners and resume').argParser(positive))
  .addOption(limitOption('--max-clients <n>', 'connections accepted at once', 'maxClients'))
  .addOption(limitOption('--max-connections-per-ip <n>', 'connections from one address at once', 'maxConnectionsPerIp'))
  .addOption(limitOption('--max-message-bytes <n>', 'largest message in UTF-8 bytes', 'maxMessageBytes'))
  .addOption(limitOption('--rate-per-second <n>', 'messages per second one connection may send sustained', 'ratePerSecond'))
  .addOption(limitOption('--rate-burst <n>', 'messages one connection may send at once', 'rateBurst'))
  .action((options: ServeOptions) => serve(options));

program
  .command('export')
  .description('write the chat history stored in a data directory (also while a host is running on it)')
  .requiredOption('--data-dir <dir>', 'the data directory the host uses')
  .addOption(new Option('--format <format>', 'output format').choices(HISTORY_FORMATS).default('txt'))
  .option('--out <file>', 'write to this file instead of standard output')
  .action((options: ExportOptions) => exportHistory(options));

async function serve(options: ServeOptions): Promise<void> {
  const out = new LineWriter(process.stdout);
  const problem = (line: string) => process.stderr.write(`${line}\n`);
  const settings = roomSettings(options, (warning) => problem(`warning: ${warning}`));
  const log = options.dataDir && settings.saveHistory ? openLog(options.dataDir, problem) : null;
  let room: Room;
  try {
    room = new Room({
      host: options.host,
      port: settings.port,
      settings,
      historyLog: log,
      limits: roomLimits(options),
      ...(options.historySize === undefined ? {} : { historySize: options.historySize }),
    });
  } catch (error) {
    // A limit the room refuses (out of range): say which, like any other bad flag.
    return program.error(`error: ${messageOf(error)}`);
  }

  let address: { host: string; port: number };
  try {
    address = await room.listen();
  } catch (error) {
    log?.close();
    if ((error as { code?: unknown }).code === 'port-in-use') {
      const free = await findFreePort(options.host, settings.port);
      const hint = free === null ? 'try another one with --port <n>' : `try --port ${free}`;
      problem(`port ${settings.port} is already in use — ${hint}`);
    } else {
      problem(`cannot listen on ${options.host}:${settings.port}: ${messageOf(error)}`);
    }
    process.exit(1);
  }

  out.line(`listening on ${httpUrl(address.host, address.port)}`);
  const urls = room.joinUrls();
  if (urls.length > 0) {
    out.line('people on your network can join at:');
    for (const url of urls) out.line(`  ${url.url}${url.interface ? `  (${url.interface}${url.virtual ? ', virtual' : ''})` : ''}`);
  }
  out.line(log ? `chat history is saved in ${options.dataDir}` : 'chat history is not saved to disk');

  // The room reports a storage failure both as a warning and in its status: print it once.
  let lastProblem: string | null = null;
  const report = (kind: 'error' | 'warning', text: string) => {
    if (text !== lastProblem) problem(`${kind}: ${text}`);
    lastProblem = text;
  };
  room.on('status', (status: RoomStatus) => {
    if (status.error) report('error', status.error.message);
    else lastProblem = null;
  });
  room.on('warning', (warning) => report('warning', warning));
  if (!options.quiet) {
    room.on('chat', (message) => out.line(chatLine(message)));
    room.on('presence', (event) => out.line(presenceLine(event)));
  }

  let closingSince: number | null = null;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closingSince !== null) {
      // Ctrl-C under `npm run` arrives twice at once (from the terminal and forwarded by npm): only a
      // signal sent later means "stop now".
      if (Date.now() - closingSince < REPEAT_SIGNAL_MS) return;
      problem(`${signal} again: stopping without waiting`);
      process.exit(1);
    }
    closingSince = Date.now();
    setTimeout(() => {
      problem('clients took too long to close; stopping anyway');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    room
      .close()
      .catch((error: unknown) => problem(`error while closing: ${messageOf(error)}`))
      .finally(() => {
        log?.close();
        out.line('room closed');
        out.flush();
        process.exit(0);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Stored settings (with a data directory) under the command-line flags. Bad flags end the program. */
function roomSettings(options: ServeOptions, warn: (message: string) => void): RoomSettings {
  const stored = options.dataDir ? loadSettings(options.dataDir, warn) : { ...DEFAULT_SETTINGS };
  const flags: Record<string, unknown> = {};
  if (options.roomName !== undefined) flags.roomName = options.roomName;
  if (options.hostName !== undefined) flags.hostName = options.hostName;
  if (options.pin !== undefined) flags.pin = options.pin;
  let overrides: Partial<RoomSettings>;
  try {
    overrides = validateSettingsUpdate(flags);
  } catch (error) {
    return program.error(`error: ${messageOf(error)}`);
  }
  return {
    ...stored,
    ...overrides,
    port: options.port ?? stored.port,
    saveHistory: stored.saveHistory && options.history,
  };
}

function roomLimits(options: ServeOptions): Partial<Limits> {
  const { maxClients, maxConnectionsPerIp, maxMessageBytes, ratePerSecond, rateBurst } = options;
  return { maxClients, maxConnectionsPerIp, maxMessageBytes, ratePerSecond, rateBurst };
}

/** A whole-number limit whose default (shown in --help) comes from the room's own defaults. */
function limitOption(flags: string, description: string, limit: keyof Limits): Option {
  return new Option(flags, description).argParser(positive).default(DEFAULT_LIMITS[limit]);
}

/** A log that cannot be opened (permissions, full disk) leaves the room running in memory. */
function openLog(dataDir: string, problem: (line: string) => void): HistoryLog | null {
  try {
    return openHistoryLog(dataDir, { onWarning: (warning) => problem(`warning: ${warning}`) });
  } catch (error) {
    problem(`error: chat history is not being saved: ${messageOf(error)}`);
    return null;
  }
}

function exportHistory(options: ExportOptions): void {
  const messages = readHistory(options.dataDir, { onWarning: (warning) => process.stderr.write(`warning: ${warning}\n`) });
  if (messages.length === 0) {
    process.stderr.write(`no history stored yet in ${options.dataDir}\n`);
    return;
  }
  const { roomName } = loadSettings(options.dataDir);
  const text = formatHistory(messages, options.format, { roomName });
  if (options.out === undefined) {
    // A reader that stops early (`| head`) is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(options.out, text);
  } catch (error) {
    program.error(`error: cannot write ${options.out}: ${messageOf(error)}`);
  }
  process.stderr.write(`wrote ${messages.length} messages to ${options.out}\n`);
}

/** Collects lines and writes them once per event-loop turn, so a burst of chat costs one write. */
class LineWriter {
  private pending = '';
  private scheduled = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  line(text: string): void {
    this.pending += `${text}\n`;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    this.stream.write(this.pending);
    this.pending = '';
  }
}

// Chat comes from anyone on the network: control characters (terminal escape sequences) are shown as
// escapes, never sent to the terminal, and a message stays on one line.
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

function printable(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => (c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

function chatLine(message: ChatMessage): string {
  const time = new Date(message.ts).toTimeString().slice(0, 8);
  const host = message.from.kind === 'host' ? ' (host)' : '';
  return `[${time}] #${message.seq} ${printable(message.from.name)}${host}: ${printable(message.text)}`;
}

function presenceLine(event: PresenceEvent): string {
  const name = printable(event.participant.name);
  switch (event.type) {
    case 'join':
      return `+ ${name} joined (${event.participant.kind})`;
    case 'leave':
      return `- ${name} left (${event.reason})`;
    case 'rename':
      return `~ ${printable(event.oldName)} is now ${name}`;
  }
}

function httpUrl(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}/`;
}

/** The first port after `taken` that can be bound on `host`, or null. */
async function findFreePort(host: string, taken: number): Promise<number | null> {
  for (let candidate = taken + 1; candidate <= Math.min(65535, taken + PORT_SUGGESTION_TRIES); candidate++) {
    if (await canListen(host, candidate)) return candidate;
  }
  return null;
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

// Last, so every declaration above is initialised before a command runs.
await program.parseAsync();
