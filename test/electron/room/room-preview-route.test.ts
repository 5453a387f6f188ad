// `GET /api/room`: the join screen's facts from a real room over loopback HTTP, as they are now, and
// nothing a PIN protects.
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomPreview } from '../../../common/protocol.js';
import { richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

const preview = async (port: number): Promise<{ status: number; type: string | null; body: RoomPreview }> => {
  const response = await fetch(`http://127.0.0.1:${port}/api/room`);
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as RoomPreview };
};

describe('GET /api/room', () => {
  it("tells the room's name, the host's name, whether a PIN is needed and how long a name may be", async () => {
    const { port } = await startRoom({ settings: { roomName: 'Team Room', hostName: 'Hostess' }, limits: { maxNameLength: 20 } });
    expect(await preview(port)).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: { name: 'Team Room', hostName: 'Hostess', pinRequired: false, maxNameLength: 20 },
    });
  });

  it('follows the settings as they change, and tells nothing a PIN protects', async () => {
    const { port, room, url } = await startRoom({ settings: { pin: '2468' } });
    await richClient(url, { name: 'Ann', pin: '2468' });
    room.send('a secret');
    const { body } = await preview(port);
    expect(body).toEqual({ name: 'LAN Chat', hostName: 'Host', pinRequired: true, maxNameLength: 32 });
    expect(JSON.stringify(body)).not.toMatch(/Ann|secret|2468/);
    room.updateSettings({ roomName: 'Renamed', pin: null });
    expect((await preview(port)).body).toMatchObject({ name: 'Renamed', pinRequired: false });
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { port } = await startRoom();
    const head = await fetch(`http://127.0.0.1:${port}/api/room`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    const post = await fetch(`http://127.0.0.1:${port}/api/room`, { method: 'POST', body: '{}' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});
