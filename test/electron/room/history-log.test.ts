// The chat log as the host writes it (history-log.ts) and as it reads back, in the host and from another
// process (history-reader.ts): every record intact, torn and corrupt ones skipped, rotation, clearing.
import { appendFileSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStorageError, openHistoryLog, type HistoryLogOptions } from '../../../electron/room/history-log.js';
import { historyDir, readHistory, readRecords } from '../../../electron/room/history-reader.js';
import type { ChatMessage, RoomEvent } from '../../../common/model.js';
import type { HistoryLog } from '../../../electron/room/history-log.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-history-');
/** Logs opened by the running test; closed after it, or earlier by the test itself to reopen one. */
const logs: HistoryLog[] = [];
afterEach(closeAll);

function open(dataDir: string, options: HistoryLogOptions = {}): { log: HistoryLog; warnings: string[] } {
  const warnings: string[] = [];
  const log = openHistoryLog(dataDir, { syncIntervalMs: 0, onWarning: (w) => warnings.push(w), ...options });
  logs.push(log);
  return { log, warnings };
}

function closeAll(): void {
  for (const log of logs.splice(0)) log.close();
}

function message(seq: number, text = `message ${seq}`): ChatMessage {
  return { seq, ts: 1_700_000_000_000 + seq, from: { id: `c${seq % 3}`, name: `Person ${seq % 3}`, kind: 'rich' }, text };
}

function range(from: number, to: number): ChatMessage[] {
  return Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
}

function onlySegment(dataDir: string): string {
  const files = readdirSync(historyDir(dataDir));
  expect(files).toHaveLength(1);
  return join(historyDir(dataDir), files[0]!);
}

describe('history log', () => {
  it('stores batches and reads them back after a reopen, with every field intact', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    expect(log.lastSeq).toBe(0);
    expect(log.recent(10)).toEqual([]);
    const tricky: ChatMessage = {
      seq: 4,
      ts: 1_700_000_000_123,
      from: { id: 'host', name: 'Höst 主持', kind: 'host' },
      text: 'line one\nline "two" \\ 你好 🎉\u2028end',
      clientMsgId: 'q-1',
    };
    log.appendSync(range(1, 3));
    log.appendSync([tricky]);
    expect(log.lastSeq).toBe(4);
    closeAll();

    const { log: reopened, warnings } = open(dataDir);
    expect(warnings).toEqual([]);
    expect(reopened.lastSeq).toBe(4);
    expect(reopened.recent(2)).toEqual([message(3), tricky]);
    expect(reopened.recent(100)).toEqual([...range(1, 3), tricky]);
    expect(readHistory(dataDir)).toEqual([...range(1, 3), tricky]);
  });

  it('cuts off a torn last record with a warning, and later appends are clean', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    log.appendSync(range(1, 5));
    closeAll();
    const file = onlySegment(dataDir);
    const size = statSync(file).size;
    truncateSync(file, size - 20);

    const { log: reopened, warnings } = open(dataDir);
    expect(warnings.join('\n')).toMatch(/incomplete record/);
    expect(reopened.lastSeq).toBe(4);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    reopened.appendSync([message(6)]);
    closeAll();

    const readWarnings: string[] = [];
    expect(readHistory(dataDir, { onWarning: (w) => readWarnings.push(w) })).toEqual([...range(1, 4), message(6)]);
    expect(readWarnings).toEqual([]);
  });

  it('skips a corrupt record in the middle and keeps everything around it', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    log.appendSync(range(1, 5));
    closeAll();
    const file = onlySegment(dataDir);
    writeFileSync(file, readFileSync(file, 'utf8').replace('message 3', 'massage 3'));

    const { log: reopened, warnings } = open(dataDir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/skipped 1 corrupt record/);
    expect(reopened.lastSeq).toBe(5);
    expect((reopened.recent(10) as ChatMessage[]).map((m) => m.seq)).toEqual([1, 2, 4, 5]);
  });

  it('skips hand-edited garbage without crashing', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    log.appendSync(range(1, 2));
    closeAll();
    const file = onlySegment(dataDir);
    const valid = JSON.stringify(message(3));
    appendFileSync(file, `hello there\n\n{"seq":3}\n00000000 ${valid}\nzzzzzzzz\n\u0000\u0001\u0002\n`);

    const { log: reopened, warnings } = open(dataDir);
    expect(warnings.join('\n')).toMatch(/skipped 5 corrupt records/);
    expect(reopened.lastSeq).toBe(2);
    reopened.appendSync([message(3)]);
    expect(reopened.recent(10)).toEqual(range(1, 3));
    closeAll();
    expect(readHistory(dataDir)).toEqual(range(1, 3));
  });

  it('rotates into segments and keeps the total bounded', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 1024, maxSegments: 3 });
    for (let seq = 1; seq <= 300; seq++) log.appendSync([message(seq)]);
    const files = readdirSync(historyDir(dataDir));
    expect(files).toHaveLength(3);
    const total = files.reduce((sum, file) => sum + statSync(join(historyDir(dataDir), file)).size, 0);
    expect(total).toBeLessThanOrEqual(3 * (1024 + 200));

    const stored = readHistory(dataDir);
    expect(stored.at(-1)).toEqual(message(300));
    // The newest messages survive, contiguous: only whole old segments are dropped.
    expect(stored.map((m) => m.seq)).toEqual(range(300 - stored.length + 1, 300).map((m) => m.seq));
    expect(stored.length).toBeGreaterThan(10);
    expect(log.recent(stored.length + 50)).toEqual(stored);
    expect(log.recent(25)).toEqual(stored.slice(-25));
    closeAll();
    expect(open(dataDir).log.lastSeq).toBe(300);
  });

  it('reads the tail of a large segment in chunks', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    const long = 'x'.repeat(1000);
    log.appendSync(Array.from({ length: 400 }, (_, i) => message(i + 1, `${i + 1} ${long}`)));
    const recent = log.recent(150) as ChatMessage[];
    expect(recent.map((m) => m.seq)).toEqual(range(251, 400).map((m) => m.seq));
    expect(recent[0]!.text).toBe(`251 ${long}`);
  });

  it('never reuses a seq after clear, also across a reopen', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 512 });
    log.appendSync(range(1, 20));
    log.appendSync(range(21, 42));
    log.clear();
    expect(log.lastSeq).toBe(42);
    expect(log.recent(10)).toEqual([]);
    expect(readHistory(dataDir)).toEqual([]);
    closeAll();

    const { log: reopened } = open(dataDir);
    expect(reopened.lastSeq).toBe(42);
    reopened.appendSync([message(43)]);
    reopened.clear();
    reopened.clear();
    closeAll();
    expect(open(dataDir).log.lastSeq).toBe(43);
  });

  it('lets a reader read while a record is still being written', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    log.appendSync(range(1, 3));
    const line = readFileSync(onlySegment(dataDir), 'utf8').split('\n')[0]!;
    appendFileSync(onlySegment(dataDir), line.slice(0, 30));
    const warnings: string[] = [];
    expect(readHistory(dataDir, { onWarning: (w) => warnings.push(w) })).toEqual(range(1, 3));
    expect(warnings).toEqual([]);
  });

  it('ignores a segment name on something that is not a file, instead of reading it forever', () => {
    const dataDir = tempDir();
    open(dataDir).log.appendSync(range(1, 2));
    closeAll();
    symlinkSync('/dev/zero', join(historyDir(dataDir), '0000000000000009.log'));
    const { log, warnings } = open(dataDir);
    expect(warnings.join('\n')).toMatch(/ignoring .*0000000000000009\.log: not a regular file/);
    expect(log.lastSeq).toBe(2);
    expect(readHistory(dataDir)).toEqual(range(1, 2));
  });

  it('reads an empty or missing folder as no history', () => {
    expect(readHistory(tempDir())).toEqual([]);
    expect(readHistory(join(tempDir(), 'nowhere'))).toEqual([]);
  });

  it('throws a clear storage error when the disk is full', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 1 });
    log.appendSync([message(1)]);
    // The next segment is a link to /dev/full, where every write fails with ENOSPC.
    symlinkSync('/dev/full', join(historyDir(dataDir), '0000000000000002.log'));
    let error: unknown;
    try {
      log.appendSync([message(2)]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HistoryStorageError);
    expect((error as HistoryStorageError).code).toBe('ENOSPC');
    expect((error as Error).message).toMatch(/cannot write chat history to .*0000000000000002\.log: the disk is full \(ENOSPC\)/);
    expect(log.lastSeq).toBe(1);
  });

  it('throws a clear storage error when the folder cannot be created', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expect(() => openHistoryLog(file)).toThrow(/cannot create the history folder .*a-file\/history.*ENOTDIR/);
  });

  it('keeps room events and tombstones: recent, find, readRecords and readHistory apply them', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 300 });
    const join: RoomEvent = { type: 'join', ts: 1, afterSeq: 0, participant: { id: 'p1', name: 'Ann', kind: 'rich' } };
    const mute: RoomEvent = { type: 'moderation', ts: 2, afterSeq: 2, action: 'mute', target: { name: 'Ann' }, until: null };
    log.appendSync([...range(1, 2), join]);
    log.appendSync([...range(3, 4), mute]);
    const stone: ChatMessage = { ...message(2), text: '', removed: true };
    log.appendSync([stone]);
    expect(log.lastSeq).toBe(4);
    expect(log.find(2)).toEqual(stone);
    expect(log.find(3)).toEqual(message(3));
    expect(log.find(99)).toBeUndefined();
    expect(log.recent(3)).toEqual([stone, join, message(3), message(4), mute]);
    closeAll();
    expect(readRecords(dataDir)).toEqual([message(1), stone, join, message(3), message(4), mute]);
    expect(readHistory(dataDir)).toEqual([message(1), stone, message(3), message(4)]);
    expect(open(dataDir).log.lastSeq).toBe(4);
  });
});
