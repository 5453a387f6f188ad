// The room's facade: the host's API (send, clients, kick, status, lock, settings, events, join URLs,
// listen and close) and its options. What happens on the wire is tested with each part; the host's
// moderation API (removing a message, clearing the history) is room-moderation.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { Room } from '../../../electron/room/room.js';
import { RoomListenError } from '../../../electron/room/server.js';
import type { ClientInfo } from '../../../common/host-view.js';
import type { PresenceEvent } from '../../../common/model.js';
import { CloseCode } from '../../../common/protocol.js';
import { Client, eventually, handshakeAnswer, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('host API', () => {
  it('sends as the host, with kind host, and refuses empty or over-long text', async () => {
    const { url, room } = await startRoom({ settings: { hostName: 'Teacher' } });
    const { client } = await richClient(url);
    const message = room.send('  welcome\u0000  ');
    expect(message).toMatchObject({ seq: 1, text: '  welcome  ', from: { id: 'host', name: 'Teacher', kind: 'host' } });
    const copy = await client.next((m) => m.type === 'chat');
    expect(copy).toEqual({ type: 'chat', ...message });
    expect(() => room.send(' \n ')).toThrow(RangeError);
    expect(() => room.send('a'.repeat(16385))).toThrow(RangeError);
  });

  it('lists clients with address, protocol and connection time, and emits the list on change', async () => {
    const { url, room } = await startRoom();
    const lists: ClientInfo[][] = [];
    room.on('clients', (list) => lists.push(list));
    const before = Date.now();
    await richClient(url, { name: 'Ann' });
    await rawClient(url);
    await eventually(() => room.clients().length === 2);
    const [ann, raw] = room.clients();
    expect(ann).toMatchObject({ name: 'Ann', kind: 'rich', address: '127.0.0.1', protocol: 'lan-chat.v1' });
    expect(raw).toMatchObject({ kind: 'raw', address: '127.0.0.1', protocol: 'lws-minimal' });
    expect(ann!.connectedAt).toBeGreaterThanOrEqual(before);
    await eventually(() => lists.at(-1)?.length === 2, 'a clients event with both');
  });

  it('kicks with 4002, announces the leave as kicked, and frees the slot', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: ann, welcome } = await richClient(url, { name: 'Ann' });
    const events: PresenceEvent[] = [];
    room.on('presence', (e) => events.push(e));
    expect(room.kick(welcome.you.id)).toBe(true);
    expect((await ann.closed).code).toBe(4002);
    const leave = await watcher.next((m) => m.type === 'leave');
    expect(leave).toMatchObject({ reason: 'kicked', participant: welcome.you });
    expect(events).toMatchObject([{ type: 'leave', reason: 'kicked' }]);
    expect(room.clients().map((c) => c.name)).toEqual(['Watcher']);
    expect(room.kick(welcome.you.id)).toBe(false);
    expect(room.kick('nobody')).toBe(false);
  });

  it('reports status', async () => {
    const { room, port } = await startRoom();
    room.send('one');
    expect(room.status()).toEqual({
      running: true,
      bindAddress: '127.0.0.1',
      port,
      clientCount: 0,
      lastSeq: 1,
      locked: false,
      error: null,
    });
    await room.close();
    expect(room.status().running).toBe(false);
  });

  it('locks: newcomers are refused, those inside stay and resume, and unlocking lets people in again', async () => {
    const { url, room } = await startRoom({ limits: { resumeGraceMs: 5000 } });
    const { client: inside, welcome } = await richClient(url, { name: 'Inside' });
    const raw = await rawClient(url);
    const statuses: boolean[] = [];
    // Each change of the lock, as the status events tell it (they also come with other changes: joins, resumes).
    room.on('status', (status) => status.locked !== statuses.at(-1) && statuses.push(status.locked));
    expect(room.setLocked(true)).toBe(true);
    expect(room.setLocked(true)).toBe(false);
    expect(statuses).toEqual([true]);
    expect(room.status().locked).toBe(true);

    expect(await handshakeAnswer(url, 'lws-minimal')).toEqual({
      status: 423,
      body: 'The room is locked: nobody new can join right now.\n',
    });
    const newcomer = await new Client(url, 'lan-chat.v1').open();
    newcomer.json({ type: 'hello', v: 1, name: 'Late' });
    // Told why, so the page can say so (moderator.test.ts has the rest of the lock).
    expect(await newcomer.next((m) => m.type === 'error')).toMatchObject({ code: 'locked' });
    expect(await newcomer.closed).toEqual({ code: CloseCode.locked, reason: 'locked' });
    expect(room.clients().map((c) => c.name)).not.toContain('Late');

    // Those inside keep chatting, and a dropped page resumes as itself.
    raw.send('still here');
    await inside.next((m) => m.type === 'chat' && m.text === 'still here');
    inside.ws.terminate();
    const { welcome: resumed } = await richClient(url, { name: 'Inside', session: welcome.session, lastSeq: 1 });
    expect(resumed.you).toEqual(welcome.you);

    room.setLocked(false);
    expect(statuses).toEqual([true, false]);
    await rawClient(url);
    await richClient(url, { name: 'Late' });
  });

  it('validates and applies settings, emitting them', async () => {
    const { url, room } = await startRoom();
    const seen: string[] = [];
    room.on('settings', (s) => seen.push(s.roomName));
    expect(room.updateSettings({ roomName: '  Study  ' }).roomName).toBe('Study');
    expect(() => room.updateSettings({ pin: 'no spaces allowed' })).toThrow(TypeError);
    expect(() => room.updateSettings({ theme: 'neon' as never })).toThrow(TypeError);
    expect(() => room.updateSettings(null as never)).toThrow(/settings must be an object/);
    expect(room.settings().roomName).toBe('Study');
    expect(seen).toEqual(['Study']);
    const { welcome } = await richClient(url);
    expect(welcome.room.name).toBe('Study');
  });

  it('rejects listen on a taken port with RoomListenError port-in-use', async () => {
    const { port } = await startRoom();
    const second = new Room({ bindAddress: '127.0.0.1', port });
    const error = await second.listen().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoomListenError);
    expect(error).toMatchObject({ code: 'port-in-use', port });
    expect(second.status().error).toMatchObject({ code: 'port-in-use' });
  });

  it('closes every client with 1001', async () => {
    const { url, room } = await startRoom();
    const raw = await rawClient(url);
    await room.close();
    expect((await raw.closed).code).toBe(1001);
  });
});

describe('options', () => {
  it('refuses a bad historySize or limit when constructed', () => {
    expect(() => new Room({ historySize: 0 })).toThrow(/historySize must be a whole number >= 1/);
    expect(() => new Room({ historySize: 2.5 })).toThrow(RangeError);
    expect(() => new Room({ limits: { maxConnections: -1 } })).toThrow(/maxConnections/);
    expect(() => new Room({ settings: { pin: 'no' } })).toThrow(TypeError);
  });

  it('binds the address and port it is given, the port over the stored one', async () => {
    const room = new Room({ bindAddress: '127.0.0.1', port: 0, settings: { port: 9999, roomName: 'Attic' } });
    try {
      const { bindAddress, port } = await room.listen();
      expect(bindAddress).toBe('127.0.0.1');
      expect(port).toBeGreaterThan(0);
      expect(port).not.toBe(9999);
      expect(room.settings()).toMatchObject({ port: 0, roomName: 'Attic' });
      expect(room.joinUrls()).toEqual([
        { url: `http://127.0.0.1:${port}/`, address: '127.0.0.1', interface: expect.any(String), virtual: false },
      ]);
      await expect(room.listen()).rejects.toThrow(/already listening/);
    } finally {
      await room.close();
    }
    expect(room.joinUrls()).toEqual([]);
    // Closing twice is harmless.
    await room.close();
  });

  it('reports the limits in force, as a copy', async () => {
    const room = new Room({ limits: { rateBurst: 7 } });
    const limits = room.limits();
    expect(limits).toMatchObject({ rateBurst: 7, maxConnections: 1000 });
    limits.rateBurst = 1;
    expect(room.limits().rateBurst).toBe(7);
  });
});

describe('events', () => {
  it('emits the status when it starts and stops listening, and the client list after changes', async () => {
    const room = new Room({ bindAddress: '127.0.0.1', port: 0 });
    const running: boolean[] = [];
    room.on('status', (s) => running.push(s.running));
    const lists: number[] = [];
    room.on('clients', (list) => lists.push(list.length));
    const { port } = await room.listen();
    const url = `ws://127.0.0.1:${port}/`;
    try {
      await Promise.all(Array.from({ length: 5 }, () => rawClient(url)));
      await eventually(() => lists.at(-1) === 5, 'a list with all five');
    } finally {
      await room.close();
    }
    expect(running[0]).toBe(true);
    expect(running.at(-1)).toBe(false);
  });
});
