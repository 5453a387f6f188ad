// Durability under a crash: a headless host with a data directory is killed with SIGKILL in the middle
// of a burst from several clients; after a restart on the same directory every message that any client
// had received must be in the export, seqs must continue, and a rich client must resume without a gap.
import { isDeepStrictEqual } from 'node:util';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HistoryExport } from '../../../electron/room/export-format.js';
import { RAW_PROTOCOL, RICH_PROTOCOL, type ChatBroadcast, type ServerMessage, type WelcomeMessage } from '../../../common/protocol.js';
import type { ChatMessage } from '../../../common/model.js';
import { CliProcess, runCli } from '../../support/cli-host.js';
import { useCleanups } from '../../support/cleanup.js';

/** Messages each sender sends unless the host dies first (it always does, well before). */
const MESSAGES_PER_SENDER = 5000;
/** Messages a sender puts on the wire per event-loop turn. */
const SENDER_CHUNK = 20;
/** The host is killed once the observer has received this many chat messages. */
const KILL_AFTER = 400;

const { defer, tempDir } = useCleanups('lan-chat-crash-');

function startHost(dataDir: string): CliProcess {
  // Generous rate limits: the point is a burst in flight at the moment of the kill, not pacing.
  const host = new CliProcess([
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--quiet',
    '--rate-burst',
    '100000',
    '--rate-per-second',
    '100000',
  ]);
  defer(() => host.stop());
  return host;
}

function connect(port: number, protocol: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, protocol);
  defer(() => ws.terminate());
  ws.on('error', () => {}); // the host is killed under it
  return new Promise((resolve, reject) => ws.once('open', () => resolve(ws)).once('error', reject));
}

interface RichClient {
  ws: WebSocket;
  welcome: WelcomeMessage;
  chats: ChatBroadcast[];
}

async function richClient(port: number, hello: { name: string; lastSeq?: number; session?: string }): Promise<RichClient> {
  const ws = await connect(port, RICH_PROTOCOL);
  const chats: ChatBroadcast[] = [];
  const welcome = await new Promise<WelcomeMessage>((resolve) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'welcome') resolve(message);
      if (message.type === 'chat') chats.push(message);
    });
    ws.send(JSON.stringify({ type: 'hello', v: 1, ...hello }));
  });
  return { ws, welcome, chats };
}

/** Sends numbered messages a chunk per turn until done or the socket is gone. */
function burst(ws: WebSocket, encode: (n: number) => string): void {
  let n = 0;
  const step = () => {
    for (let i = 0; i < SENDER_CHUNK && n < MESSAGES_PER_SENDER; i++) {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(encode(n++));
    }
    if (n < MESSAGES_PER_SENDER) setImmediate(step);
  };
  step();
}

async function exported(dataDir: string): Promise<ChatMessage[]> {
  const result = await runCli(['export', '--data-dir', dataDir, '--format', 'json']);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as HistoryExport).messages;
}

it('keeps every message any client received when the host is killed mid-burst', async () => {
  const dataDir = tempDir();
  const host = startHost(dataDir);
  const port = await host.listeningPort();

  // Observers: a raw client (receives every message as text) and a rich one (receives seqs).
  const rawReceived: string[] = [];
  const rawObserver = await connect(port, RAW_PROTOCOL);
  rawObserver.on('message', (data) => rawReceived.push(String(data)));
  const observer = await richClient(port, { name: 'Observer' });

  const rawSenders = await Promise.all([connect(port, RAW_PROTOCOL), connect(port, RAW_PROTOCOL)]);
  const richSenders = await Promise.all([richClient(port, { name: 'Rich A' }), richClient(port, { name: 'Rich B' })]);

  const killed = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (observer.chats.length < KILL_AFTER) return;
      clearInterval(check);
      process.kill(host.pid, 'SIGKILL');
      resolve();
    }, 1);
  });
  rawSenders.forEach((ws, s) => burst(ws, (n) => `raw${s}-${n}`));
  richSenders.forEach((client, s) =>
    burst(client.ws, (n) => JSON.stringify({ type: 'chat', text: `rich${s}-${n}`, clientMsgId: `r${s}-${n}` })),
  );
  await killed;
  expect(await host.exited).toEqual({ code: null, signal: 'SIGKILL' });
  // Whatever was still in flight to the clients has arrived (or never will) once their sockets close.
  await Promise.all(
    [rawObserver, observer.ws, ...rawSenders, ...richSenders.map((c) => c.ws)].map(
      (ws) => new Promise((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve(null) : ws.once('close', resolve))),
    ),
  );

  const stored = await exported(dataDir);
  const storedBySeq = new Map(stored.map((m) => [m.seq, m]));
  const storedRawForm = new Set(stored.map((m) => (m.from.kind === 'raw' ? m.text : `${m.from.name}: ${m.text}`)));

  // Everything any rich client received, by seq, with its exact content (the export leaves out the pages' clientMsgId).
  const richReceived = new Map<number, ChatMessage>();
  for (const client of [observer, ...richSenders]) {
    for (const { type: _type, clientMsgId: _id, ...message } of client.chats) richReceived.set(message.seq, message);
  }
  const missingRich = [...richReceived.values()].filter((m) => !isDeepStrictEqual(storedBySeq.get(m.seq), m));
  const missingRaw = rawReceived.filter((text) => !storedRawForm.has(text));

  const acknowledged = new Set([...richReceived.keys()]).size;
  console.info(
    `crash test: rich clients received ${acknowledged} distinct messages, the raw observer ${rawReceived.length}; ` +
      `${stored.length} recovered from the log after kill -9; missing: ${missingRich.length} (rich), ${missingRaw.length} (raw)`,
  );
  expect(acknowledged).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(missingRich).toEqual([]);
  expect(missingRaw).toEqual([]);
  // The log holds a gap-free run of seqs from 1.
  expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
  const lastStored = stored.at(-1)!.seq;

  // Restart on the same directory: seqs continue, a rich client resumes exactly where it was.
  const restarted = startHost(dataDir);
  const newPort = await restarted.listeningPort();
  const lastSeen = observer.chats.at(-1)!.seq;
  const resumedFrom = lastSeen - 50;
  const resumer = await richClient(newPort, { name: 'Observer', lastSeq: resumedFrom });
  expect(resumer.welcome.resumed).toBe(true);
  expect(resumer.welcome.lastSeq).toBe(lastStored);
  expect(resumer.welcome.history.map(({ clientMsgId: _, ...message }) => message)).toEqual(stored.filter((m) => m.seq > resumedFrom));

  const sender = await richClient(newPort, { name: 'After' });
  sender.ws.send(JSON.stringify({ type: 'chat', text: 'after the crash' }));
  await expect.poll(() => resumer.chats.length).toBe(1);
  expect(resumer.chats[0]).toMatchObject({ seq: lastStored + 1, text: 'after the crash' });
  expect((await exported(dataDir)).at(-1)).toMatchObject({ seq: lastStored + 1, text: 'after the crash' });
});
