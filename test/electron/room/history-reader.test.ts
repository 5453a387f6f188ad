// Reading the chat log (history-reader.ts), also from another process while the host writes it: every
// record as stored, room events and tombstones applied, the newest read from the tail, one message
// found by its seq, and what is not a record (torn, corrupt, not a segment) left out and left alone.
import { appendFileSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, RoomEvent } from '../../../common/model.js';
import { historyDir, readHistory, readRecords } from '../../../electron/room/history-reader.js';
import { useCleanups } from '../../support/cleanup.js';
import { message, onlySegment, range, tombstone, useHistoryLogs } from '../../support/history-log.js';

const { tempDir } = useCleanups('lan-chat-history-reader-');
const { open, closeAll } = useHistoryLogs();

/** The segment files of a data directory's log, oldest first, and their bytes. */
function segmentBytes(dataDir: string): Map<string, Buffer> {
  const dir = historyDir(dataDir);
  return new Map(
    readdirSync(dir)
      .sort()
      .map((file) => [file, readFileSync(join(dir, file))]),
  );
}

describe('readHistory and readRecords', () => {
  it('reads an empty or missing folder as no history', () => {
    expect(readHistory(tempDir())).toEqual([]);
    expect(readHistory(join(tempDir(), 'nowhere'))).toEqual([]);
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

  it('counts a record cut short in an older segment as corrupt, and changes no byte of the log', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 300 });
    log.appendSync(range(1, 3));
    log.appendSync(range(4, 6));
    closeAll();
    const [oldest, newest] = [...segmentBytes(dataDir).keys()];
    expect(newest).toBeDefined();
    // The oldest segment loses the end of its last record: no writer is still at work on it.
    const oldestPath = join(historyDir(dataDir), oldest!);
    truncateSync(oldestPath, readFileSync(oldestPath).length - 10);
    appendFileSync(join(historyDir(dataDir), newest!), 'the start of a record');
    const before = segmentBytes(dataDir);

    const warnings: string[] = [];
    expect(readHistory(dataDir, { onWarning: (w) => warnings.push(w) })).toEqual([...range(1, 2), ...range(4, 6)]);
    expect(warnings).toEqual([`history: skipped 1 corrupt record in ${oldestPath}`]);
    // A reader repairs nothing: that is the writing host's job when it opens the log.
    expect(segmentBytes(dataDir)).toEqual(before);
  });

  it('reads only segment files: other names are ignored, a folder by a segment name is skipped with a warning', () => {
    const dataDir = tempDir();
    open(dataDir).log.appendSync(range(1, 2));
    closeAll();
    const dir = historyDir(dataDir);
    // Not segment names: a note, a name that is not 16 digits, a backup.
    writeFileSync(join(dir, 'notes.txt'), 'garbage\n');
    writeFileSync(join(dir, '7.log'), 'garbage\n');
    writeFileSync(join(dir, '0000000000000005.log.bak'), 'garbage\n');
    mkdirSync(join(dir, '0000000000000008.log'));

    const warnings: string[] = [];
    expect(readHistory(dataDir, { onWarning: (w) => warnings.push(w) })).toEqual(range(1, 2));
    expect(warnings).toEqual([`history: ignoring ${join(dir, '0000000000000008.log')}: not a regular file`]);
  });

  it('keeps room events in their place, and a tombstone in the place of its message', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 300 });
    const join: RoomEvent = { type: 'join', ts: 1, afterSeq: 0, participant: { id: 'p1', name: 'Ann', kind: 'rich' } };
    const mute: RoomEvent = { type: 'moderation', ts: 2, afterSeq: 2, action: 'mute', target: { name: 'Ann' }, until: null };
    log.appendSync([...range(1, 2), join]);
    log.appendSync([...range(3, 4), mute]);
    // In a later segment than its message.
    log.appendSync([tombstone(2)]);
    expect(log.lastSeq).toBe(4);
    expect(log.find(2)).toEqual(tombstone(2));
    expect(log.find(3)).toEqual(message(3));
    expect(log.find(99)).toBeUndefined();
    expect(log.recent(3)).toEqual([tombstone(2), join, message(3), message(4), mute]);
    closeAll();
    expect(readRecords(dataDir)).toEqual([message(1), tombstone(2), join, message(3), message(4), mute]);
    expect(readHistory(dataDir)).toEqual([message(1), tombstone(2), message(3), message(4)]);
    expect(open(dataDir).log.lastSeq).toBe(4);
  });
});

describe('the newest messages (the log’s recent)', () => {
  it('reads the tail of a large segment in chunks', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    const long = 'x'.repeat(1000);
    log.appendSync(Array.from({ length: 400 }, (_, i) => message(i + 1, `${i + 1} ${long}`)));
    const recent = log.recent(150) as ChatMessage[];
    expect(recent.map((m) => m.seq)).toEqual(range(251, 400).map((m) => m.seq));
    expect(recent[0]!.text).toBe(`251 ${long}`);
  });

  it('still holds `limit` messages when removals are stored behind them in the same segment', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir);
    log.appendSync(range(1, 6));
    // The host removed the newest message, then one long scrolled away.
    log.appendSync([tombstone(6), tombstone(1)]);
    expect(log.recent(3)).toEqual([message(4), message(5), tombstone(6)]);
    expect(log.recent(0)).toEqual([]);
    closeAll();
    // As a restarted room reads it for its memory.
    expect(open(dataDir).log.recent(2)).toEqual([message(5), tombstone(6)]);
  });

  it('finds a message only while a segment still holds it', () => {
    const dataDir = tempDir();
    const { log } = open(dataDir, { segmentBytes: 1024, maxSegments: 2 });
    for (let seq = 1; seq <= 60; seq++) log.appendSync([message(seq)]);
    const kept = readHistory(dataDir);
    expect(kept[0]!.seq).toBeGreaterThan(1);
    expect(log.find(kept[0]!.seq - 1)).toBeUndefined();
    expect(log.find(kept[0]!.seq)).toEqual(kept[0]);
    expect(log.find(60)).toEqual(message(60));
    log.clear();
    expect(log.find(60)).toBeUndefined();
  });
});
