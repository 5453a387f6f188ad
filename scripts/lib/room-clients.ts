// Real `ws` clients that play the people in a room: on `lws-minimal` (text in, text out) or on the rich
// protocol the peer page speaks. Every client records what it receives from the moment it is made and
// can wait for it. Used by the tests (the room's through test/support/room-fixture.ts, the pages' with
// the host harness) and by scripts/screenshot.mjs.
import { once } from 'node:events';
import WebSocket from 'ws';
import { RAW_PROTOCOL, RICH_PROTOCOL, type ServerMessage, type WelcomeMessage } from '../../common/protocol.js';

/** Clients not closed yet, for `terminateClients()`. */
const openSockets = new Set<WebSocket>();

/** Ends every client made here that is still open (a test's clean-up). */
export function terminateClients(): void {
  for (const ws of openSockets) ws.terminate();
  openSockets.clear();
}

/** A `ws` client that records every message it receives from the moment it is created. */
export class Client {
  readonly ws: WebSocket;
  readonly received: Buffer[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
    this.ws = new WebSocket(url, protocols, options);
    openSockets.add(this.ws);
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => {
      this.received.push(data);
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        openSockets.delete(this.ws);
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

  /** Waits for a rich message matching `predicate` (received already or later) and returns it. */
  async next<T extends ServerMessage>(predicate: (m: ServerMessage) => m is T, timeoutMs?: number): Promise<T>;
  async next(predicate: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  async next(predicate: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage> {
    let found: ServerMessage | undefined;
    await this.until(() => (found = this.messages().find(predicate)) !== undefined, 'a matching message', timeoutMs);
    return found!;
  }

  /** Waits for a text (a raw line) matching `predicate` (received already or later) and returns it. */
  async nextText(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    let found: string | undefined;
    await this.until(() => (found = this.texts().find(predicate)) !== undefined, 'a matching text', timeoutMs);
    return found!;
  }

  send(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  json(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Says `text` in the room as a rich client. */
  say(text: string): void {
    this.json({ type: 'chat', text });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** An open raw (`lws-minimal`) client. */
export function rawClient(url: string, protocols: string | string[] | undefined = RAW_PROTOCOL): Promise<Client> {
  return new Client(url, protocols).open();
}

/** What a rich client says in its hello. */
export interface Hello {
  name: string;
  session?: string;
  lastSeq?: number;
  pin?: string;
}

/** A rich client that has been welcomed into the room. */
export type RichClient = Client & { readonly welcome: WelcomeMessage };

/**
 * An open rich client that has sent hello (`hello`: its name, or the whole hello) and received its
 * welcome; fails at once if the room closes the connection instead. `options.localAddress`: connect
 * from another address.
 */
export async function joinRich(url: string, hello: string | Hello, options?: WebSocket.ClientOptions): Promise<RichClient> {
  const client = await new Client(url, RICH_PROTOCOL, options).open();
  client.json({ type: 'hello', v: 1, ...(typeof hello === 'string' ? { name: hello } : hello) });
  const welcome = await new Promise<WelcomeMessage>((resolve, reject) => {
    client.next((m): m is WelcomeMessage => m.type === 'welcome').then(resolve, reject);
    void client.closed.then(({ code }) => reject(new Error(`closed with ${code} before the welcome`)));
  });
  return Object.assign(client, { welcome });
}
