// The room's one port: listening and its errors, HTTP request timeouts, the limits the ws servers
// enforce on frames, and closing.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { RoomListenError, RoomServer } from '../../../electron/room/server.js';
import { useCleanups } from '../../support/cleanup.js';
import { rawClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);
const { defer } = useCleanups('lan-chat-server-');

/** A server with the default limits whose upgrades are refused and whose requests answer "ok". */
function roomServer(onUpgrade: (req: IncomingMessage, socket: Duplex) => void = (_req, socket) => socket.destroy()): RoomServer {
  const server = new RoomServer(DEFAULT_LIMITS, { upgrade: onUpgrade, error: () => {} });
  defer(() => server.close());
  return server;
}

const ok = (_req: IncomingMessage, res: ServerResponse) => res.end('ok');

describe('listening', () => {
  it('binds the address and a free port, serves requests, and frees the port when closed', async () => {
    const server = roomServer();
    expect([server.listening, server.bindAddress, server.port]).toEqual([false, '', 0]);
    const port = await server.listen('127.0.0.1', 0, ok);
    expect([server.listening, server.bindAddress, server.port]).toEqual([true, '127.0.0.1', port]);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await expect(server.listen('127.0.0.1', 0, ok)).rejects.toThrow(/already listening/);
    await server.close();
    expect(server.listening).toBe(false);
    // The port is free again: another server can take it.
    const again = createHttpServer();
    await new Promise<void>((resolve) => again.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => again.close(resolve));
  });

  it('rejects a taken port with RoomListenError port-in-use, naming the port and suggesting another', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    defer(() => new Promise((resolve) => blocker.close(resolve)));
    const taken = (blocker.address() as { port: number }).port;
    const error = await roomServer()
      .listen('127.0.0.1', taken, ok)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoomListenError);
    expect(error).toMatchObject({
      code: 'port-in-use',
      port: taken,
      message: `port ${taken} is already in use on 127.0.0.1; choose another port (for example 7681)`,
    });
  });

  it('rejects an address it cannot bind with RoomListenError listen-failed', async () => {
    const error = await roomServer()
      .listen('192.0.2.1', 0, ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'listen-failed', message: expect.stringMatching(/^cannot listen on 192\.0\.2\.1:0: /) });
  });

  it('hands upgrades to admission with an error listener already on the socket', async () => {
    const seen: number[] = [];
    const server = roomServer((_req, socket) => {
      seen.push(socket.listenerCount('error'));
      // An error now must not crash the process: the listener destroys the socket.
      socket.emit('error', new Error('reset by peer'));
    });
    const port = await server.listen('127.0.0.1', 0, ok);
    const client = connect(port, '127.0.0.1');
    client.on('error', () => {});
    client.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    await new Promise((resolve) => client.once('close', resolve));
    expect(seen).toEqual([1]);
  });
});

describe('HTTP timeouts', () => {
  it('closes a connection that never finishes its request headers', async () => {
    const { port } = await startRoom({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 300 } });
    const socket = connect(port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const started = Date.now();
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('frame limits', () => {
  it('relays a message of exactly maxMessageBytes and closes one byte over with 1009', async () => {
    const { url } = await startRoom();
    const [sender, other] = await Promise.all([rawClient(url), rawClient(url)]);
    sender.send('a'.repeat(DEFAULT_LIMITS.maxMessageBytes));
    await other.untilCount(1);
    expect(other.received[0]!.length).toBe(16384);
    sender.send('a'.repeat(DEFAULT_LIMITS.maxMessageBytes + 1));
    expect((await sender.closed).code).toBe(1009);
    expect(other.received).toHaveLength(1);
  });

  it('closes on invalid UTF-8 with 1007', async () => {
    const { url } = await startRoom();
    const client = await rawClient(url);
    client.send(Buffer.from([0x68, 0x69, 0xff, 0xfe]), false);
    expect((await client.closed).code).toBe(1007);
  });

  it('closes a fragment flood with 1008', async () => {
    const { url } = await startRoom();
    const client = await rawClient(url);
    for (let i = 0; i < DEFAULT_LIMITS.maxFragments + 10; i++) client.ws.send('x', { fin: false });
    expect((await client.closed).code).toBe(1008);
  });
});
