import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryExport } from '../../electron/room/export-format.js';
import { openHistoryLog } from '../../electron/room/history-log.js';
import { historyDir } from '../../electron/room/history-reader.js';
import { saveSettings } from '../../electron/room/settings-store.js';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
import type { ChatMessage } from '../../common/model.js';
import { CliProcess, runCli } from '../support/cli-host.js';
import { useCleanups } from '../support/cleanup.js';
import { errorCode, startUpload, upload } from '../support/files.js';
import { rawClient, richClient, type Client } from '../support/room-fixture.js';

const { defer, tempDir } = useCleanups('lan-chat-cli-');

function serve(...args: string[]): CliProcess {
  const cli = new CliProcess(['serve', '--host', '127.0.0.1', '--port', '0', ...args]);
  defer(() => cli.stop());
  return cli;
}

/** An unmodified lws-minimal client of the host on `port`: plain text out, plain text in. */
async function rawGuest(port: number): Promise<Client> {
  const guest = await rawClient(`ws://127.0.0.1:${port}/`);
  defer(() => guest.ws.terminate());
  return guest;
}

/** The first `count` lines `guest` received, once it has them. */
async function firstLines(guest: Client, count: number): Promise<string[]> {
  await guest.untilCount(count, 20_000);
  return guest.texts().slice(0, count);
}

function message(seq: number, text: string, kind: 'raw' | 'rich' | 'host' = 'rich'): ChatMessage {
  return { seq, ts: Date.parse('2026-03-01T09:00:00Z') + seq * 1000, from: { id: `id${seq}`, name: `Person ${seq}`, kind }, text };
}

function storedHistory(dataDir: string, messages: ChatMessage[]): void {
  const log = openHistoryLog(dataDir, { syncIntervalMs: 0 });
  log.appendSync(messages);
  log.close();
}

async function exportJson(dataDir: string): Promise<ChatMessage[]> {
  const result = await runCli(['export', '--data-dir', dataDir, '--format', 'json']);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as HistoryExport).messages;
}

describe('lan-chat --help', () => {
  it('lists both commands and every option', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/serve/);
    expect(top.stdout).toMatch(/export/);

    const serveHelp = await runCli(['serve', '--help']);
    for (const option of [
      '--port',
      '--host',
      '--data-dir',
      '--no-history',
      '--room-name',
      '--host-name',
      '--pin',
      '--quiet',
      '--console',
      '--max-connections',
      '--max-connections-per-ip',
      '--max-message-bytes',
      '--rate-per-second',
      '--rate-burst',
      '--history-size',
      '--max-file-size',
      '--file-storage',
      '--uploads-at-once',
      '--upload-per-hour',
      '--min-free-disk',
    ]) {
      expect(serveHelp.stdout).toContain(option);
    }
    const exportHelp = await runCli(['export', '--help']);
    for (const option of ['--data-dir', '--format', '--out', '--files-url', 'txt', 'json', 'md'])
      expect(exportHelp.stdout).toContain(option);
    // Sizes show their defaults as people read them.
    expect(serveHelp.stdout).toMatch(/--max-file-size <size>[\s\S]*default: 2 GB/);
  });

  it('refuses a bad option value with a clear message', async () => {
    const result = await runCli(['serve', '--port', 'eighty']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--port.*whole number/);
    const size = await runCli(['serve', '--max-file-size', 'lots']);
    expect(size.code).toBe(1);
    expect(size.stderr).toMatch(/--max-file-size.*500MB, 2GB/);
  });

  it("says what the room's settings rules refuse in plain English (the windows translate them by code)", async () => {
    const result = await runCli(['serve', '--port', '0', '--pin', '12']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: a PIN is 4 to 32 letters or digits');
  });
});

describe('lan-chat export', () => {
  const messages = [message(1, 'hello *all*', 'host'), message(2, 'two\nlines', 'raw'), message(3, '你好 🎉')];

  it('writes json that parses back to the stored messages', async () => {
    const dataDir = tempDir();
    storedHistory(dataDir, messages);
    expect(await exportJson(dataDir)).toEqual(messages);
  });

  it('writes txt and md with names, the room name and the host marked', async () => {
    const dataDir = tempDir();
    storedHistory(dataDir, messages);
    saveSettings(dataDir, { ...DEFAULT_SETTINGS, roomName: 'Kitchen' });
    const txt = await runCli(['export', '--data-dir', dataDir]);
    expect(txt.code).toBe(0);
    expect(txt.stdout).toMatch(/^Kitchen — chat history exported .*, 3 messages\n/);
    expect(txt.stdout).toMatch(/\] Person 1 \(host\): hello \*all\*\n/);
    expect(txt.stdout).toMatch(/\] Person 2: two\n {4}lines\n/);
    const md = await runCli(['export', '--data-dir', dataDir, '--format', 'md']);
    expect(md.stdout).toMatch(/^# Kitchen\n/);
    expect(md.stdout).toMatch(/\*\*Person 1\*\* _\(host\)_: hello \\\*all\\\*\n/);
    // Dates and times read as they are, not as "2026\-11\-30 12\:34\:00".
    expect(md.stdout).toMatch(/^_Chat history exported \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, 3 messages_$/m);
  });

  it('writes to a file with --out', async () => {
    const dataDir = tempDir();
    storedHistory(dataDir, messages);
    const out = join(tempDir(), 'chat.json');
    const result = await runCli(['export', '--data-dir', dataDir, '--format', 'json', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`wrote 3 messages to ${out}`);
    expect((JSON.parse(readFileSync(out, 'utf8')) as HistoryExport).messages).toEqual(messages);
  });

  it('says the data directory does not exist (a typo), and fails', async () => {
    const missing = join(tempDir(), 'room-dat');
    const result = await runCli(['export', '--data-dir', missing, '--format', 'md']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(`the data directory ${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
  });

  it('says so when there is no history yet', async () => {
    const result = await runCli(['export', '--data-dir', tempDir(), '--format', 'md']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toMatch(/no history stored yet/);
  });

  it('reads a log that a host holds open and is writing to', async () => {
    const dataDir = tempDir();
    const log = openHistoryLog(dataDir, { syncIntervalMs: 0 });
    defer(() => log.close());
    log.appendSync(messages);
    // Half a record, as if the host were in the middle of writing it.
    writeFileSync(join(historyDir(dataDir), '0000000000000001.log'), '1234abcd {"seq":4,"ts":1', { flag: 'a' });
    const result = await runCli(['export', '--data-dir', dataDir, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as HistoryExport).messages).toEqual(messages);
  });

  it('links shared files at --files-url', async () => {
    const dataDir = tempDir();
    const file = { id: 'AAAAAAAAAAAAAAAAAAAAAAAA', name: 'plan (v2).pdf', size: 2048, type: 'application/pdf', sha256: 'c'.repeat(64) };
    storedHistory(dataDir, [{ ...message(1, ''), files: [file] }]);
    const md = await runCli(['export', '--data-dir', dataDir, '--format', 'md', '--files-url', 'http://192.168.1.5:7681']);
    expect(md.stdout).toContain(
      '**Person 1**: [plan (v2).pdf](<http://192.168.1.5:7681/files/AAAAAAAAAAAAAAAAAAAAAAAA/plan%20(v2).pdf>) (2 KB)',
    );
    const json = await runCli(['export', '--data-dir', dataDir, '--format', 'json', '--files-url', 'http://192.168.1.5:7681']);
    expect((JSON.parse(json.stdout) as HistoryExport).messages[0]!.files).toEqual([
      { ...file, url: 'http://192.168.1.5:7681/files/AAAAAAAAAAAAAAAAAAAAAAAA/plan%20(v2).pdf' },
    ]);
    const txt = await runCli(['export', '--data-dir', dataDir, '--format', 'txt', '--files-url', 'http://192.168.1.5:7681']);
    expect(txt.stdout).toContain(':\n    plan (v2).pdf (2 KB) http://192.168.1.5:7681/files/AAAAAAAAAAAAAAAAAAAAAAAA/plan%20(v2).pdf\n');
  });

  it('rejects an unknown format', async () => {
    const result = await runCli(['export', '--data-dir', tempDir(), '--format', 'pdf']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/txt, json, md/);
  });
});

describe('lan-chat serve', () => {
  it('prints the listening line with the real port, relays chat, and exits 0 on SIGINT', async () => {
    const cli = serve();
    const port = await cli.listeningPort();
    expect(cli.stdout).toContain(`listening on http://127.0.0.1:${port}/`);
    const a = await rawGuest(port);
    const b = await rawGuest(port);
    a.ws.send('hello from a');
    expect(await firstLines(b, 1)).toEqual(['hello from a']);
    await cli.waitFor(/: hello from a\n/);
    cli.signal('SIGINT');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stdout).toContain('room closed');
  });

  it('prints no chat lines with --quiet, and exits 0 on SIGTERM', async () => {
    const cli = serve('--quiet');
    const port = await cli.listeningPort();
    const a = await rawGuest(port);
    a.ws.send('secret-ish');
    await firstLines(a, 1);
    cli.signal('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stdout).toContain('room closed');
    expect(cli.stdout).not.toContain('secret-ish');
  });

  it('prints each chat message on one line and never sends escape codes to the terminal', async () => {
    const cli = serve();
    const port = await cli.listeningPort();
    const a = await rawGuest(port);
    a.ws.send('red\u001b[31m text\nnext');
    await cli.waitFor(/: red(\\x1b)?\[31m text\\nnext\n/);
    expect(cli.stdout).not.toContain('\u001b');
  });

  it('exits 1 naming the port and suggesting another when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    defer(() => new Promise((resolve) => blocker.close(resolve)));
    const taken = (blocker.address() as { port: number }).port;
    const cli = new CliProcess(['serve', '--host', '127.0.0.1', '--port', String(taken)]);
    defer(() => cli.stop());
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`port ${taken} is already in use — try --port \\d+`));
    const suggested = Number(/try --port (\d+)/.exec(cli.stderr)![1]);
    expect(suggested).not.toBe(taken);
  });

  it('stores history in --data-dir, exports it while running, and continues the seqs after a restart', async () => {
    const dataDir = tempDir();
    const first = serve('--data-dir', dataDir);
    const port = await first.listeningPort();
    const a = await rawGuest(port);
    for (const text of ['one', 'two', 'three']) a.ws.send(text);
    await firstLines(a, 3);
    const whileRunning = await exportJson(dataDir);
    expect(whileRunning.map((m) => [m.seq, m.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    first.signal('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const second = serve('--data-dir', dataDir);
    const b = await rawGuest(await second.listeningPort());
    b.ws.send('four');
    await firstLines(b, 1);
    const after = await exportJson(dataDir);
    expect(after.map((m) => [m.seq, m.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
      [4, 'four'],
    ]);
  });

  it('writes no history with --no-history, nor when the stored settings say so', async () => {
    const dataDir = tempDir();
    const cli = serve('--data-dir', dataDir, '--no-history');
    const a = await rawGuest(await cli.listeningPort());
    a.ws.send('not stored');
    await firstLines(a, 1);
    expect(cli.stdout).toContain('chat history is not saved to disk');
    expect(existsSync(historyDir(dataDir))).toBe(false);

    const offDir = tempDir();
    saveSettings(offDir, { ...DEFAULT_SETTINGS, saveHistory: false });
    const off = serve('--data-dir', offDir);
    const b = await rawGuest(await off.listeningPort());
    b.ws.send('not stored either');
    await firstLines(b, 1);
    expect(existsSync(historyDir(offDir))).toBe(false);
  });

  it('keeps running in memory when the history cannot be stored', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(historyDir(dataDir), 'a file where the history folder should be');
    const cli = serve('--data-dir', dataDir);
    const port = await cli.listeningPort();
    expect(cli.stderr).toMatch(/error: chat history is not being saved: .*history/);
    const a = await rawGuest(port);
    a.ws.send('still works');
    expect(await firstLines(a, 1)).toEqual(['still works']);
  });

  it('applies the file limits given as flags, prints shared files and gives raw clients their links', async () => {
    const cli = serve('--max-file-size', '1KB', '--uploads-at-once', '1');
    const port = await cli.listeningPort();
    const base = `http://127.0.0.1:${port}`;
    const raw = await rawGuest(port);
    const { client, welcome } = await richClient(`ws://127.0.0.1:${port}/`, { name: 'Ann' });
    defer(() => client.ws.terminate());
    const tooLarge = await startUpload(base, welcome.session, { name: 'big.bin', size: 1025 });
    expect([tooLarge.status, errorCode(tooLarge)]).toEqual([413, 'too-large']);
    const id = await upload(base, welcome.session, Buffer.alloc(1024), 'fits.bin');
    client.json({ type: 'chat', text: '', files: [id] });
    const [line] = await firstLines(raw, 1);
    expect(line).toBe(`Ann: fits.bin (1 KB) http://127.0.0.1:${port}/files/${id}/fits.bin`);
    await cli.waitFor(/Ann: \[file: fits\.bin, 1 KB\]/);
  });

  it('takes settings from the data dir, and flags over them', async () => {
    const dataDir = tempDir();
    saveSettings(dataDir, { ...DEFAULT_SETTINGS, roomName: 'Stored room', pin: '9999' });
    writeFileSync(join(dataDir, 'unrelated.txt'), '');
    const cli = serve('--data-dir', dataDir, '--pin', '4321');
    const port = await cli.listeningPort();
    // The join URL carries the PIN in force: the flag's, not the stored one.
    await cli.waitFor(new RegExp(`http://127\\.0\\.0\\.1:${port}/\\?pin=4321`));
  });

  it('exits 0 when SIGTERM goes to the npm process of `npm run serve`', async () => {
    const npm = new CliProcess(['run', 'serve', '--', '--host', '127.0.0.1', '--port', '0'], 'npm', []);
    defer(() => npm.stop());
    await npm.listeningPort();
    npm.signal('SIGTERM');
    expect((await npm.exited).code).toBe(0);
    expect(npm.stdout).toContain('room closed');
  });

  it('exits 0 on Ctrl-C under `npm run serve`, when SIGINT reaches npm and the host together', async () => {
    const npm = new CliProcess(['run', 'serve', '--', '--host', '127.0.0.1', '--port', '0'], 'npm', [], true);
    defer(() => npm.stop());
    await npm.listeningPort();
    npm.signalGroup('SIGINT');
    expect((await npm.exited).code).toBe(0);
    expect(npm.stdout).toContain('room closed');
    expect(npm.stderr).not.toContain('again');
  });
});
