// Small `ws` clients that play the people in a room: one on the rich protocol (what the peer page
// speaks) and one on `lws-minimal`. Used with the host harness by tests and by scripts/screenshot.mjs.
import { WebSocket } from 'ws';
import { RAW_PROTOCOL, RICH_PROTOCOL, type ServerMessage, type WelcomeMessage } from '../../common/protocol.js';

/** A client of the rich protocol, joined (its `welcome` received). */
export interface RichClient {
  ws: WebSocket;
  welcome: WelcomeMessage;
  /** Everything received after the welcome, in order. */
  received: ServerMessage[];
  say(text: string): void;
  /** Resolves with the first received message (already or later) that matches. */
  waitFor(match: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  /** Resolves with the close code. */
  closed: Promise<number>;
}

export async function joinRich(wsUrl: string, name: string): Promise<RichClient> {
  const ws = new WebSocket(wsUrl, RICH_PROTOCOL);
  const received: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
  const welcome = await new Promise<WelcomeMessage>((done, fail) => {
    ws.on('error', fail);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, name })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'welcome') done(message);
      else received.push(message);
      for (const wake of waiters) wake();
    });
    void closed.then((code) => fail(new Error(`closed with ${code} before welcome`)));
  });
  return {
    ws,
    welcome,
    received,
    say: (text) => ws.send(JSON.stringify({ type: 'chat', text })),
    waitFor: (match, timeoutMs = 5000) => waitUntil(() => received.find(match), waiters, timeoutMs),
    closed,
  };
}

/** A plain `lws-minimal` client: text in, text out. */
export interface RawClient {
  ws: WebSocket;
  received: string[];
  waitFor(match: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  closed: Promise<number>;
}

export async function joinRaw(wsUrl: string): Promise<RawClient> {
  const ws = new WebSocket(wsUrl, RAW_PROTOCOL);
  const received: string[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
  ws.on('message', (data) => {
    received.push(String(data));
    for (const wake of waiters) wake();
  });
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
  return { ws, received, waitFor: (match, timeoutMs = 5000) => waitUntil(() => received.find(match), waiters, timeoutMs), closed };
}

function waitUntil<T>(find: () => T | undefined, waiters: Set<() => void>, timeoutMs: number): Promise<T> {
  return new Promise((done, fail) => {
    const check = () => {
      const found = find();
      if (found === undefined) return;
      cleanup();
      done(found);
    };
    const timer = setTimeout(() => {
      cleanup();
      fail(new Error(`nothing matching arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}
