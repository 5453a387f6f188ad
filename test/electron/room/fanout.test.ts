// The fast path's framing: frames byte-identical to ws's own, and the encoded JSON list a welcome reuses.
// (Batching and store-then-deliver are the broadcaster's: broadcaster.test.ts.)
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as wsModule from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { Duplex } from 'node:stream';
import { FrameBatch, frameText, JsonItems, sendParts, textFrameHeader, type FanoutTarget } from '../../../electron/room/fanout.js';
import { startRoom, stopAll } from '../../support/room-fixture.js';

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

/** A target whose socket keeps what is written to it; a `stalled` one never finishes a write. */
function target(stalled = 0): FanoutTarget & { socket: Duplex; open: boolean; written: () => Buffer } {
  const chunks: Buffer[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (stalled === 0) done();
    },
  });
  if (stalled > 0) socket.write(Buffer.alloc(stalled));
  return { socket, open: true, written: () => Buffer.concat(chunks.slice(stalled > 0 ? 1 : 0)) };
}

describe('FrameBatch', () => {
  const frame = (text: string) => Buffer.concat(frameText(Buffer.from(text)));

  it('writes every frame of the batch to every open target, in order', () => {
    const batch = new FrameBatch<ReturnType<typeof target>>();
    expect(batch.empty).toBe(true);
    batch.add(Buffer.from('one'));
    batch.add(Buffer.from('two'));
    const [a, b, closed] = [target(), target(), target()];
    closed.open = false;
    batch.deliver([a, b, closed], 1024, () => expect.unreachable());
    const both = Buffer.concat([frame('one'), frame('two')]);
    expect(a.written().equals(both)).toBe(true);
    expect(b.written().equals(both)).toBe(true);
    expect(closed.written().length).toBe(0);
  });

  it('leaves out the frames a target must not get, and only for it', () => {
    const batch = new FrameBatch<ReturnType<typeof target>>();
    const [joiner, other] = [target(), target()];
    batch.add(Buffer.from('chat'));
    batch.add(Buffer.from('joiner joined'), joiner);
    batch.add(Buffer.from('more chat'));
    batch.deliver([joiner, other], 1024, () => expect.unreachable());
    expect(joiner.written().equals(Buffer.concat([frame('chat'), frame('more chat')]))).toBe(true);
    expect(other.written().equals(Buffer.concat([frame('chat'), frame('joiner joined'), frame('more chat')]))).toBe(true);
  });

  it('hands a target holding more than the cap unsent to overflow instead of writing to it', () => {
    const batch = new FrameBatch<ReturnType<typeof target>>();
    batch.add(Buffer.from('x'));
    const slow = target(2048);
    const overflowed: unknown[] = [];
    batch.deliver([slow], 1024, (t) => overflowed.push(t));
    expect(overflowed).toEqual([slow]);
    expect(slow.socket.writableLength).toBe(2048);
  });

  it('writes parts as one frame, and nothing to a closed target', () => {
    const open = target();
    sendParts(open, [Buffer.from('{"a":'), Buffer.from('1}')]);
    expect(open.written().equals(frame('{"a":1}'))).toBe(true);
    const closed = target();
    closed.open = false;
    sendParts(closed, [Buffer.from('x')]);
    expect(closed.written().length).toBe(0);
  });
});
