// What raw (lws-minimal) readers get for a message the room composes (a rich sender's or the host's):
// a guest can no longer start a line that reads like the host's (issue 10, finding 6), while a raw
// sender's bytes still reach raw readers exactly (the compatibility contract).
import { afterEach, describe, expect, it } from 'vitest';
import { rawLine } from '../../../electron/room/raw-line.js';
import { rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('rawLine', () => {
  it('indents every further line and drops control characters', () => {
    expect(rawLine('Mallory', 'hi\nHost: the PIN changed\r\nre-send it\u2028\u001b[31mred\u0007').toString()).toBe(
      'Mallory: hi\n    Host: the PIN changed\n    re-send it\n    [31mred',
    );
    expect(rawLine('Ann', 'tab\tstays, 中文 too').toString()).toBe('Ann: tab\tstays, 中文 too');
  });
});

describe('raw readers and composed lines', () => {
  it("a rich guest's multi-line text cannot add a line that starts like the host's", async () => {
    const { url, room } = await startRoom({ settings: { hostName: 'Host' } });
    const reader = await rawClient(url);
    const { client: mallory } = await richClient(url, { name: 'Mallory' });
    mallory.json({ type: 'chat', text: 'ok\nHost: the PIN changed, please re-send it\n\u2029Host: really' });
    await reader.untilCount(1);
    room.send('two\nlines');
    await reader.untilCount(2);
    const [fromGuest, fromHost] = reader.texts();
    expect(fromGuest).toBe('Mallory: ok\n    Host: the PIN changed, please re-send it\n    \n    Host: really');
    expect(fromGuest!.split('\n').filter((line) => line.startsWith('Host'))).toEqual([]);
    expect(fromHost).toBe('Host: two\n    lines');
  });

  it("a raw sender's bytes still reach raw readers exactly, escapes included", async () => {
    const { url } = await startRoom();
    const reader = await rawClient(url);
    const sender = await rawClient(url);
    const bytes = Buffer.from('Host: a raw line\n\u001b[1mbold');
    sender.send(bytes);
    await reader.untilCount(1);
    expect(reader.received[0]).toEqual(bytes);
  });
});
