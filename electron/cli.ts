// The headless host: `lan-chat serve` runs the room in plain Node (no Electron), with the host's
// console on standard input (cli/host-console.ts); `lan-chat export` writes a data directory's stored
// history. `npm run serve` / `npm run export` run this file. The room is composed with its settings and
// log by the same `RoomHost` the desktop app uses.
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { messageOf } from '../common/errors.js';
import { HISTORY_FORMATS, type HistoryFormat, type HostEvent, type RoomSettings } from '../common/host-view.js';
import { DEFAULT_LIMITS, type Limits } from '../common/limits.js';
import type { ChatMessage, PresenceEvent } from '../common/model.js';
import { HostConsole } from './cli/host-console.js';
import { printable } from './cli/printable.js';
import { roomEventText } from './room/event-text.js';
import { DEFAULT_SETTINGS } from '../common/settings.js';
import { formatFileSize } from '../common/files.js';
import { formatHistory } from './room/export-format.js';
import { isRoomEvent } from '../common/history.js';
import { readRecords } from './room/history-reader.js';
import { likelyOrigin, roomUrl } from './room/join-urls.js';
import { RoomHost } from './room/room-host.js';
import { loadSettings } from './room/settings-store.js';

interface ServeOptions {
  port?: number;
  /** The address to bind (the flag keeps its documented name). */
  host: string;
  dataDir?: string;
  history: boolean;
  roomName?: string;
  hostName?: string;
  pin?: string;
  quiet?: boolean;
  console?: boolean;
  historySize?: number;
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxMessageBytes: number;
  ratePerSecond: number;
  rateBurst: number;
  senderBytesPerSecond: number;
  senderBurstBytes: number;
  maxFileSize?: number;
  fileStorage?: number;
  uploadsAtOnce?: number;
  uploadPerHour?: number;
  minFreeDisk?: number;
}

interface ExportOptions {
  dataDir: string;
  format: HistoryFormat;
  out?: string;
  filesUrl?: string;
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
  .option('--console', 'read the host console from standard input even when it is not a terminal (/help lists the commands)')
  .addOption(new Option('--history-size <n>', 'messages kept in memory for late joiners and resume').argParser(positive))
  .addOption(limitOption('--max-connections <n>', 'WebSocket connections accepted at once', 'maxConnections'))
  .addOption(limitOption('--max-connections-per-ip <n>', 'connections from one address (IPv6: one /64) at once', 'maxConnectionsPerIp'))
  .addOption(limitOption('--max-message-bytes <n>', 'largest message in UTF-8 bytes', 'maxMessageBytes'))
  .addOption(limitOption('--rate-per-second <n>', 'messages per second one connection may send sustained', 'ratePerSecond'))
  .addOption(limitOption('--rate-burst <n>', 'messages one connection may send at once', 'rateBurst'))
  .addOption(
    limitOption(
      '--sender-bytes-per-second <n>',
      'bytes per second one address may send sustained (bounds how fast it fills the history)',
      'senderBytesPerSecond',
    ),
  )
  .addOption(limitOption('--sender-burst-bytes <n>', 'bytes one address may send at once before that rate applies', 'senderBurstBytes'))
  .addOption(sizeOption('--max-file-size <size>', 'largest file anyone may share', 'maxFileBytes'))
  .addOption(sizeOption('--file-storage <size>', 'storage for shared files in all; past it uploads are refused', 'fileStorageBytes'))
  .addOption(
    new Option('--uploads-at-once <n>', `uploads one person may run at once (default: ${DEFAULT_SETTINGS.maxUploadsAtOnce})`).argParser(
      positive,
    ),
  )
  .addOption(sizeOption('--upload-per-hour <size>', 'bytes one network address may upload per hour', 'uploadBytesPerHour'))
  .addOption(sizeOption('--min-free-disk <size>', 'refuse uploads that would leave less free disk space', 'minFreeDiskBytes'))
  .action((options: ServeOptions) => serve(options));

program
  .command('export')
  .description('write the chat history stored in a data directory (also while a host is running on it)')
  .requiredOption('--data-dir <dir>', 'the data directory the host uses')
  .addOption(new Option('--format <format>', 'output format').choices(HISTORY_FORMATS).default('txt'))
  .option('--out <file>', 'write to this file instead of standard output')
  .option('--files-url <url>', "http://host:port that links to shared files start with (default: this machine's likely join address)")
  .action((options: ExportOptions) => exportHistory(options));

async function serve(options: ServeOptions): Promise<void> {
  const out = new LineWriter(process.stdout);
  const problem = (line: string) => process.stderr.write(`${line}\n`);
  // The room reports a storage failure both as a warning and in its status: print it once.
  let lastProblem: string | null = null;
  const report = (kind: 'error' | 'warning', text: string) => {
    if (text !== lastProblem) problem(`${kind}: ${text}`);
    lastProblem = text;
  };
  const onEvent = (event: HostEvent) => {
    if (event.type === 'status') {
      // Listening errors are told once, below; what goes wrong while running (storage) is told here.
      if (event.status.error?.code === 'storage') report('error', event.status.error.message);
      else if (event.status.error === null) lastProblem = null;
    } else if (event.type === 'chat') out.line(chatLine(event.message));
    else if (event.type === 'presence') out.line(presenceLine(event.event));
    else if (event.type === 'moderation') out.line(`* ${printable(roomEventText(event.event))}`);
  };

  let host: RoomHost;
  try {
    host = new RoomHost({
      dataDir: options.dataDir,
      bindAddress: options.host,
      port: options.port,
      overrides: settingsFlags(options),
      limits: roomLimits(options),
      historySize: options.historySize,
      onEvent,
      // Nothing more than is printed: a quiet host emits no event per chat message.
      events: options.quiet ? ['status'] : ['status', 'chat', 'presence', 'moderation'],
      onWarning: (warning) => report('warning', warning),
    });
  } catch (error) {
    // A flag the room refuses (a PIN of the wrong form, a limit out of range): say which, like any other bad flag.
    return program.error(`error: ${messageOf(error)}`);
  }

  await host.start();
  const status = host.status();
  if (!status.running) {
    await host.stop();
    const wanted = host.room.settings().port;
    if (status.error?.code === 'port-in-use') {
      const free = await findFreePort(options.host, wanted);
      const hint = free === null ? 'try another one with --port <n>' : `try --port ${free}`;
      problem(`port ${wanted} is already in use — ${hint}`);
    } else {
      problem(status.error?.message ?? `cannot listen on ${options.host}:${wanted}`);
    }
    process.exit(1);
  }

  out.line(`listening on ${roomUrl(status.bindAddress, status.port)}`);
  const urls = host.room.joinUrls();
  if (urls.length > 0) {
    out.line('people on your network can join at:');
    for (const url of urls) out.line(`  ${url.url}${url.interface ? `  (${url.interface}${url.virtual ? ', virtual' : ''})` : ''}`);
  }
  out.line(host.savesHistory ? `chat history is saved in ${options.dataDir}` : 'chat history is not saved to disk');

  let hostConsole: HostConsole | null = null;
  if (options.console || process.stdin.isTTY) {
    out.line('type a message to send it as the host, or /help for the commands');
    out.flush();
    hostConsole = new HostConsole({
      host,
      input: process.stdin,
      output: process.stdout,
      terminal: process.stdin.isTTY && process.stdout.isTTY,
      print: (line) => out.line(line),
      chatShown: !options.quiet,
      onInterrupt: () => shutdown('SIGINT'),
    });
    const shown = hostConsole;
    out.through((text) => shown.writeAbove(text));
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
    hostConsole?.close();
    setTimeout(() => {
      problem('clients took too long to close; stopping anyway');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    host
      .stop()
      .catch((error: unknown) => problem(`error while closing: ${messageOf(error)}`))
      .finally(() => {
        out.line('room closed');
        out.flush();
        process.exit(0);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** The settings given as flags, for this run only (over the stored ones, which they do not change). */
function settingsFlags(options: ServeOptions): Partial<RoomSettings> {
  const flags: Partial<RoomSettings> = {};
  if (options.roomName !== undefined) flags.roomName = options.roomName;
  if (options.hostName !== undefined) flags.hostName = options.hostName;
  if (options.pin !== undefined) flags.pin = options.pin;
  if (!options.history) flags.saveHistory = false;
  if (options.maxFileSize !== undefined) flags.maxFileBytes = options.maxFileSize;
  if (options.fileStorage !== undefined) flags.fileStorageBytes = options.fileStorage;
  if (options.uploadsAtOnce !== undefined) flags.maxUploadsAtOnce = options.uploadsAtOnce;
  if (options.uploadPerHour !== undefined) flags.uploadBytesPerHour = options.uploadPerHour;
  if (options.minFreeDisk !== undefined) flags.minFreeDiskBytes = options.minFreeDisk;
  return flags;
}

function roomLimits(options: ServeOptions): Partial<Limits> {
  const { maxConnections, maxConnectionsPerIp, maxMessageBytes, ratePerSecond, rateBurst, senderBytesPerSecond, senderBurstBytes } =
    options;
  return { maxConnections, maxConnectionsPerIp, maxMessageBytes, ratePerSecond, rateBurst, senderBytesPerSecond, senderBurstBytes };
}

/** A whole-number limit whose default (shown in --help) comes from the room's own defaults. */
function limitOption(flags: string, description: string, limit: keyof Limits): Option {
  return new Option(flags, description).argParser(positive).default(DEFAULT_LIMITS[limit]);
}

/** A size setting given as `<n>[B|KB|MB|GB|TB]` (1024-based; KiB, MiB... also accepted). */
function sizeOption(
  flags: string,
  description: string,
  setting: 'maxFileBytes' | 'fileStorageBytes' | 'uploadBytesPerHour' | 'minFreeDiskBytes',
): Option {
  return new Option(flags, `${description} (default: ${formatFileSize(DEFAULT_SETTINGS[setting])})`).argParser(size);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

function size(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(value.trim());
  const bytes = match === null ? NaN : Math.round(Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!);
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError('a size is a number with an optional unit: 500MB, 2GB, 1.5GiB');
  return bytes;
}

function exportHistory(options: ExportOptions): void {
  // A mistyped folder must not pass for an empty history.
  if (!isDirectory(options.dataDir)) return program.error(`error: the data directory ${options.dataDir} does not exist`);
  const records = readRecords(options.dataDir, { onWarning: (warning) => process.stderr.write(`warning: ${warning}\n`) });
  if (records.length === 0) {
    process.stderr.write(`no history stored yet in ${options.dataDir}\n`);
    return;
  }
  const { roomName, port } = loadSettings(options.dataDir);
  const filesOrigin = options.filesUrl ?? likelyOrigin('0.0.0.0', port);
  const text = formatHistory(records, options.format, { roomName, filesOrigin });
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
  const messages = records.filter((record) => !isRoomEvent(record)).length;
  process.stderr.write(`wrote ${messages} messages to ${options.out}\n`);
}

/** Collects lines and writes them once per event-loop turn, so a burst of chat costs one write. */
class LineWriter {
  private pending = '';
  private scheduled = false;
  private write: (text: string) => void;

  constructor(stream: NodeJS.WriteStream) {
    this.write = (text) => stream.write(text);
  }

  /** From now on lines go out through `write` (the console, which keeps its prompt below them). */
  through(write: (text: string) => void): void {
    this.write = write;
  }

  line(text: string): void {
    this.pending += `${text}\n`;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    this.write(this.pending);
    this.pending = '';
  }
}

function chatLine(message: ChatMessage): string {
  const time = new Date(message.ts).toTimeString().slice(0, 8);
  const host = message.from.kind === 'host' ? ' (host)' : '';
  const parts = [
    printable(message.text),
    ...(message.files ?? []).map((file) => `[file: ${printable(file.name)}, ${formatFileSize(file.size)}]`),
  ];
  return `[${time}] #${message.seq} ${printable(message.from.name)}${host}: ${parts.filter((part) => part !== '').join(' ')}`;
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
    case 'away':
      return `~ ${name} is away (connection lost)`;
    case 'back':
      return `~ ${name} is back`;
  }
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

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

// Last, so every declaration above is initialised before a command runs.
await program.parseAsync();
