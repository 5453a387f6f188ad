// The host's moderation API as the room offers it (room-moderation.ts): the state of every control at
// once, removing one message and clearing the history, each everywhere (clients, memory, the stored log)
// and with the files shared with them. What kick, ban, mute, lock, the waiting room and slow mode do
// to people is moderator.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModerationState } from '../../../common/host-view.js';
import type { ChatMessage } from '../../../common/model.js';
import { useCleanups } from '../../support/cleanup.js';
import { isFileChat, roomWithGuest, share } from '../../support/file-room.js';
import { http, upload } from '../../support/files.js';
import { useHistoryLogs } from '../../support/history-log.js';
import { Client, eventually, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);
const { tempDir } = useCleanups('lan-chat-room-moderation-');
const { open, closeAll } = useHistoryLogs();

/** A room that keeps its history and files in `dataDir`, as the host runs it. */
function storingRoom(dataDir: string, historySize?: number) {
  const { log } = open(dataDir);
  return startRoom({ historyLog: log, filesDir: join(dataDir, 'files'), historySize });
}

describe('moderationState', () => {
  it('gives every control and what it holds at once, and tells listeners when it changes', async () => {
    const { url, room } = await startRoom();
    expect(room.moderationState()).toEqual({ locked: false, waitingRoom: false, slowModeSeconds: 0, waiting: [], bans: [], mutes: [] });
    const states: ModerationState[] = [];
    room.on('moderation-state', (state) => states.push(state));
    const { welcome } = await richClient(url, { name: 'Ann' });
    const mute = room.mute(welcome.you.id, 5);
    room.setSlowMode(30);
    room.setWaitingRoom(true);
    const bob = await new Client(url, 'lan-chat.v1').open();
    bob.json({ type: 'hello', v: 1, name: 'Bob' });
    await bob.next((m) => m.type === 'waiting');
    room.setLocked(true);
    await eventually(() => room.moderationState().waiting.length === 1, 'Bob waiting');

    const state = room.moderationState();
    expect(state).toMatchObject({ locked: true, waitingRoom: true, slowModeSeconds: 30, bans: [] });
    expect(state.waiting).toEqual([expect.objectContaining({ name: 'Bob', kind: 'rich' })]);
    expect(state.mutes).toEqual([expect.objectContaining({ id: mute!.id, name: 'Ann' })]);
    // The host window draws from the events: the last one says what the room now holds.
    await eventually(() => JSON.stringify(states.at(-1)) === JSON.stringify(state), 'a moderation-state event with all of it');
  });
});

describe('removeMessage', () => {
  it('replaces it everywhere by its tombstone and hands the original to listeners', async () => {
    const { url, room } = await startRoom();
    const { client: ann } = await richClient(url);
    const removed: unknown[] = [];
    room.on('message-removed', (m) => removed.push(m));
    const keep = room.send('keep');
    const drop = room.send('drop me');
    expect(room.removeMessage(drop.seq)).toBe(true);
    expect(await ann.next((m) => m.type === 'message-removed')).toEqual({ type: 'message-removed', seq: drop.seq });
    expect(removed).toEqual([drop]);
    expect(room.history()).toEqual([keep, { seq: drop.seq, ts: drop.ts, from: drop.from, text: '', removed: true }]);
    expect(room.removeMessage(drop.seq)).toBe(false);
    expect(room.removeMessage(999)).toBe(false);
    const late = await richClient(url, { name: 'Late' });
    expect(late.welcome.history.map((m) => m.removed ?? m.text)).toEqual(['keep', true]);
  });

  it('deletes its files with it, and only its files', async () => {
    const { room, base, client, session } = await roomWithGuest();
    share(client, [await upload(base, session, Buffer.from('regrettable'))], 'oops', 'gone');
    const gone = (await client.next((m) => isFileChat(m) && m.clientMsgId === 'gone')) as ChatMessage;
    share(client, [await upload(base, session, Buffer.from('fine'))], 'keep', 'kept');
    const kept = (await client.next((m) => isFileChat(m) && m.clientMsgId === 'kept')) as ChatMessage;
    const removed = new Promise<ChatMessage>((resolve) => room.once('message-removed', resolve));
    expect(room.removeMessage(gone.seq)).toBe(true);
    // The event carries the message as it was, files included.
    expect((await removed).files).toEqual(gone.files);
    await client.next((m) => m.type === 'message-removed' && m.seq === gone.seq);
    expect((await http(base, 'GET', `/files/${gone.files![0]!.id}/notes.txt`)).status).toBe(404);
    expect(room.sharedFile(gone.files![0]!.id)).toBeUndefined();
    const still = await http(base, 'GET', `/files/${kept.files![0]!.id}/notes.txt`);
    expect([still.status, still.body.toString()]).toEqual([200, 'fine']);
  });

  it('deletes the files of a message only the stored log still holds', async () => {
    const { room } = await storingRoom(tempDir(), 1);
    const shared = await room.shareFiles([{ bytes: Buffer.from('old minutes'), name: 'minutes.txt' }], 'the minutes');
    const { path } = room.sharedFile(shared.files![0]!.id)!;
    room.send('later');
    room.send('later still');
    await eventually(() => room.history()[0]?.text === 'later still', 'the file message out of memory');
    const removed = new Promise<ChatMessage>((resolve) => room.once('message-removed', resolve));

    expect(room.removeMessage(shared.seq)).toBe(true);
    expect((await removed).files).toEqual(shared.files);
    expect(room.sharedFile(shared.files![0]!.id)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });
});

describe('clearHistory', () => {
  it('clears history but keeps numbering', async () => {
    const { room } = await startRoom();
    room.send('a');
    await eventually(() => room.history().length === 1);
    let cleared = 0;
    room.on('history-cleared', () => cleared++);
    room.clearHistory();
    expect(room.history()).toEqual([]);
    expect(cleared).toBe(1);
    expect(room.send('b').seq).toBe(2);
  });

  it('tells every rich client once that the history was cleared, in order with the chat around it', async () => {
    const { url, room } = await startRoom();
    const [{ client: ann }, { client: bob }] = await Promise.all([richClient(url, { name: 'Ann' }), richClient(url, { name: 'Bob' })]);
    const raw = await rawClient(url);
    room.send('before');
    room.clearHistory();
    room.send('after');
    for (const client of [ann, bob]) {
      await client.until(() => client.messages().filter((m) => m.type === 'chat').length === 2);
      const relevant = client.messages().filter((m) => m.type === 'chat' || m.type === 'history-cleared');
      expect(relevant).toMatchObject([
        { type: 'chat', seq: 1, text: 'before' },
        { type: 'history-cleared', lastSeq: 1 },
        { type: 'chat', seq: 2, text: 'after' },
      ]);
    }
    // Raw clients get chat only.
    await raw.untilCount(2);
    expect(raw.texts()).toEqual(['Host: before', 'Host: after']);
    // A late joiner sees only what came after the clear.
    const { welcome } = await richClient(url, { name: 'Cid' });
    expect(welcome.history.map((m) => m.text)).toEqual(['after']);
  });

  it('deletes the shared files; uploads waiting to be sent stay', async () => {
    const { room, base, client, session } = await roomWithGuest();
    const sent = await upload(base, session, Buffer.from('old'));
    share(client, [sent]);
    const { files } = (await client.next(isFileChat)) as ChatMessage;
    const waiting = await upload(base, session, Buffer.from('new'));
    room.clearHistory();
    expect((await http(base, 'GET', `/files/${files![0]!.id}/notes.txt`)).status).toBe(404);
    share(client, [waiting], '', 'after');
    expect((await client.next((m) => isFileChat(m) && m.clientMsgId === 'after')).type).toBe('chat');
  });

  it('clears the stored log and files too: a room restarted on them has none of it, and numbering goes on', async () => {
    const dataDir = tempDir();
    const { room } = await storingRoom(dataDir);
    room.send('before');
    const shared = await room.shareFiles([{ bytes: Buffer.from('old plan'), name: 'plan.txt' }]);
    const { path } = room.sharedFile(shared.files![0]!.id)!;
    room.clearHistory();
    expect(existsSync(path)).toBe(false);
    await room.close();
    closeAll();

    const { room: again, url } = await storingRoom(dataDir);
    expect(again.history()).toEqual([]);
    expect(again.sharedFile(shared.files![0]!.id)).toBeUndefined();
    const { welcome } = await richClient(url);
    expect(welcome.history).toEqual([]);
    expect(again.send('after').seq).toBe(shared.seq + 1);
  });
});
