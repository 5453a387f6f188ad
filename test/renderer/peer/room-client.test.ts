// The peer page's connection layer without a browser: RoomClient over the `ws` package's WebSocket,
// against a real room on 127.0.0.1. Joining (PIN included), sending with the pending queue, typing,
// leaving, renaming, being removed, one person in two tabs, noticing a dead connection (heartbeat,
// offline), reconnecting with resume and the offline queue, and messages held for a room that changed.
// Its parts have their own files (room-connection, outbox, pin-keeper, frame-batches .test.ts); the
// page in Chromium is tested by main.test.ts and App.test.ts.
import { describe, expect, it } from 'vitest';
import { openHistoryLog } from '../../../electron/room/history-log.js';
import { joinRich } from '../../../scripts/lib/room-clients.js';
import { online, showing, texts, until, usePeerClients } from '../../support/peer-client.js';
import { startProxy } from '../../support/tcp-proxy.js';

const { defer, tempDir, startRoom, startClient, joinedThenDown } = usePeerClients();

describe('joining', () => {
  it('joins under a name: online, in the room with the host listed first, the session handed over', async () => {
    const { wsUrl } = await startRoom({ settings: { roomName: 'Team Room', hostName: 'Hostess' } });
    const { client, sessions } = startClient(wsUrl);
    expect(client.getSnapshot().status.phase).toBe('idle');
    client.join('Alice');
    expect(client.getSnapshot().status.phase).toBe('connecting');
    const snapshot = await online(client);
    expect(snapshot.entered).toBe(true);
    expect(snapshot.chat.me?.name).toBe('Alice');
    expect(snapshot.chat.roomName).toBe('Team Room');
    expect(snapshot.chat.participants.map((p) => p.name)).toEqual(['Hostess', 'Alice']);
    expect(sessions).toEqual([expect.any(String)]);
  });

  it('asks for the PIN, says when it is wrong, and gets in with the right one', async () => {
    const { wsUrl } = await startRoom({ settings: { pin: '2468' } });
    const { client } = startClient(wsUrl);
    client.join('Alice');
    expect((await until(client, (s) => s.status.phase === 'pin')).status).toEqual({ phase: 'pin', wrong: false });
    client.join('Alice', '1111');
    expect((await until(client, (s) => s.status.phase === 'pin' && s.status.wrong)).entered).toBe(false);
    client.join('Alice', '2468');
    await online(client);
  });
});

describe('chatting', () => {
  it('keeps a sent message pending until the room has it, then shows it as own; others get it; theirs count as incoming', async () => {
    const { room, wsUrl } = await startRoom();
    const bob = await joinRich(wsUrl, 'Bob');
    defer(() => bob.ws.close());
    const { client, incoming } = startClient(wsUrl);
    client.join('Alice');
    await online(client);

    expect(client.send('hello')).toBe('ok');
    expect(client.getSnapshot().chat.pending.map((p) => p.text)).toEqual(['hello']);
    const snapshot = await showing(client, ['hello']);
    expect(snapshot.chat.timeline.at(-1)).toMatchObject({ kind: 'chat', own: true });
    await bob.next((m) => m.type === 'chat' && m.text === 'hello' && m.from.name === 'Alice');
    expect(room.history().map((m) => m.text)).toEqual(['hello']);
    // Our own message is not news to us; Bob's answer is.
    expect(incoming).toEqual([]);
    bob.say('hello back');
    await showing(client, ['hello', 'hello back']);
    expect(incoming).toEqual([1]);
  });

  it('refuses empty and over-long text before it leaves the page', async () => {
    const { room, wsUrl } = await startRoom({ limits: { maxMessageBytes: 100 } });
    const { client } = startClient(wsUrl);
    client.join('Alice');
    await online(client);
    expect(client.send('  \n ')).toBe('empty');
    expect(client.send('好'.repeat(40))).toBe('too-long'); // 120 bytes in UTF-8
    expect(client.getSnapshot().chat.pending).toEqual([]);
    expect(client.send('好'.repeat(33))).toBe('ok'); // 99 bytes
    await showing(client, ['好'.repeat(33)]);
    expect(room.history()).toHaveLength(1);
  });

  it('tells others while text is being typed and stops when it is sent', async () => {
    const { wsUrl } = await startRoom();
    const bob = await joinRich(wsUrl, 'Bob');
    defer(() => bob.ws.close());
    const { client } = startClient(wsUrl);
    client.join('Alice');
    await online(client);
    client.typed('hel');
    await bob.next((m) => m.type === 'typing' && m.typing && m.participant.name === 'Alice');
    client.send('hello');
    await bob.next((m) => m.type === 'typing' && !m.typing && m.participant.name === 'Alice');

    // And the other way round: Bob typing shows, and his message ends it.
    bob.ws.send(JSON.stringify({ type: 'typing', typing: true }));
    await until(client, (s) => s.chat.typing.some((t) => t.participant.name === 'Bob'));
    bob.say('hi');
    const snapshot = await until(client, (s) => texts(s).includes('hi'));
    expect(snapshot.chat.typing).toEqual([]);
  });
});

describe('leaving, renaming, being removed', () => {
  it('leaves for good: others see it, and the client is idle with no session', async () => {
    const { wsUrl } = await startRoom();
    const bob = await joinRich(wsUrl, 'Bob');
    defer(() => bob.ws.close());
    const { client, sessions } = startClient(wsUrl);
    client.join('Alice');
    await online(client);
    client.leave();
    expect(client.getSnapshot()).toMatchObject({
      status: { phase: 'left', name: 'Alice' },
      entered: false,
      chat: { timeline: [], me: null },
    });
    expect(sessions.at(-1)).toBeNull();
    const left = await bob.next((m) => m.type === 'leave' && m.participant.name === 'Alice');
    expect(left).toMatchObject({ reason: 'left' });
  });

  it('renames: the room’s answer updates who we are and the People list', async () => {
    const { wsUrl } = await startRoom();
    const { client } = startClient(wsUrl);
    client.join('Alice');
    await online(client);
    expect(client.rename('Alicia')).toBe(true);
    const snapshot = await until(client, (s) => s.chat.me?.name === 'Alicia');
    expect(snapshot.chat.participants.map((p) => p.name)).toContain('Alicia');
    expect(snapshot.chat.timeline.at(-1)).toMatchObject({ kind: 'presence', event: { type: 'rename', oldName: 'Alice' } });
  });

  it('stops when the host removes it, forgets the session and does not come back on its own', async () => {
    const { room, wsUrl } = await startRoom();
    const { client, sessions } = startClient(wsUrl);
    client.join('Alice');
    const { chat } = await online(client);
    room.kick(chat.me!.id);
    await until(client, (s) => s.status.phase === 'stopped' && s.status.reason === 'kicked');
    expect(sessions.at(-1)).toBeNull();
    expect(room.clients()).toEqual([]);
  });

  it('keeps both tabs of one session in the room: one participant, each tab sends and sees everything', async () => {
    const { room, wsUrl } = await startRoom();
    const first = startClient(wsUrl);
    first.client.join('Alice');
    await online(first.client);
    const second = startClient(wsUrl);
    second.client.rejoin('Alice', first.sessions[0]!);
    const resumed = await online(second.client);
    expect(resumed.chat.me?.id).toBe(first.client.getSnapshot().chat.me?.id);
    expect(room.clients().map((c) => c.name)).toEqual(['Alice']);

    first.client.send('from the first tab');
    second.client.send('from the second tab');
    for (const { client } of [first, second]) await showing(client, ['from the first tab', 'from the second tab']);
    expect(first.client.getSnapshot().status.phase).toBe('online');
    // Either tab's messages are the person's own in both.
    for (const { client } of [first, second]) {
      expect(client.getSnapshot().chat.timeline.every((item) => item.kind !== 'chat' || item.own)).toBe(true);
    }
    // Closing one tab leaves the person in the room on the other.
    second.client.leave();
    room.send('still here?');
    await showing(first.client, ['from the first tab', 'from the second tab', 'still here?']);
    expect(room.clients().map((c) => c.name)).toEqual(['Alice']);
  });
});

describe('reconnecting', () => {
  it('reconnects after the room restarts on the same port; what was sent while it was down arrives once', async () => {
    const historyLog = openHistoryLog(tempDir());
    defer(() => historyLog.close());
    // The same room (as RoomHost runs it from a data directory, keeping its id).
    const first = await startRoom({ historyLog, roomId: 'the-same-room-0123456789' });
    const { client } = startClient(first.wsUrl);
    client.join('Alice');
    await online(client);
    client.send('before');
    await showing(client, ['before']);

    await first.room.close();
    await until(client, (s) => s.status.phase === 'waiting');
    expect(client.send('queued 1')).toBe('ok');
    expect(client.send('queued 2')).toBe('ok');
    expect(client.getSnapshot().chat.pending.map((p) => p.text)).toEqual(['queued 1', 'queued 2']);
    // Woken (the browser says it is online again), it tries at once instead of after the backoff.
    client.wake();
    expect(client.getSnapshot().status.phase).toBe('connecting');

    const second = await startRoom({ historyLog, port: first.port, roomId: 'the-same-room-0123456789' });
    second.room.send('from the restarted host');
    await showing(client, ['before', 'from the restarted host', 'queued 1', 'queued 2']);
    expect(second.room.history().map((m) => m.text)).toEqual(['before', 'from the restarted host', 'queued 1', 'queued 2']);
  });

  it("never shows someone else's message as its own after the room restarted (issue 10, finding 4)", async () => {
    // The room restarts with nothing remembered (the app does this when the port changes); Mallory is
    // in first, and the page, still open, comes back.
    const { first, client } = await joinedThenDown({}, undefined, async (alice) => {
      alice.send('hello from Alice');
      await showing(alice, ['hello from Alice']);
    });
    const second = await startRoom({ port: first.port });
    const mallory = await joinRich(second.wsUrl, 'Mallory');
    defer(() => mallory.ws.close());
    client.wake();
    await online(client);
    mallory.say('I agree to pay 500');
    const snapshot = await until(client, (s) => texts(s).includes('I agree to pay 500'));
    const item = snapshot.chat.timeline.find((i) => i.kind === 'chat' && i.message.text === 'I agree to pay 500');
    expect(item).toMatchObject({ kind: 'chat', own: false, message: { from: { name: 'Mallory' } } });
    expect(snapshot.chat.myIds).not.toContain(mallory.welcome.you.id);
  });

  it('notices a connection that went silent (no close), says so, queues, and resumes as the same person', async () => {
    // The room's heartbeat interval is what the page checks against: short here.
    const { room, port } = await startRoom({ limits: { heartbeatMs: 400, resumeGraceMs: 60_000 } });
    const proxy = await startProxy(port);
    defer(() => proxy.close());
    const { client } = startClient(`ws://127.0.0.1:${proxy.port}/`);
    client.join('Alice');
    const { chat } = await online(client);

    proxy.stall();
    const lost = await until(client, (s) => s.lost && s.status.phase !== 'online', 5_000);
    expect(lost.entered).toBe(true);
    client.send('sent while lost');
    expect(client.getSnapshot().chat.pending.map((p) => p.text)).toEqual(['sent while lost']);

    proxy.unstall();
    client.wake();
    const back = await showing(client, ['sent while lost']);
    expect(back.lost).toBe(false);
    expect(back.chat.me?.id).toBe(chat.me?.id);
    expect(room.history().map((m) => m.text)).toEqual(['sent while lost']);
  });

  it('says it is offline at once when the device goes offline, and comes back when woken', async () => {
    const { wsUrl } = await startRoom();
    const { client } = startClient(wsUrl);
    client.join('Alice');
    await online(client);
    client.offline();
    expect(client.getSnapshot()).toMatchObject({ lost: true, status: { phase: 'waiting' } });
    client.wake();
    await online(client);
    expect(client.getSnapshot().lost).toBe(false);
  });

  it('resumes a network blip from its last sequence number: missed messages once, no leave and join for others', async () => {
    const { room, port, wsUrl } = await startRoom();
    const proxy = await startProxy(port);
    defer(() => proxy.close());
    const bob = await joinRich(wsUrl, 'Bob');
    defer(() => bob.ws.close());
    const { client, sessions } = startClient(`ws://127.0.0.1:${proxy.port}/`);
    client.join('Alice');
    await online(client);
    client.send('one');
    await showing(client, ['one']);

    const seenByBob = bob.messages().length;
    proxy.setUp(false);
    await until(client, (s) => s.status.phase === 'waiting');
    room.send('two');
    bob.say('three');
    await bob.next((m) => m.type === 'chat' && m.text === 'three');

    proxy.setUp(true);
    client.wake();
    const snapshot = await showing(client, ['one', 'two', 'three']);
    expect(snapshot.chat.timeline.filter((item) => item.kind !== 'chat')).toEqual([]);
    // The same session throughout, and nobody saw Alice leave or come back.
    expect(new Set(sessions).size).toBe(1);
    const bobSawSince = bob.messages().slice(seenByBob);
    expect(bobSawSince.filter((m) => m.type === 'join' || m.type === 'leave')).toEqual([]);
  });
});

describe('a room whose identity changed (issue 10, finding 11)', () => {
  const ROOM_A = 'room-a-0123456789abcdef';

  it('keeps messages typed for one room from going to another until the person says so', async () => {
    const { first, client } = await joinedThenDown({ roomId: ROOM_A });
    client.send('for the old room');

    const second = await startRoom({ roomId: 'room-b-0123456789abcdef', port: first.port });
    client.wake();
    const held = await until(client, (s) => s.status.phase === 'online' && s.held);
    expect(held.chat.pending.map((p) => p.text)).toEqual(['for the old room']);
    expect(held.chat.timeline.at(-1)).toMatchObject({ kind: 'room-changed' });
    // Nothing went out meanwhile: the room answers in order, so a rename it has answered came after
    // anything the welcome could have sent.
    client.rename('Alicia');
    await until(client, (s) => s.chat.me?.name === 'Alicia');
    expect(second.room.history()).toEqual([]);

    client.sendHeld();
    await until(client, (s) => s.chat.pending.length === 0);
    expect(second.room.history().map((m) => m.text)).toEqual(['for the old room']);
  });
});

describe('the host’s rules', () => {
  it('waits in the lobby, then is welcomed when admitted', async () => {
    const { room, wsUrl } = await startRoom();
    room.setWaitingRoom(true);
    const { client } = startClient(wsUrl);
    client.join('Carol');
    await until(client, (s) => s.status.phase === 'lobby');
    room.admitAll();
    await online(client);
  });

  it('a ban ends the session for good and forgets it; the page is told until when', async () => {
    const { room, wsUrl } = await startRoom();
    const { client, sessions } = startClient(wsUrl);
    client.join('Mallory');
    await online(client);
    const before = Date.now();
    room.ban(room.clients()[0]!.id, 5);
    const { status } = await until(client, (s) => s.status.phase === 'stopped');
    expect(status).toMatchObject({ phase: 'stopped', reason: 'banned', dropped: 0 });
    const until5 = (status as { until: number }).until;
    expect(until5).toBeGreaterThanOrEqual(before + 5 * 60_000 - 1000);
    expect(sessions.at(-1)).toBeNull();
  });
});
