// Shared by the room's tests: start a real room on 127.0.0.1:0, open real `ws` clients, wait for what
// they receive. Everything started here is stopped by `stopAll()` (call it in afterEach).
import { once } from 'node:events';
import WebSocket from 'ws';
import type { ServerMessage } from '../../common/protocol.js';
import { Room, type RoomOptions } from '../../electron/room/room.js';

const started: Room[] = [];
const opened: WebSocket[] = [];

export async function startRoom(options: RoomOptions = {}): Promise<{ room: Room; port: number; url: string }> {
  const room = new Room({ bindAddress: '127.0.0.1', port: 0, ...options });
  started.push(room);
  const { port } = await room.listen();
  return { room, port, url: `ws://127.0.0.1:${port}/` };
}

export async function stopAll(): Promise<void> {
  for (const ws of opened.splice(0)) ws.terminate();
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

/** A `ws` client that records every message it receives from the moment it is created. */
export class Client {
  readonly ws: WebSocket;
  readonly received: Buffer[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
    this.ws = new WebSocket(url, protocols, options);
    opened.push(this.ws);
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => {
      this.received.push(data);
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.notify();
      });
    });
  }

  async open(): Promise<this> {
    if (this.ws.readyState !== WebSocket.OPEN) await once(this.ws, 'open');
    return this;
  }

  /** Texts received so far. */
  texts(): string[] {
    return this.received.map((b) => b.toString('utf8'));
  }

  /** Rich messages received so far. */
  messages(): ServerMessage[] {
    return this.texts().map((t) => JSON.parse(t) as ServerMessage);
  }

  /** Resolves once `predicate` holds (checked on every message), failing after `timeoutMs`. */
  async until(predicate: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${this.received.length} messages`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async untilCount(n: number, timeoutMs?: number): Promise<void> {
    await this.until(() => this.received.length >= n, `${n} messages`, timeoutMs);
  }

  /** Waits for a rich message matching `predicate` and returns it. */
  async next<T extends ServerMessage>(predicate: (m: ServerMessage) => m is T, timeoutMs?: number): Promise<T>;
  async next(predicate: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  async next(predicate: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage> {
    let found: ServerMessage | undefined;
    await this.until(() => (found = this.messages().find(predicate)) !== undefined, 'a matching message', timeoutMs);
    return found!;
  }

  send(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  json(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** An open raw (`lws-minimal`) client. */
export function rawClient(url: string, protocols: string | string[] | undefined = 'lws-minimal'): Promise<Client> {
  return new Client(url, protocols).open();
}

/** An open rich client that has sent hello and received its welcome (`options.localAddress`: connect from another address). */
export async function richClient(
  url: string,
  hello: { name: string; session?: string; lastSeq?: number; pin?: string } = { name: 'Ann' },
  options?: WebSocket.ClientOptions,
): Promise<{ client: Client; welcome: Extract<ServerMessage, { type: 'welcome' }> }> {
  const client = await new Client(url, 'lan-chat.v1', options).open();
  client.json({ type: 'hello', v: 1, ...hello });
  const welcome = await client.next((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome');
  return { client, welcome };
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
    const ws = new WebSocket(url, protocols, options);
    opened.push(ws);
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
