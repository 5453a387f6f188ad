// The send budgets per sender (an address): all connections of one address together get twice one
// connection's rate, reconnecting refills nothing, a byte budget bounds the volume, and what bounds
// the volume also keeps one guest from pushing everyone else's history out of the log (issue 10,
// finding 3). Real sockets on 127.0.0.0/8, a real log on disk; each figure is a lower bound on time
// that the budget makes certain, so a slow machine cannot make these pass by accident.
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryLog } from '../../../electron/room/history-log.js';
import { readHistory } from '../../../electron/room/history-reader.js';
import { Client, startRoom, stopAll } from '../../support/room-fixture.js';
import { useCleanups } from '../../support/cleanup.js';

afterEach(stopAll);
const { defer, tempDir } = useCleanups('lan-chat-budget-');

/** A raw client of the room at `url` from `address` (any of 127.0.0.0/8 works on loopback). */
const from = (url: string, address: string) => new Client(url, 'lws-minimal', { localAddress: address }).open();

/** Seconds from now until `reader` has `count` messages. */
async function secondsUntil(reader: Client, count: number, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  await reader.untilCount(count, timeoutMs);
  return (performance.now() - started) / 1000;
}

describe('per-sender rate', () => {
  it('reconnecting does not refill the budget: 100 messages over 5 connections take what the address allows', async () => {
    // One connection: 20 at once, then 100/s. The address: 40 at once, then 200/s.
    const { url } = await startRoom({ limits: { rateBurst: 20, ratePerSecond: 100 } });
    const reader = await from(url, '127.0.0.2');
    const started = performance.now();
    for (let round = 0; round < 5; round++) {
      const sender = await from(url, '127.0.0.1');
      for (let i = 0; i < 20; i++) sender.send(`r${round}-${i}`);
      // Gone once its 20 are out: the next connection starts with a full bucket of its own.
      await reader.untilCount((round + 1) * 20);
      sender.ws.close();
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`100 messages over 5 reconnects from one address: ${seconds.toFixed(2)} s (was all at once)`);
    // 40 at once, the other 60 at 200/s.
    expect(seconds).toBeGreaterThanOrEqual(0.28);
    expect(reader.texts()).toEqual(Array.from({ length: 100 }, (_, i) => `r${Math.floor(i / 20)}-${i % 20}`));
  });

  it('fifty connections from one address send twice what one may, slowed and not dropped; another address is not held up', async () => {
    const { url, room } = await startRoom({ limits: { rateBurst: 20, ratePerSecond: 100, maxConnectionsPerIp: 60 } });
    const reader = await from(url, '127.0.0.3');
    const senders = await Promise.all(Array.from({ length: 50 }, () => from(url, '127.0.0.1')));
    const neighbour = await from(url, '127.0.0.2');
    const started = performance.now();
    senders.forEach((sender, s) => {
      for (let i = 0; i < 4; i++) sender.send(`s${s}-${i}`);
    });
    neighbour.send('from next door');
    await reader.until(() => reader.texts().includes('from next door'), 'the neighbour');
    const neighbourSeconds = (performance.now() - started) / 1000;
    await reader.untilCount(201);
    const seconds = (performance.now() - started) / 1000;
    const rate = 200 / seconds;
    console.log(
      `50 connections from one address: 200 messages in ${seconds.toFixed(2)} s (${Math.round(rate)}/s; was 50 x 100/s);` +
        ` a neighbour's message took ${Math.round(neighbourSeconds * 1000)} ms`,
    );
    // 40 at once, the other 160 at 200/s.
    expect(seconds).toBeGreaterThanOrEqual(0.75);
    expect(neighbourSeconds).toBeLessThan(0.5);
    expect(room.clients()).toHaveLength(52);
  });

  it('counts bytes too: a sender past its byte budget is slowed, and loses nothing', async () => {
    const { url } = await startRoom({ limits: { senderBurstBytes: 4_000, senderBytesPerSecond: 20_000 } });
    const reader = await from(url, '127.0.0.2');
    const sender = await from(url, '127.0.0.1');
    const text = 'x'.repeat(4_000);
    for (let i = 0; i < 6; i++) sender.send(`${i}${text}`);
    const seconds = await secondsUntil(reader, 6);
    console.log(`6 messages of 4 KB against 4 KB at once, then 20 KB/s: ${seconds.toFixed(2)} s`);
    // About 20 KB past the burst at 20 KB/s (each message may go while the budget is not negative).
    expect(seconds).toBeGreaterThanOrEqual(0.8);
    expect(reader.texts().map((t) => t[0])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(sender.ws.readyState).toBe(sender.ws.OPEN);
  });
});

describe('history retention under a flood', () => {
  it("one guest flooding for two seconds cannot push another guest's message out of the log", async () => {
    const dataDir = tempDir();
    // A small log (4 segments of 8 KiB) and a budget in proportion (8 KiB at once, 2 KiB/s): the
    // flooder needs about 12 s to fill the log, where the old room let her do it at once.
    const historyLog = openHistoryLog(dataDir, { segmentBytes: 8 * 1024, maxSegments: 4 });
    defer(() => historyLog.close());
    const { url, room } = await startRoom({ historyLog, limits: { senderBurstBytes: 8 * 1024, senderBytesPerSecond: 2 * 1024 } });
    const alice = await from(url, '127.0.0.2');
    alice.send('Alice: the meeting is at 10');
    await alice.untilCount(1);
    const mallory = await from(url, '127.0.0.1');
    const flood = setInterval(() => {
      for (let i = 0; i < 20; i++) mallory.send('spam '.repeat(200));
    }, 20);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    clearInterval(flood);
    const stored = readHistory(dataDir);
    const spam = stored.filter((m) => m.text.startsWith('spam')).length;
    console.log(`flood of 1 KB messages for 2 s: ${spam} stored; the log still starts with ${JSON.stringify(stored[0]?.text)}`);
    expect(stored[0]?.text).toBe('Alice: the meeting is at 10');
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN);
    expect(room.clients()).toHaveLength(2);
  });
});
