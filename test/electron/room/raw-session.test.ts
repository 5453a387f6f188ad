// lws-minimal compatibility: byte-exact, whole, in-order relay to every raw client, sender included.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('lws-minimal relay', () => {
  it('delivers each message byte-exact to every raw client, the sender included', async () => {
    const { url } = await startRoom();
    const [a, b, c] = await Promise.all([rawClient(url), rawClient(url), rawClient(url)]);
    const ascii = 'x'.repeat(290) + '0123456789';
    const chinese = '你好世界'.repeat(12) + '聊天室'; // 150 bytes of 3-byte characters
    expect(Buffer.byteLength(ascii)).toBe(300);
    expect(Buffer.byteLength(chinese)).toBe(153);
    a.send(ascii);
    b.send(chinese);
    for (const client of [a, b, c]) await client.untilCount(2);
    for (const client of [a, b, c]) {
      expect(client.received.map((m) => m.toString('hex')).sort()).toEqual(
        [Buffer.from(ascii).toString('hex'), Buffer.from(chinese).toString('hex')].sort(),
      );
    }
  });

  it('keeps the order of 20 messages sent in one tick', async () => {
    const { url } = await startRoom();
    const [sender, other] = await Promise.all([rawClient(url), rawClient(url)]);
    const sent = Array.from({ length: 20 }, (_, i) => `message ${i} ${'·'.repeat(i)}`);
    for (const text of sent) sender.send(text);
    await Promise.all([sender.untilCount(20), other.untilCount(20)]);
    expect(sender.texts()).toEqual(sent);
    expect(other.texts()).toEqual(sent);
  });

  it('relays control characters and odd whitespace unchanged to raw clients', async () => {
    const { url, room } = await startRoom();
    const [a, b] = await Promise.all([rawClient(url), rawClient(url)]);
    const odd = 'tab\there\r\nbell\u0007 zero\u0000 end  ';
    a.send(odd);
    await b.untilCount(1);
    expect(b.received[0]!.equals(Buffer.from(odd))).toBe(true);
    // What the room stores and shows rich clients is cleaned.
    expect(room.history().at(-1)!.text).toBe('tab\there\nbell zero end  ');
  });

  it('gives raw clients chat only: rich messages as "Name: text", no history, presence or JSON', async () => {
    const { url, room } = await startRoom();
    room.send('before you came');
    const raw = await rawClient(url);
    const { client: ann } = await richClient(url, { name: 'Ann' });
    ann.json({ type: 'typing', typing: true });
    ann.json({ type: 'chat', text: 'hello raw' });
    await raw.untilCount(1);
    room.send('from the host');
    await raw.untilCount(2);
    expect(raw.texts()).toEqual(['Ann: hello raw', 'Host: from the host']);
  });

  it('shows a raw sender to rich clients under a generated guest name', async () => {
    const { url } = await startRoom();
    const { client: ann } = await richClient(url);
    const raw = await rawClient(url);
    raw.send('hi from raw');
    const chat = await ann.next((m) => m.type === 'chat');
    expect(chat).toMatchObject({ type: 'chat', text: 'hi from raw', from: { kind: 'raw' } });
    expect((chat as { from: { name: string } }).from.name).toMatch(/^Guest \d+$/);
    expect(raw.texts()).toEqual(['hi from raw']);
  });

  it('numbers raw messages like every other chat message', async () => {
    const { url, room } = await startRoom();
    const raw = await rawClient(url);
    room.send('one');
    raw.send('two');
    await raw.untilCount(2);
    expect(room.history().map((m) => [m.seq, m.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(room.history().every((m) => m.ts > 0)).toBe(true);
  });

  it('relays a blank message to raw clients only, without numbering, storing or showing it', async () => {
    const { url, room } = await startRoom();
    const [sender, other] = await Promise.all([rawClient(url), rawClient(url)]);
    const { client: ann } = await richClient(url, { name: 'Ann' });
    const chatEvents: string[] = [];
    room.on('chat', (m) => chatEvents.push(m.text));
    for (const text of ['', '  \t', '\u0007', 'after']) sender.send(text);
    await Promise.all([sender.untilCount(4), other.untilCount(4)]);
    expect(other.texts()).toEqual(['', '  \t', '\u0007', 'after']);
    expect(sender.texts()).toEqual(other.texts());
    const chat = await ann.next((m) => m.type === 'chat');
    expect(chat).toMatchObject({ seq: 1, text: 'after' });
    expect(room.history().map((m) => [m.seq, m.text])).toEqual([[1, 'after']]);
    expect(chatEvents).toEqual(['after']);
    expect(room.status().lastSeq).toBe(1);
  });

  it('joins the same room whatever the upgrade path and query', async () => {
    const { port } = await startRoom();
    const base = `ws://127.0.0.1:${port}`;
    const [root, other] = await Promise.all([rawClient(`${base}/`), rawClient(`${base}/some/other/path?x=1`)]);
    const { client: ann } = await richClient(`${base}/rich/elsewhere?y=2`, { name: 'Ann' });
    other.send('from a path');
    await Promise.all([root.untilCount(1), other.untilCount(1)]);
    expect(root.texts()).toEqual(['from a path']);
    expect(other.texts()).toEqual(['from a path']);
    expect(await ann.next((m) => m.type === 'chat')).toMatchObject({ text: 'from a path', from: { kind: 'raw' } });
  });

  it('treats a client that offers no subprotocol as lws-minimal', async () => {
    const { url } = await startRoom();
    const plain = await new Client(url).open();
    const other = await rawClient(url);
    plain.send('no protocol');
    await other.untilCount(1);
    expect(plain.ws.protocol).toBe('');
    expect(other.texts()).toEqual(['no protocol']);
  });
});
