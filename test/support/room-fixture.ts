// Shared by the room's tests: start a real room on 127.0.0.1:0, open real `ws` clients (the ones in
// scripts/lib/room-clients.ts), wait for what they receive. Everything started here is stopped by
// `stopAll()` (call it in afterEach).
import type WebSocket from 'ws';
import type { WelcomeMessage } from '../../common/protocol.js';
import { Room, type RoomOptions } from '../../electron/room/room.js';
import { Client, joinRich, terminateClients, type Hello } from '../../scripts/lib/room-clients.js';

export { Client, rawClient } from '../../scripts/lib/room-clients.js';

const started: Room[] = [];

export async function startRoom(options: RoomOptions = {}): Promise<{ room: Room; port: number; url: string }> {
  const room = new Room({ bindAddress: '127.0.0.1', port: 0, ...options });
  started.push(room);
  const { port } = await room.listen();
  return { room, port, url: `ws://127.0.0.1:${port}/` };
}

export async function stopAll(): Promise<void> {
  terminateClients();
  await Promise.all(started.splice(0).map((room) => room.close()));
}

/** Polls `predicate` until it holds (for server-side state with no event to wait for). */
export async function eventually(predicate: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * An open rich client that has sent hello and received its welcome, as `{ client, welcome }`
 * (`options.localAddress`: connect from another address).
 */
export async function richClient(
  url: string,
  hello: Hello = { name: 'Ann' },
  options?: WebSocket.ClientOptions,
): Promise<{ client: Client; welcome: WelcomeMessage }> {
  const client = await joinRich(url, hello, options);
  return { client, welcome: client.welcome };
}

/** The HTTP status of a refused upgrade (the `ws` client reports it as 'unexpected-response'), or 101. */
export async function handshakeStatus(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions): Promise<number> {
  return (await handshakeAnswer(url, protocols, options)).status;
}

/** The status and the plain-text body of a handshake's answer (an empty body for a 101). */
export function handshakeAnswer(
  url: string,
  protocols?: string | string[],
  options?: WebSocket.ClientOptions,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { ws } = new Client(url, protocols, options);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        ws.terminate();
      });
    });
    ws.on('open', () => {
      resolve({ status: 101, body: '' });
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}
