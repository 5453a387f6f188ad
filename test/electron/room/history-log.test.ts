// The chat log as the host writes it (history-log.ts): every record intact across a reopen, a torn last
// record cut off and corrupt ones skipped, rotation, clearing, storage errors. Reading it, also from
// another process, is history-reader.test.ts.
import { appendFileSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStorageError, openHistoryLog } from '../../../electron/room/history-log.js';
import { historyDir, readHistory } from '../../../electron/room/history-reader.js';
import type { ChatMessage } from '../../../common/model.js';
import { useCleanups } from '../../support/cleanup.js';
import { message, onlySegment, range, useHistoryLogs } from '../../support/history-log.js';

const { tempDir } = useCleanups('lan-chat-history-');
const { open, closeAll } = useHistoryLogs();

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

  it('ignores a segment name on something that is not a file, instead of reading it forever', () => {
    const dataDir = tempDir();
    open(dataDir).log.appendSync(range(1, 2));
    closeAll();
    mkdirSync(join(historyDir(dataDir), '0000000000000009.log'));
    const { log, warnings } = open(dataDir);
    expect(warnings.join('\n')).toMatch(/ignoring .*0000000000000009\.log: not a regular file/);
    expect(log.lastSeq).toBe(2);
    expect(readHistory(dataDir)).toEqual(range(1, 2));
  });

  // /dev/full, where every write fails with ENOSPC, exists on Linux only.
  it.runIf(process.platform === 'linux')('throws a clear storage error when the disk is full', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 1 });
    log.appendSync([message(1)]);
    // The next segment is a link to /dev/full.
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
});
