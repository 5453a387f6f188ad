// The on-disk chat log in tests (history-log.test.ts writes it, history-reader.test.ts reads it): logs
// opened on a temp data directory and closed after each test, numbered messages to store in them, and
// the one segment file a small log has.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { ChatMessage } from '../../common/model.js';
import { openHistoryLog, type HistoryLog, type HistoryLogOptions } from '../../electron/room/history-log.js';
import { historyDir } from '../../electron/room/history-reader.js';

/**
 * `open` opens a log (no periodic flush) recording its warnings; every log opened by a test is closed
 * after it, or earlier by `closeAll` when the test reopens one.
 */
export function useHistoryLogs(): {
  open(dataDir: string, options?: HistoryLogOptions): { log: HistoryLog; warnings: string[] };
  closeAll(): void;
} {
  const logs: HistoryLog[] = [];
  const closeAll = () => {
    for (const log of logs.splice(0)) log.close();
  };
  afterEach(closeAll);
  return {
    open(dataDir, options = {}) {
      const warnings: string[] = [];
      const log = openHistoryLog(dataDir, { syncIntervalMs: 0, onWarning: (w) => warnings.push(w), ...options });
      logs.push(log);
      return { log, warnings };
    },
    closeAll,
  };
}

/** Message `seq` from one of three people. */
export function message(seq: number, text = `message ${seq}`): ChatMessage {
  return { seq, ts: 1_700_000_000_000 + seq, from: { id: `c${seq % 3}`, name: `Person ${seq % 3}`, kind: 'rich' }, text };
}

/** Messages `from` to `to`, both included. */
export function range(from: number, to: number): ChatMessage[] {
  return Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
}

/** The path of the log's segment file, failing unless there is exactly one. */
export function onlySegment(dataDir: string): string {
  const files = readdirSync(historyDir(dataDir));
  expect(files).toHaveLength(1);
  return join(historyDir(dataDir), files[0]!);
}

/** Message `seq` as its tombstone: what the log stores when the host removes it. */
export function tombstone(seq: number): ChatMessage {
  return { ...message(seq), text: '', removed: true };
}
