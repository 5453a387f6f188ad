// The fast path's correctness: frames byte-identical to ws's own, one storage write per tick before
// delivery, batches keep order, and a lone message goes out within one tick.
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as wsModule from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { frameText, JsonItems, textFrameHeader } from '../../electron/room/fanout.js';
import type { ChatMessage } from '../../common/model.js';
import type { HistoryLog } from '../../electron/room/history-log.js';
import { Client, rawClient, richClient, startRoom, stopAll } from './helpers.js';

afterEach(stopAll);

interface WsSender {
  send(data: Buffer, options: { binary: boolean; compress: boolean; fin: boolean; mask: boolean }): void;
}
const { Sender } = wsModule as unknown as { Sender: new (socket: object) => WsSender };

/** The bytes ws's own per-client Sender writes for one text message. */
function wsFrame(payload: Buffer): Buffer {
  const written: Buffer[] = [];
  const socket = { cork() {}, uncork() {}, write: (chunk: Buffer) => written.push(Buffer.from(chunk)) };
  new Sender(socket).send(payload, { binary: false, compress: false, fin: true, mask: false });
  return Buffer.concat(written);
}

/** A hand-made raw client: does the handshake, then keeps every byte the room sends after the 101. */
async function tcpClient(port: number): Promise<{ socket: Socket; bytes: () => Buffer }> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.write(
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
      'Sec-WebSocket-Protocol: lws-minimal\r\n\r\n',
  );
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) resolve();
    });
  });
  return {
    socket,
    bytes: () => {
      const all = Buffer.concat(chunks);
      return all.subarray(all.indexOf('\r\n\r\n') + 4);
    },
  };
}

describe('framing', () => {
  it('frames exactly as ws does, for short, 16-bit and 64-bit lengths', () => {
    for (const size of [0, 1, 125, 126, 300, 65535, 65536, 70000]) {
      const payload = randomBytes(size);
      expect(Buffer.concat(frameText(payload)).equals(wsFrame(payload)), `${size} bytes`).toBe(true);
    }
  });

  it('frames a payload written in parts exactly as ws frames it joined', () => {
    for (const size of [0, 125, 126, 65535, 65536, 70000]) {
      const payload = randomBytes(size);
      expect(Buffer.concat([textFrameHeader(size), payload]).equals(wsFrame(payload)), `${size} bytes`).toBe(true);
    }
  });

  it('keeps JSON items as bytes that grow without changing a view handed out before', () => {
    const items = new JsonItems([{ a: 1 }]);
    const before = items.bytes();
    for (let i = 0; i < 200; i++) items.push({ name: `长${i}` });
    expect(before.toString()).toBe('{"a":1}');
    const all = [{ a: 1 }, ...Array.from({ length: 200 }, (_, i) => ({ name: `长${i}` }))];
    expect(JSON.parse(`[${items.bytes().toString()}]`)).toEqual(all);
    expect(new JsonItems().bytes().length).toBe(0);
  });

  it('puts the same bytes on the wire as ws would, messages back to back', async () => {
    const { port, room } = await startRoom({ limits: { maxMessageBytes: 100_000 } });
    const tcp = await tcpClient(port);
    const texts = ['short', '长'.repeat(100), 'x'.repeat(70_000)];
    for (const text of texts) room.send(text);
    const expected = Buffer.concat(texts.map((t) => wsFrame(Buffer.from(`Host: ${t}`))));
    const deadline = Date.now() + 5000;
    while (tcp.bytes().length < expected.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(tcp.bytes().equals(expected)).toBe(true);
    tcp.socket.destroy();
  });
});

/** A real in-memory HistoryLog, recording what it was asked to store and when. */
class MemoryLog implements HistoryLog {
  lastSeq = 0;
  batches: ChatMessage[][] = [];
  failing = false;
  recent(): ChatMessage[] {
    return [];
  }
  appendSync(messages: readonly ChatMessage[]): void {
    if (this.failing) throw new Error('disk full');
    this.batches.push([...messages]);
  }
  clear(): void {}
  close(): void {}
}

describe('batching', () => {
  it('stores one tick\'s messages in one append before anyone receives them, and delivers in order', async () => {
    const log = new MemoryLog();
    const { url, room } = await startRoom({ historyLog: log });
    const raw = await rawClient(url);
    const { client: rich } = await richClient(url, { name: 'Rich' });
    let deliveredAtAppend = -1;
    const append = log.appendSync.bind(log);
    log.appendSync = (messages) => {
      deliveredAtAppend = room.history().length;
      append(messages);
    };
    for (let i = 0; i < 20; i++) room.send(`h${i}`);
    await raw.untilCount(20);
    expect(log.batches.map((b) => b.length)).toEqual([20]);
    expect(deliveredAtAppend).toBe(0);
    expect(raw.texts()).toEqual(Array.from({ length: 20 }, (_, i) => `Host: h${i}`));
    await rich.until(() => rich.messages().filter((m) => m.type === 'chat').length === 20);
    const seqs = rich.messages().flatMap((m) => (m.type === 'chat' ? [m.seq] : []));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('continues numbering from the log and keeps chatting in memory when storage fails', async () => {
    const log = new MemoryLog();
    log.lastSeq = 41;
    log.failing = true;
    const { url, room } = await startRoom({ historyLog: log });
    const warnings: string[] = [];
    room.on('warning', (w) => warnings.push(w));
    const raw = await rawClient(url);
    const message = room.send('still works');
    expect(message.seq).toBe(42);
    await raw.untilCount(1);
    expect(warnings).toHaveLength(1);
    expect(room.status().error).toMatchObject({ code: 'storage' });
    log.failing = false;
    room.send('stored again');
    await raw.untilCount(2);
    expect(room.status().error).toBeNull();
    expect(log.batches.flat().map((m) => m.seq)).toEqual([43]);
  });

  it('interleaves host, raw and rich messages of one tick in the same order for everyone', async () => {
    const { url, room } = await startRoom();
    const raw = await rawClient(url);
    const { client: rich } = await richClient(url, { name: 'Rich' });
    raw.send('from raw');
    rich.json({ type: 'chat', text: 'from rich' });
    await raw.untilCount(2);
    room.send('from host');
    await raw.untilCount(3);
    const order = room.history().map((m) => m.text);
    expect(order).toEqual(raw.texts().map((t) => t.replace(/^(Rich|Host): /, '')));
    await rich.until(() => rich.messages().filter((m) => m.type === 'chat').length === 3);
    expect(rich.messages().flatMap((m) => (m.type === 'chat' ? [m.text] : []))).toEqual(order);
  });

  it('gives a rich client whose hello lands in the same tick as a chat that chat, though no rich client was there before', async () => {
    const { url } = await startRoom();
    const raw = await rawClient(url);
    const late = await new Client(url, 'lan-chat.v1').open();
    // Loopback writes land in the room's socket buffers at once, so the room reads both in one turn.
    raw.send('first');
    late.json({ type: 'hello', v: 1, name: 'Late' });
    await late.until(
      () => late.messages().some((m) => (m.type === 'chat' && m.text === 'first') || (m.type === 'welcome' && m.history.length > 0)),
      'the chat, in the welcome or after it',
    );
    const welcome = late.messages().find((m) => m.type === 'welcome');
    const seen = [...(welcome?.type === 'welcome' ? welcome.history : []), ...late.messages().filter((m) => m.type === 'chat')];
    expect(seen.map((m) => m.seq)).toEqual([1]);
  });

  it('delivers a join storm to a watcher as every join once, in order, and a chat right after it behind them', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const names = Array.from({ length: 30 }, (_, i) => `J${i}`);
    for (const name of names) await richClient(url, { name });
    room.send('after the storm');
    await watcher.until(() => watcher.messages().some((m) => m.type === 'chat'), 'the chat');
    const seen = watcher.messages().flatMap((m) => (m.type === 'join' ? [m.participant.name] : m.type === 'chat' ? [m.text] : []));
    expect(seen).toEqual([...names, 'after the storm']);
  });

  it('welcomes every joiner of a storm with the host first and each participant once, and forgets who left', async () => {
    const { url, room } = await startRoom({ settings: { hostName: 'Teacher' } });
    const welcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => richClient(url, { name: `W${i}` })));
    for (const { welcome } of welcomes) {
      const ids = welcome.participants.map((p) => p.id);
      expect(welcome.participants[0]).toEqual({ id: 'host', name: 'Teacher', kind: 'host' });
      expect(ids).toContain(welcome.you.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const gone = welcomes[3]!.welcome.you;
    room.kick(gone.id);
    const { welcome } = await richClient(url, { name: 'After' });
    expect(welcome.participants.map((p) => p.id)).toEqual(['host', ...room.clients().map((c) => c.id)]);
    expect(welcome.participants.map((p) => p.id)).not.toContain(gone.id);
  });

  it('sends a lone message within one tick', async () => {
    const { room } = await startRoom();
    const seen: number[] = [];
    room.on('chat', (m) => seen.push(m.seq));
    const message = room.send('alone');
    expect(room.history()).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(room.history()).toEqual([message]);
    expect(seen).toEqual([message.seq]);
  });
});
