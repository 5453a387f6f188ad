// Deciding on a handshake before `ws` answers it: Host and Origin policy, subprotocol choice, the URL's
// PIN and the plain HTTP refusal; as functions, and through a real room.
import type { IncomingMessage } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chooseProtocol,
  hostAddress,
  isAllowedHost,
  isAllowedOrigin,
  pinFromUrl,
  refuseUpgrade,
} from '../../../electron/room/handshake.js';
import { Client, eventually, handshakeStatus, rawClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('hostAddress', () => {
  it.each([
    ['192.168.1.23:7681', '192.168.1.23'],
    ['192.168.1.23', '192.168.1.23'],
    ['[FD00::1]:7681', 'fd00::1'],
    ['fd00::1', 'fd00::1'],
    ['LocalHost:7681', 'localhost'],
    ['[broken', ''],
    ['', ''],
  ])('%j -> %j', (host, address) => {
    expect(hostAddress(host)).toBe(address);
  });
});

describe('the rules', () => {
  it("allows a Host that is an IP literal, localhost or this machine's name, with or without a port", () => {
    const own = hostname().toLowerCase();
    for (const host of [
      '127.0.0.1:7681',
      '192.168.1.20',
      '[::1]:7681',
      'localhost:7681',
      'LOCALHOST',
      `${own}:7681`,
      `${own}.local`,
      `${own}.`,
    ]) {
      expect(isAllowedHost(host), host).toBe(true);
    }
    for (const host of ['', 'evil.example:7681', 'localhost.evil.example', '[::1', `${own}.evil.example`]) {
      expect(isAllowedHost(host), host).toBe(false);
    }
  });

  it("allows no Origin and the page's own, over http or https, and nothing else", () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:7681')).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:7681', '127.0.0.1:7681')).toBe(true);
    expect(isAllowedOrigin('HTTPS://LOCALHOST:7681', 'localhost:7681')).toBe(true);
    for (const origin of ['null', 'http://127.0.0.1:7682', 'http://127.0.0.1', 'file://', 'http://evil.example']) {
      expect(isAllowedOrigin(origin, '127.0.0.1:7681'), origin).toBe(false);
    }
  });

  it("chooses lws-minimal for no offer, else the first known name in the client's order, else nothing", () => {
    expect(chooseProtocol(undefined)).toBe('lws-minimal');
    expect(chooseProtocol(' ')).toBe('lws-minimal');
    expect(chooseProtocol('chat, lan-chat.v1 ,lws-minimal')).toBe('lan-chat.v1');
    expect(chooseProtocol('lws-minimal, lan-chat.v1')).toBe('lws-minimal');
    expect(chooseProtocol('chat, superchat')).toBeNull();
  });

  it('reads ?pin= from the request URL, and nothing from a URL without one', () => {
    const url = (u: string | undefined) => ({ url: u }) as IncomingMessage;
    expect(pinFromUrl(url('/?pin=2468'))).toBe('2468');
    expect(pinFromUrl(url('/any/path?x=1&pin=a%20b'))).toBe('a b');
    expect(pinFromUrl(url('/?x=1'))).toBeNull();
    expect(pinFromUrl(url('/'))).toBeNull();
    expect(pinFromUrl(url(undefined))).toBeNull();
  });

  it('refuses with a complete plain-text HTTP answer and closes the connection', async () => {
    const server = createServer((socket) => refuseUpgrade(socket, 429, 'Slow down: wait 2 s.'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
      let answer = '';
      client.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      await new Promise((resolve) => client.once('end', resolve));
      client.destroy();
      expect(answer).toBe(
        'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
          'Content-Length: 21\r\n\r\nSlow down: wait 2 s.\n',
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('subprotocol negotiation', () => {
  it('echoes lws-minimal and lan-chat.v1', async () => {
    const { url } = await startRoom();
    expect((await rawClient(url, 'lws-minimal')).ws.protocol).toBe('lws-minimal');
    expect((await new Client(url, 'lan-chat.v1').open()).ws.protocol).toBe('lan-chat.v1');
  });

  it("picks the first known protocol in the client's order", async () => {
    const { url } = await startRoom();
    expect((await new Client(url, ['chat', 'lan-chat.v1', 'lws-minimal']).open()).ws.protocol).toBe('lan-chat.v1');
    expect((await new Client(url, ['x-unknown', 'lws-minimal', 'lan-chat.v1']).open()).ws.protocol).toBe('lws-minimal');
  });

  it('refuses a handshake offering only unknown protocols with 400, never 101', async () => {
    const { url, room } = await startRoom();
    expect(await handshakeStatus(url, ['chat', 'mqtt'])).toBe(400);
    expect(room.clients()).toEqual([]);
  });

  it('accepts a handshake with no subprotocol as lws-minimal', async () => {
    const { url, room } = await startRoom();
    await new Client(url).open();
    await eventually(() => room.clients().length === 1, 'the client to join');
    expect(room.clients().map((c) => c.protocol)).toEqual(['lws-minimal']);
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) with 403', async () => {
    const { url, port } = await startRoom();
    const status = await handshakeStatus(url, 'lws-minimal', {
      headers: { host: `evil.example:${port}` },
      origin: `http://evil.example:${port}`,
    });
    expect(status).toBe(403);
  });

  it('refuses a cross-site Origin and the literal null with 403', async () => {
    const { url } = await startRoom();
    expect(await handshakeStatus(url, 'lws-minimal', { origin: 'http://attacker.example' })).toBe(403);
    expect(await handshakeStatus(url, 'lws-minimal', { origin: 'null' })).toBe(403);
  });

  it("accepts its own page's Origin, localhost, and no Origin at all", async () => {
    const { port } = await startRoom();
    expect(await handshakeStatus(`ws://127.0.0.1:${port}/`, 'lws-minimal', { origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await handshakeStatus(`ws://localhost:${port}/`, 'lws-minimal', { origin: `http://localhost:${port}` })).toBe(101);
    expect(await handshakeStatus(`ws://127.0.0.1:${port}/`, 'lws-minimal')).toBe(101);
  });
});
