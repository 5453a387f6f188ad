// The rich protocol: hello/welcome, the message types, errors, the PIN in hello, and resume.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatBroadcast, ServerMessage } from '../../../common/protocol.js';
import type { PresenceEvent } from '../../../common/model.js';
import { Client, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

const isChat = (m: ServerMessage): m is ChatBroadcast => m.type === 'chat';
const chats = (c: Client) => c.messages().filter(isChat);
const presence = (c: Client, type: PresenceEvent['type']) => c.messages().filter((m) => m.type === type);

describe('hello and welcome', () => {
  it('welcomes with identity, session, participants (host first), recent history and lastSeq', async () => {
    const { url, room } = await startRoom({ settings: { roomName: 'Lab', hostName: 'Teacher' } });
    room.send('first');
    room.send('second');
    const { welcome: bob } = await richClient(url, { name: 'Bob' });
    const { welcome } = await richClient(url, { name: 'Ann' });
    expect(welcome).toMatchObject({
      type: 'welcome',
      v: 1,
      you: { name: 'Ann', kind: 'rich' },
      room: {
        id: expect.stringMatching(/^[\w-]{22}$/),
        name: 'Lab',
        hostName: 'Teacher',
        maxMessageBytes: 16384,
        maxNameLength: 32,
        heartbeatMs: 15_000,
      },
      resumed: false,
      lastSeq: 2,
    });
    expect(welcome.session).toMatch(/^[\w-]{20,}$/);
    expect(welcome.participants.map((p) => p.name)).toEqual(['Teacher', 'Bob', 'Ann']);
    expect(welcome.participants[0]).toEqual({ id: 'host', name: 'Teacher', kind: 'host' });
    expect(welcome.history.map((m) => [m.seq, m.text, m.from.kind])).toEqual([
      [1, 'first', 'host'],
      [2, 'second', 'host'],
    ]);
    expect(bob.you.id).not.toBe(welcome.you.id);
  });

  it('answers frames before hello, unknown types and bad JSON with a bad-request error, and stays open', async () => {
    const { url } = await startRoom();
    const client = await new Client(url, 'lan-chat.v1').open();
    client.json({ type: 'chat', text: 'too early' });
    client.send('not json');
    client.json({ type: 'dance' });
    await client.untilCount(3);
    expect(client.messages().map((m) => m.type === 'error' && m.code)).toEqual(['bad-request', 'bad-request', 'bad-request']);
    client.json({ type: 'hello', v: 1, name: 'Late' });
    await client.next((m) => m.type === 'welcome');
  });

  it('answers a hello with a malformed field with bad-request and lets the client try again', async () => {
    const { url } = await startRoom();
    const client = await new Client(url, 'lan-chat.v1').open();
    for (const bad of [{ name: 7 }, { name: 'A', lastSeq: -1 }, { name: 'A', session: 5 }, { name: 'A', pin: 1234 }]) {
      client.json({ type: 'hello', v: 1, ...bad });
    }
    await client.untilCount(4);
    expect(client.messages().map((m) => m.type === 'error' && m.code)).toEqual(Array(4).fill('bad-request'));
    client.json({ type: 'hello', v: 1, name: 'A' });
    await client.next((m) => m.type === 'welcome');
  });

  it('closes a hello of another protocol version with 1002, saying which version the room speaks', async () => {
    const { url, room } = await startRoom();
    const client = await new Client(url, 'lan-chat.v1').open();
    client.json({ type: 'hello', v: 2, name: 'Future' });
    expect((await client.closed).code).toBe(1002);
    expect(client.messages()).toMatchObject([{ type: 'error', code: 'bad-request', message: expect.stringMatching(/speaks 1/) }]);
    expect(room.clients()).toEqual([]);
  });

  it('answers a second hello with bad-request and keeps the participant as it was', async () => {
    const { url, room } = await startRoom();
    const { client, welcome } = await richClient(url, { name: 'Ann' });
    client.json({ type: 'hello', v: 1, name: 'Someone else' });
    const error = await client.next((m) => m.type === 'error');
    expect(error).toMatchObject({ code: 'bad-request', message: 'Already joined.' });
    expect(room.clients()).toMatchObject([{ id: welcome.you.id, name: 'Ann' }]);
  });
});

describe('chat', () => {
  it('broadcasts with seq, ts, sender and the echoed clientMsgId, to the sender too', async () => {
    const { url, room } = await startRoom();
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    const { client: bob } = await richClient(url, { name: 'Bob' });
    const seen: number[] = [];
    room.on('chat', (m) => seen.push(m.seq));
    ann.json({ type: 'chat', text: 'hello', clientMsgId: 'm-1' });
    await bob.until(() => chats(bob).length === 1);
    await ann.until(() => chats(ann).length === 1);
    const [copy] = chats(bob);
    expect(copy).toMatchObject({ type: 'chat', seq: 1, text: 'hello', clientMsgId: 'm-1', from: welcome.you });
    expect(Math.abs(copy!.ts - Date.now())).toBeLessThan(5000);
    expect(chats(ann)[0]).toEqual(copy);
    expect(seen).toEqual([1]);
  });

  it('reports empty, too-long and malformed chat as errors carrying the clientMsgId', async () => {
    const { url, room } = await startRoom({ limits: { maxMessageBytes: 100 } });
    const { client } = await richClient(url);
    client.json({ type: 'chat', text: ' \n\t ', clientMsgId: 'a' });
    client.json({ type: 'chat', text: 'é'.repeat(51), clientMsgId: 'b' });
    client.json({ type: 'chat', text: 42, clientMsgId: 'c' });
    client.json({ type: 'chat', text: 'fits', clientMsgId: 'd' });
    await client.until(() => chats(client).length === 1);
    const errors = client.messages().filter((m) => m.type === 'error');
    expect(errors.map((e) => e.type === 'error' && [e.code, e.clientMsgId])).toEqual([
      ['empty', 'a'],
      ['too-long', 'b'],
      ['bad-request', 'c'],
    ]);
    expect(room.history().map((m) => m.text)).toEqual(['fits']);
  });

  it('strips control characters except newline and tab from rich text', async () => {
    const { url, room } = await startRoom();
    const { client } = await richClient(url);
    client.json({ type: 'chat', text: 'a\u0000b\u0007c\r\nd\te\u009f' });
    await client.until(() => chats(client).length === 1);
    expect(chats(client)[0]!.text).toBe('abc\nd\te');
    expect(room.history()[0]!.text).toBe('abc\nd\te');
  });
});

describe('presence and typing', () => {
  it('announces join, rename and leave to others, with afterSeq', async () => {
    const { url, room } = await startRoom();
    const { client: ann } = await richClient(url, { name: 'Ann' });
    room.send('one');
    const { client: bob, welcome } = await richClient(url, { name: 'Bob' });
    const join = await ann.next((m) => m.type === 'join');
    expect(join).toMatchObject({ type: 'join', afterSeq: 1, participant: welcome.you });
    bob.json({ type: 'rename', name: 'Robert' });
    const rename = await ann.next((m) => m.type === 'rename');
    expect(rename).toMatchObject({ oldName: 'Bob', participant: { id: welcome.you.id, name: 'Robert' } });
    bob.ws.close(1000);
    const leave = await ann.next((m) => m.type === 'leave');
    expect(leave).toMatchObject({ reason: 'left', participant: { id: welcome.you.id, name: 'Robert' } });
    expect(presence(bob, 'join')).toEqual([]);
  });

  it('relays typing to others only, and not again while it stays on', async () => {
    const { url } = await startRoom();
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    const { client: bob } = await richClient(url, { name: 'Bob' });
    ann.json({ type: 'typing', typing: true });
    ann.json({ type: 'typing', typing: true });
    ann.json({ type: 'typing', typing: false });
    ann.json({ type: 'chat', text: 'done' });
    await bob.until(() => chats(bob).length === 1);
    const typing = bob.messages().filter((m) => m.type === 'typing');
    expect(typing).toEqual([
      { type: 'typing', participant: welcome.you, typing: true },
      { type: 'typing', participant: welcome.you, typing: false },
    ]);
    await ann.until(() => chats(ann).length === 1);
    expect(ann.messages().filter((m) => m.type === 'typing')).toEqual([]);
  });
});

describe('PIN', () => {
  it('requires the PIN in hello (4001 without, 4003 wrong) and accepts the right one', async () => {
    const { url } = await startRoom({ settings: { pin: '4321' } });
    const none = await new Client(url, 'lan-chat.v1').open();
    none.json({ type: 'hello', v: 1, name: 'A' });
    expect((await none.closed).code).toBe(4001);
    expect(none.messages()).toMatchObject([{ type: 'error', code: 'pin-required' }]);
    const wrong = await new Client(url, 'lan-chat.v1').open();
    wrong.json({ type: 'hello', v: 1, name: 'A', pin: '1111' });
    expect((await wrong.closed).code).toBe(4003);
    expect(wrong.messages()).toMatchObject([{ type: 'error', code: 'pin-wrong' }]);
    const { welcome } = await richClient(url, { name: 'A', pin: '4321' });
    expect(welcome.you.name).toBe('A');
    const { welcome: viaUrl } = await richClient(`${url}?pin=4321`, { name: 'B' });
    expect(viaUrl.you.name).toBe('B');
  });

  it('locks an address out after maxPinFailures wrong PINs, even for the right one, but lets a session resume', async () => {
    const { url } = await startRoom({ settings: { pin: '4321' }, limits: { maxPinFailures: 3 } });
    const { welcome } = await richClient(url, { name: 'Member', pin: '4321' });
    const attempt = async (hello: object) => {
      const client = await new Client(url, 'lan-chat.v1').open();
      client.json({ type: 'hello', v: 1, name: 'Guess', ...hello });
      return { client, ...(await client.closed) };
    };
    for (const pin of ['0000', '0001', '0002']) expect((await attempt({ pin })).code).toBe(4003);
    const locked = await attempt({ pin: '4321' });
    expect(locked.code).toBe(4003);
    expect(locked.reason).toMatch(/too many wrong PINs; wait 60 s/);
    const [error] = locked.client.messages();
    expect(error).toMatchObject({ type: 'error', code: 'pin-locked', message: expect.stringMatching(/wait 60 s/) });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(55_000);
    // A session already admitted proved the PIN before: it is not a guess.
    const { welcome: resumed } = await richClient(url, { name: 'Member', session: welcome.session });
    expect(resumed.you).toEqual(welcome.you);
  });
});

describe('resume', () => {
  it('resumes after a dropped connection: same participant, exactly the missed messages, no leave/join', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    room.send('seen 1');
    room.send('seen 2');
    await ann.until(() => chats(ann).length === 2);
    const lastSeq = chats(ann).at(-1)!.seq;
    ann.ws.terminate(); // a blip: no closing handshake
    await ann.closed;
    room.send('missed 3');
    room.send('missed 4');
    await watcher.until(() => chats(watcher).length === 4);
    const { client: again, welcome: resumed } = await richClient(url, { name: 'ignored', session: welcome.session, lastSeq });
    expect(resumed.you).toEqual(welcome.you);
    expect(resumed.resumed).toBe(true);
    expect(resumed.history.map((m) => m.text)).toEqual(['missed 3', 'missed 4']);
    expect(resumed.lastSeq).toBe(4);
    room.send('live 5');
    await again.until(() => chats(again).length === 1);
    expect(chats(again).map((m) => m.seq)).toEqual([5]);
    await watcher.until(() => chats(watcher).length === 5);
    expect(presence(watcher, 'leave')).toEqual([]);
    expect(presence(watcher, 'join')).toHaveLength(1); // Ann's first join only
    expect(room.clients().map((c) => c.name)).toEqual(['Watcher', 'Ann']);
  });

  it('gives resumed:false and the recent history when lastSeq is older than the ring', async () => {
    const { url, room } = await startRoom({ historySize: 3 });
    for (let i = 1; i <= 10; i++) room.send(`m${i}`);
    const { welcome } = await richClient(url, { name: 'Old', lastSeq: 2 });
    expect(welcome.resumed).toBe(false);
    expect(welcome.history.map((m) => m.seq)).toEqual([8, 9, 10]);
  });

  it('leaves at once on a clean close and after the grace period on a drop (no away time)', async () => {
    const { url } = await startRoom({ limits: { resumeGraceMs: 200, awayMs: 0 } });
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    ann.ws.terminate();
    const leave = await watcher.next((m) => m.type === 'leave');
    expect(leave).toMatchObject({ reason: 'timeout', participant: welcome.you });
    // The session is gone with the participant: a late resume is a new participant.
    const { welcome: late } = await richClient(url, { name: 'Ann', session: welcome.session });
    expect(late.you.id).not.toBe(welcome.you.id);
  });

  it('treats 1001 (the page went away, e.g. a reload) as a short blip to resume, and 1000 as leaving at once', async () => {
    const { url } = await startRoom({ limits: { pageGoneGraceMs: 10_000 } });
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: reloading, welcome } = await richClient(url, { name: 'Reloader' });
    reloading.ws.close(1001);
    await reloading.closed;
    const { welcome: back } = await richClient(url, { name: 'Reloader', session: welcome.session });
    expect(back.you).toEqual(welcome.you);
    const { client: leaver, welcome: leaverWelcome } = await richClient(url, { name: 'Leaver' });
    leaver.ws.close(1000);
    const leave = await watcher.next((m) => m.type === 'leave');
    // The only leave is the deliberate one; the reload produced neither a leave nor a second join.
    expect(leave).toMatchObject({ reason: 'left', participant: leaverWelcome.you });
    expect(presence(watcher, 'join').map((m) => (m as { participant: { name: string } }).participant.name)).toEqual(['Reloader', 'Leaver']);
  });

  it('lets a page that went away and did not come back leave after the short grace, as "left"', async () => {
    const { url } = await startRoom({ limits: { pageGoneGraceMs: 200 } });
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: closer, welcome } = await richClient(url, { name: 'Closer' });
    closer.ws.close(1001);
    const leave = await watcher.next((m) => m.type === 'leave');
    expect(leave).toMatchObject({ reason: 'left', participant: welcome.you });
  });

  it('keeps a still-open connection of the same session (a second tab): both get everything, no leave/join', async () => {
    const { url } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: first, welcome } = await richClient(url, { name: 'Ann' });
    const { client: second, welcome: secondWelcome } = await richClient(url, { name: 'Ann', session: welcome.session, lastSeq: 0 });
    expect(secondWelcome.you).toEqual(welcome.you);
    expect(secondWelcome.participants.filter((p) => p.name === 'Ann')).toHaveLength(1);
    first.json({ type: 'chat', text: 'from tab one' });
    second.json({ type: 'chat', text: 'from tab two' });
    for (const client of [watcher, first, second]) await client.until(() => chats(client).length === 2);
    expect(chats(watcher).map((m) => m.from.id)).toEqual([welcome.you.id, welcome.you.id]);
    expect(first.ws.readyState).toBe(first.ws.OPEN);
    expect(presence(watcher, 'join')).toHaveLength(1);
    expect(presence(watcher, 'leave')).toHaveLength(0);
  });

  it('shows a dropped participant as away after the resume grace, and back when they resume', async () => {
    const { url } = await startRoom({ limits: { resumeGraceMs: 100, awayMs: 60_000 } });
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: phone, welcome } = await richClient(url, { name: 'Phone' });
    phone.ws.terminate();
    const away = await watcher.next((m) => m.type === 'away');
    expect(away).toMatchObject({ participant: { ...welcome.you, away: true } });
    // A newcomer sees them in the list, as away.
    const { welcome: newcomer } = await richClient(url, { name: 'Newcomer' });
    expect(newcomer.participants.find((p) => p.id === welcome.you.id)).toMatchObject({ away: true });
    const { welcome: resumed } = await richClient(url, { name: 'Phone', session: welcome.session, lastSeq: 0 });
    expect(resumed.you).toEqual(welcome.you);
    expect(await watcher.next((m) => m.type === 'back')).toMatchObject({ participant: welcome.you });
    expect(presence(watcher, 'leave')).toHaveLength(0);
  });

  it('answers ping with pong', async () => {
    const { url } = await startRoom();
    const { client } = await richClient(url, { name: 'Pinger' });
    client.json({ type: 'ping' });
    expect(await client.next((m) => m.type === 'pong')).toEqual({ type: 'pong' });
  });

  it('tells a client that resumes from before a clear it missed to clear, before its welcome', async () => {
    const { url, room } = await startRoom();
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    ann.json({ type: 'chat', text: 'before the clear' });
    await ann.until(() => chats(ann).length === 1);
    const lastSeen = chats(ann)[0]!.seq;
    ann.ws.terminate();
    room.clearHistory();
    room.send('after the clear');
    const { client: back, welcome: again } = await richClient(url, { name: 'Ann', session: welcome.session, lastSeq: lastSeen });
    expect(
      back
        .messages()
        .slice(0, 2)
        .map((m) => m.type),
    ).toEqual(['history-cleared', 'welcome']);
    expect(back.messages()[0]).toEqual({ type: 'history-cleared', lastSeq: lastSeen });
    // What came after the clear is what the welcome brings.
    expect(again.history.map((m) => m.text)).toEqual(['after the clear']);
  });
});
