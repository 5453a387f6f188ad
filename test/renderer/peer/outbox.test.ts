// The offline queue's way out (Outbox), writing through a real RoomConnection to a real room on
// 127.0.0.1: oldest first and once per socket, a refused message left out, what could not be written
// kept for the next socket, which writes again what is still pending; and in the page (RoomClient), a
// message slow mode refused goes again by itself once slow mode allows.
import { describe, expect, it } from 'vitest';
import type { PendingMessage } from '../../../renderer/peer/chat-state.js';
import { Outbox } from '../../../renderer/peer/outbox.js';
import { upload } from '../../support/files.js';
import { showing, texts, until, usePeerClients } from '../../support/peer-client.js';
import { startProxy } from '../../support/tcp-proxy.js';

const { defer, startRoom, startClient, startConnection } = usePeerClients();

const pending = (text: string, change: Partial<PendingMessage> = {}): PendingMessage => ({
  clientMsgId: `id-${text}`,
  text,
  createdAt: 0,
  ...change,
});

/** A connection joined to the room at `url` and an outbox writing to it. */
async function joinedOutbox(url: string) {
  const alice = startConnection(url);
  const outbox = new Outbox((message) => alice.connection.write(message));
  outbox.newSocket();
  const welcome = await alice.join();
  return { alice, outbox, session: welcome.type === 'welcome' ? welcome.session : '' };
}

/** Resolves once the room has echoed `text`: it answers in order, so all written before it is in too. */
const echoed = (alice: ReturnType<typeof startConnection>, text: string) => alice.frames.next((f) => f.type === 'chat' && f.text === text);

describe('Outbox', () => {
  it('writes what is pending oldest first, each once per socket, and leaves a refused one out', async () => {
    const { room, wsUrl } = await startRoom();
    const { alice, outbox } = await joinedOutbox(wsUrl);
    const queue = [pending('one'), pending('refused', { error: 'too-long' }), pending('two')];
    outbox.send(queue);
    outbox.send(queue);
    outbox.send([...queue, pending('three')]);
    alice.connection.write({ type: 'chat', text: 'marker' });
    await echoed(alice, 'marker');
    expect(room.history().map((m) => m.text)).toEqual(['one', 'two', 'three', 'marker']);
  });

  it('shares a message’s files by their upload ids', async () => {
    const { port, wsUrl } = await startRoom();
    const { alice, outbox, session } = await joinedOutbox(wsUrl);
    const bytes = Buffer.from('the minutes');
    const uploadId = await upload(`http://127.0.0.1:${port}/`, session, bytes, 'minutes.txt', 'text/plain');
    outbox.send([pending('with a file', { files: [{ uploadId, name: 'minutes.txt', size: bytes.length, type: 'text/plain' }] })]);
    expect(await echoed(alice, 'with a file')).toMatchObject({ files: [{ name: 'minutes.txt', size: bytes.length }] });
  });

  it('keeps what it could not write for later, and writes again on a new socket what is still pending', async () => {
    const { room, port } = await startRoom({ limits: { resumeGraceMs: 60_000 } });
    const proxy = await startProxy(port);
    defer(() => proxy.close());
    const url = `ws://127.0.0.1:${proxy.port}/`;
    const alice = startConnection(url);
    const outbox = new Outbox((message) => alice.connection.write(message));
    // The socket is not open yet: nothing is written, and nothing is lost.
    outbox.newSocket();
    await alice.join(() => outbox.send([pending('early'), pending('later')]));
    outbox.send([pending('early'), pending('later')]);
    await echoed(alice, 'later');

    // Written into a link that carries nothing any more: never delivered, so still pending.
    proxy.stall();
    const lost = pending('lost on the way');
    outbox.send([lost]);
    alice.connection.drop();
    proxy.unstall();
    outbox.newSocket();
    await alice.join();
    outbox.send([lost]);
    await echoed(alice, 'lost on the way');
    expect(room.history().map((m) => m.text)).toEqual(['early', 'later', 'lost on the way']);
  });
});

describe('the page’s queue under the host’s slow mode', () => {
  it('keeps a message the room refused as too soon pending, and sends it by itself when allowed', async () => {
    const { room, wsUrl } = await startRoom();
    room.setSlowMode(1);
    const { client } = startClient(wsUrl);
    client.join('Alice');
    await until(client, (s) => s.status.phase === 'online' && s.chat.slowModeSeconds === 1);
    // Two at once (a queue flushed on reconnect does this): the second is refused, kept and sent again.
    client.send('one');
    client.send('two');
    const waiting = await until(client, (s) => s.slowUntil > Date.now() && texts(s).length === 1);
    expect(waiting.chat.pending.map((p) => [p.text, p.error])).toEqual([['two', undefined]]);
    await showing(client, ['one', 'two']);
    expect(room.history().map((m) => m.text)).toEqual(['one', 'two']);
  });
});
