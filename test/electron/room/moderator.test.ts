// The host's actions, through a real room with real `ws` clients: what each does to the people it is
// about, what everyone else hears, and that the room enforces it whatever a client sends.
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type ErrorMessage, type ServerMessage, type WelcomeMessage } from '../../../common/protocol.js';
import type { ModerationEvent } from '../../../common/model.js';
import type { Room } from '../../../electron/room/room.js';
import { Client, eventually, handshakeAnswer, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

const isError =
  (code: string) =>
  (m: ServerMessage): m is ErrorMessage =>
    m.type === 'error' && m.code === code;
const isWelcome = (m: ServerMessage): m is WelcomeMessage => m.type === 'welcome';
const moderation =
  (action: string) =>
  (m: ServerMessage): m is ModerationEvent =>
    m.type === 'moderation' && m.action === action;

/** A rich client that has only sent its hello (no welcome expected). */
async function hello(url: string, fields: Record<string, unknown>, options?: ConstructorParameters<typeof Client>[2]): Promise<Client> {
  const client = await new Client(url, 'lan-chat.v1', options).open();
  client.json({ type: 'hello', v: 1, ...fields });
  return client;
}

/**
 * Whether the room has noticed that participant `id`'s connection dropped (it waits for a resume): the
 * room says so to nobody, so the test looks at its roster.
 */
function waitingToResume(room: Room, id: string): boolean {
  return (room as unknown as { roster: { get(id: string): { conn: unknown } | undefined } }).roster.get(id)?.conn === null;
}

const chats = (client: Client) => client.messages().flatMap((m) => (m.type === 'chat' ? [m.text] : []));

describe('kick', () => {
  it('takes someone out now (4002), tells everyone, raw clients too, and lets them come back', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const raw = await rawClient(url);
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    expect(room.kick(welcome.you.id)).toBe(true);
    expect((await ann.closed).code).toBe(CloseCode.kicked);
    expect(await watcher.next((m) => m.type === 'leave')).toMatchObject({ reason: 'kicked', participant: { name: 'Ann' } });
    await raw.until(() => raw.texts().includes('* Ann was removed by the host'));
    // May come back at once, even with the old session (which no longer resumes anything).
    const again = await richClient(url, { name: 'Ann', session: welcome.session });
    expect(again.welcome.you.name).toBe('Ann');
    expect(again.welcome.you.id).not.toBe(welcome.you.id);
  });
});

describe('ban', () => {
  it('takes them out (4020 with the time left), refuses them by address and by session until unbanned', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' }, { localAddress: '127.0.0.2' });
    const ban = room.ban(welcome.you.id, 10);
    expect(ban).toMatchObject({ name: 'Ann', address: '127.0.0.2' });
    const told = await ann.next(isError('banned'));
    expect(told.retryAfterMs).toBeGreaterThan(9 * 60_000);
    expect(told.message).toBe('You are banned from this room for another 10 minutes.');
    expect((await ann.closed).code).toBe(CloseCode.banned);
    expect(await watcher.next((m) => m.type === 'leave')).toMatchObject({ reason: 'banned', participant: { name: 'Ann' } });

    // The same address, on either protocol.
    const fresh = await hello(url, { name: 'Ann again' }, { localAddress: '127.0.0.2' });
    expect((await fresh.next(isError('banned'))).retryAfterMs).toBeGreaterThan(0);
    expect((await fresh.closed).code).toBe(CloseCode.banned);
    const refused = await handshakeAnswer(url, 'lws-minimal', { localAddress: '127.0.0.2' });
    expect(refused).toEqual({ status: 403, body: 'You are banned from this room for another 10 minutes.\n' });
    // The same session from another address.
    const moved = await hello(url, { name: 'Ann', session: welcome.session }, { localAddress: '127.0.0.3' });
    expect((await moved.closed).code).toBe(CloseCode.banned);
    // Someone else from another address is welcome.
    await richClient(url, { name: 'Bob' }, { localAddress: '127.0.0.3' });

    expect(room.moderationState().bans).toEqual([expect.objectContaining({ id: ban!.id, name: 'Ann' })]);
    expect(room.unban(ban!.id)).toBe(true);
    expect(room.unban(ban!.id)).toBe(false);
    await watcher.next(moderation('unban'));
    await richClient(url, { name: 'Ann' }, { localAddress: '127.0.0.2' });
  });

  it('until lifted: takes everyone from the address out, says so without a time, and unbanAll lifts it', async () => {
    const { url, room } = await startRoom();
    const { welcome } = await richClient(url, { name: 'Ann' }, { localAddress: '127.0.0.2' });
    const { client: ann2 } = await richClient(url, { name: 'Ann on her phone' }, { localAddress: '127.0.0.2' });
    room.ban(welcome.you.id, null);
    const told = await ann2.next(isError('banned'));
    expect(told.retryAfterMs).toBeUndefined();
    expect(told.message).toBe('You are banned from this room until the host lifts it.');
    expect((await ann2.closed).code).toBe(CloseCode.banned);
    expect(room.clients()).toEqual([]);
    expect(room.unbanAll()).toBe(1);
    expect(room.moderationState().bans).toEqual([]);
  });

  it("drops a banned session's offline queue: chat sent behind its hello is never delivered", async () => {
    const { url, room } = await startRoom({ limits: { resumeGraceMs: 60_000 } });
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' }, { localAddress: '127.0.0.2' });
    // Offline, still in the room for the grace...
    ann.ws.terminate();
    await eventually(() => room.clients().length === 2);
    room.ban(welcome.you.id, 5);
    await watcher.next((m) => m.type === 'leave');
    // ...comes back from elsewhere with what it queued meanwhile.
    const back = await new Client(url, 'lan-chat.v1', { localAddress: '127.0.0.3' }).open();
    back.json({ type: 'hello', v: 1, name: 'Ann', session: welcome.session, lastSeq: 0 });
    back.json({ type: 'chat', text: 'queued while offline', clientMsgId: 'q1' });
    back.json({ type: 'chat', text: 'and this one', clientMsgId: 'q2' });
    expect((await back.next(isError('banned'))).message).toMatch(/banned/);
    expect((await back.closed).code).toBe(CloseCode.banned);
    room.send('after');
    await watcher.until(() => chats(watcher).includes('after'));
    expect(chats(watcher)).toEqual(['after']);
    expect(room.history().map((m) => m.text)).toEqual(['after']);
  });

  it('refuses bad minutes and unknown people', async () => {
    const { url, room } = await startRoom();
    const { welcome } = await richClient(url);
    for (const minutes of [0, -5, 1.5, 10 ** 9]) expect(() => room.ban(welcome.you.id, minutes), String(minutes)).toThrow(RangeError);
    expect(room.ban('nobody', 5)).toBeNull();
    expect(room.clients()).toHaveLength(1);
  });
});

describe('mute', () => {
  it('refuses every chat frame at the room, tells why, hides typing and renames; unmute restores sending', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    const mute = room.mute(welcome.you.id, 10)!;
    expect(await watcher.next(moderation('mute'))).toMatchObject({ target: { name: 'Ann', id: welcome.you.id }, until: mute.until });
    await ann.next(moderation('mute'));
    expect(room.clients()[1]!.muted).toEqual({ id: mute.id, until: mute.until });

    ann.json({ type: 'typing', typing: true });
    ann.json({ type: 'chat', text: 'can you hear me', clientMsgId: 'm1' });
    ann.json({ type: 'rename', name: 'Loud' });
    const refused = await ann.next(isError('muted'));
    expect(refused).toMatchObject({ clientMsgId: 'm1' });
    expect(refused.retryAfterMs).toBeGreaterThan(9 * 60_000);
    await ann.until(() => ann.messages().filter(isError('muted')).length === 2, 'the rename refused');

    expect(room.unmute(mute.id)).toBe(true);
    await watcher.next(moderation('unmute'));
    ann.json({ type: 'chat', text: 'now I can' });
    await watcher.until(() => chats(watcher).includes('now I can'));
    expect(chats(watcher)).toEqual(['now I can']);
    expect(watcher.messages().some((m) => m.type === 'typing')).toBe(false);
    expect(room.clients()[1]!.muted).toBeUndefined();
  });

  it('holds across a reload, and a later visit with the old session; covers nobody else at the address', async () => {
    const { url, room } = await startRoom();
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    const { welcome: bob } = await richClient(url, { name: 'Bob' });
    room.mute(welcome.you.id, null);
    ann.ws.close(1001);
    const reloaded = await richClient(url, { name: 'Ann', session: welcome.session });
    expect(reloaded.welcome.muted).toEqual({ forMs: null });
    // Leaving ends the session; a page that kept the token (or a restarted room) is still recognised.
    reloaded.client.ws.close(1000);
    await eventually(() => room.clients().length === 1);
    const again = await richClient(url, { name: 'Ann', session: welcome.session });
    expect(again.welcome.muted).toEqual({ forMs: null });
    again.client.json({ type: 'chat', text: 'sneaky' });
    await again.client.next(isError('muted'));
    expect(bob.muted).toBeUndefined();
    expect(room.clients().find((c) => c.name === 'Bob')!.muted).toBeUndefined();
  });

  it("refuses a raw client's frames and tells it once, not per frame", async () => {
    const { url, room } = await startRoom();
    const raw = await rawClient(url);
    const watcher = await rawClient(url);
    room.mute(room.clients()[0]!.id, 1);
    await raw.until(() => raw.texts().some((t) => t.startsWith('* The host muted you')));
    for (let i = 0; i < 5; i++) raw.send(`spam ${i}`);
    await raw.until(() => raw.texts().some((t) => t.startsWith('* The host muted you: you can read, but not send')));
    room.send('host speaks');
    await watcher.until(() => watcher.texts().includes('Host: host speaks'));
    expect(watcher.texts()).toEqual(['Host: host speaks']);
    expect(raw.texts().filter((t) => t.startsWith('* ')).length).toBe(2);
    expect(room.history().map((m) => m.text)).toEqual(['host speaks']);
  });
});

describe('lock', () => {
  it('keeps newcomers out (raw 423, rich 4021) while those inside stay and resume', async () => {
    const { url, room } = await startRoom();
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    expect(room.setLocked(true)).toBe(true);
    expect(room.setLocked(true)).toBe(false);
    expect(await ann.next((m) => m.type === 'room')).toMatchObject({ room: { locked: true } });
    await ann.next(moderation('lock'));
    expect(room.status().locked).toBe(true);

    expect(await handshakeAnswer(url, 'lws-minimal')).toEqual({
      status: 423,
      body: 'The room is locked: nobody new can join right now.\n',
    });
    const newcomer = await hello(url, { name: 'Bob' });
    await newcomer.next(isError('locked'));
    expect((await newcomer.closed).code).toBe(CloseCode.locked);

    ann.ws.terminate();
    const back = await richClient(url, { name: 'Ann', session: welcome.session, lastSeq: 0 });
    expect(back.welcome.you.id).toBe(welcome.you.id);
    expect(back.welcome.room.locked).toBe(true);

    room.setLocked(false);
    await richClient(url, { name: 'Bob' });
  });
});

describe('waiting room', () => {
  it('holds newcomers of both protocols until the host admits them, or turns them away (4022)', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    room.setWaitingRoom(true);
    await watcher.next(moderation('waiting-room'));

    const bob = await hello(url, { name: 'Bob' });
    await bob.next((m) => m.type === 'waiting');
    const raw = await rawClient(url);
    await raw.until(() => raw.texts().includes('* Waiting for the host to let you in.'));
    raw.send('let me in');
    bob.json({ type: 'chat', text: 'hello?' });
    await bob.next(isError('waiting'));
    const carol = await hello(url, { name: 'Carol' });
    await carol.next((m) => m.type === 'waiting');
    await eventually(() => room.moderationState().waiting.length === 3);
    const [bobWaiting, rawWaiting, carolWaiting] = room.moderationState().waiting;
    expect(bobWaiting).toMatchObject({ name: 'Bob', kind: 'rich', address: '127.0.0.1' });
    expect(rawWaiting).toMatchObject({ kind: 'raw' });
    expect(room.clients().map((c) => c.name)).toEqual(['Watcher']);

    expect(room.admit(bobWaiting!.id)).toBe(true);
    const welcome = await bob.next(isWelcome);
    expect(welcome.you.name).toBe('Bob');
    expect(await watcher.next((m) => m.type === 'join')).toMatchObject({ participant: { name: 'Bob' } });
    expect(room.turnAway(carolWaiting!.id)).toBe(true);
    expect(await carol.next(isError('turned-away'))).toMatchObject({ message: 'The host did not let you in.' });
    expect((await carol.closed).code).toBe(CloseCode.turnedAway);
    expect(room.admit(carolWaiting!.id)).toBe(false);

    // Turning the waiting room off lets everyone still waiting in.
    room.setWaitingRoom(false);
    await eventually(() => room.clients().length === 3);
    raw.send('in now');
    await watcher.until(() => chats(watcher).includes('in now'));
    expect(chats(watcher)).toEqual(['in now']);
    expect(room.moderationState().waiting).toEqual([]);
  });

  it('admits everyone at once, and forgets someone who leaves while waiting', async () => {
    const { url, room } = await startRoom();
    room.setWaitingRoom(true);
    const guests = await Promise.all(['A', 'B', 'C'].map((name) => hello(url, { name })));
    await Promise.all(guests.map((g) => g.next((m) => m.type === 'waiting')));
    guests[2]!.ws.close();
    await eventually(() => room.moderationState().waiting.length === 2);
    expect(room.admitAll()).toBe(2);
    await Promise.all(guests.slice(0, 2).map((g) => g.next(isWelcome)));
    expect(room.clients().map((c) => c.name)).toEqual(['A', 'B']);
  });
});

describe('slow mode', () => {
  it('lets a guest send one message per interval (the host is exempt) and says when to try again', async () => {
    const { url, room } = await startRoom();
    const { client: ann } = await richClient(url, { name: 'Ann' });
    const raw = await rawClient(url);
    expect(room.setSlowMode(30)).toBe(true);
    expect(await ann.next((m) => m.type === 'room')).toMatchObject({ room: { slowModeSeconds: 30 } });
    await raw.until(() => raw.texts().includes('* Slow mode: one message every 30 seconds per person'));

    ann.json({ type: 'chat', text: 'first', clientMsgId: 'a' });
    ann.json({ type: 'chat', text: 'second', clientMsgId: 'b' });
    const refused = await ann.next(isError('slow-mode'));
    expect(refused).toMatchObject({ clientMsgId: 'b' });
    expect(refused.retryAfterMs).toBeGreaterThan(29_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(30_000);
    room.send('host one');
    room.send('host two');
    raw.send('raw one');
    raw.send('raw two');
    await raw.until(() => raw.texts().some((t) => t.startsWith('* Slow mode: one message every 30 seconds. Send again')));
    await eventually(() => room.history().length === 4);
    expect(room.history().map((m) => m.text)).toEqual(['first', 'host one', 'host two', 'raw one']);

    room.setSlowMode(0);
    ann.json({ type: 'chat', text: 'free again' });
    await ann.until(() => chats(ann).includes('free again'));
    expect(() => room.setSlowMode(3601)).toThrow(RangeError);
  });
});

describe('a new PIN', () => {
  it('ends the resumable sessions that did not give it: those connected stay, a drop is then a leave', async () => {
    const { url, room } = await startRoom({ settings: { pin: '1111' }, limits: { resumeGraceMs: 60_000 } });
    const { client: old, welcome: oldWelcome } = await richClient(url, { name: 'Old', pin: '1111' });
    const { client: away, welcome: awayWelcome } = await richClient(url, { name: 'Away', pin: '1111' });
    away.ws.terminate();
    await eventually(() => waitingToResume(room, awayWelcome.you.id), 'the drop noticed');

    room.updateSettings({ pin: '2222' });
    expect(await old.next(moderation('pin'))).toMatchObject({ change: 'changed' });
    // Waiting to resume: gone now.
    expect(await old.next((m) => m.type === 'leave')).toMatchObject({ reason: 'pin-changed', participant: { name: 'Away' } });
    const stale = await hello(url, { name: 'Away', session: awayWelcome.session });
    expect((await stale.closed).code).toBe(CloseCode.pinRequired);
    // Connected: stays, but its session no longer resumes.
    old.json({ type: 'chat', text: 'still here' });
    await old.until(() => chats(old).includes('still here'));
    old.ws.terminate();
    const back = await hello(url, { name: 'Old', session: oldWelcome.session, pin: '1111' });
    expect((await back.closed).code).toBe(CloseCode.pinWrong);
    await richClient(url, { name: 'Old', pin: '2222' });
  });

  it('removes those connected without it when the host says so (4023); who gave it stays', async () => {
    const { url, room } = await startRoom({ settings: { pin: '1111' } });
    const { client: old } = await richClient(url, { name: 'Old', pin: '1111' });
    room.updateSettings({ pin: null });
    await old.next(moderation('pin'));
    const { client: mid } = await richClient(url, { name: 'Mid' });
    room.updateSettings({ pin: '3333' }, { removeConnected: true });
    expect(await old.next(isError('pin-changed'))).toMatchObject({ message: "The room's PIN changed: join again with the new one." });
    expect((await old.closed).code).toBe(CloseCode.pinChanged);
    expect((await mid.closed).code).toBe(CloseCode.pinChanged);
    const { client: fresh } = await richClient(url, { name: 'New', pin: '3333' });
    room.updateSettings({ pin: '3333' }, { removeConnected: true });
    room.send('still there');
    await fresh.until(() => chats(fresh).includes('still there'));
  });
});

describe('room name', () => {
  it('reaches every connected page at once, with a line in the history', async () => {
    const { url, room } = await startRoom({ settings: { roomName: 'Old name' } });
    const { client: ann } = await richClient(url);
    room.updateSettings({ roomName: 'Book club', hostName: 'Mei' });
    expect(await ann.next((m) => m.type === 'room')).toMatchObject({ room: { name: 'Book club', hostName: 'Mei' } });
    expect(await ann.next(moderation('room-name'))).toMatchObject({ name: 'Book club', oldName: 'Old name' });
    const late = await richClient(url, { name: 'Late' });
    expect(late.welcome.room).toMatchObject({ name: 'Book club', hostName: 'Mei', locked: false, slowModeSeconds: 0, maxNameLength: 32 });
  });
});

describe('the history replays room events', () => {
  it('gives a newcomer the renames and moderation among the history, so old names match', async () => {
    const { url, room } = await startRoom();
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    ann.json({ type: 'chat', text: 'hi, I am Ann' });
    await ann.until(() => chats(ann).length === 1);
    ann.json({ type: 'rename', name: 'Annie' });
    await ann.next((m) => m.type === 'rename');
    room.mute(welcome.you.id, 5);
    await eventually(() => room.historyEvents().length >= 3);

    const late = await richClient(url, { name: 'Late' });
    expect(late.welcome.history.map((m) => m.from.name)).toEqual(['Ann']);
    expect(late.welcome.events.map((e) => e.type)).toEqual(['join', 'rename', 'moderation']);
    expect(late.welcome.events[1]).toMatchObject({ type: 'rename', oldName: 'Ann', participant: { name: 'Annie' }, afterSeq: 1 });
    // A resume gets only what it missed: no replay.
    ann.ws.terminate();
    const back = await richClient(url, { name: 'Annie', session: welcome.session, lastSeq: 1 });
    expect(back.welcome.events).toEqual([]);
  });
});
