// Who reached the room by which address: the Host header's address part (handshake.ts `hostAddress`),
// counted per join (a resume is not a new arrival), bounded in how many addresses it keeps; and a real
// room counting real clients that asked for different addresses.
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { RAW_PROTOCOL } from '../../../common/protocol.js';
import { Arrivals } from '../../../electron/room/arrivals.js';
import { startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('Arrivals', () => {
  it('counts per address and keeps at most the given number of addresses', () => {
    const arrivals = new Arrivals(2);
    expect(arrivals.record('192.168.1.23:7681')).toBe(true);
    expect(arrivals.record('192.168.1.23:80')).toBe(true);
    expect(arrivals.record('[fd00::1]:7681')).toBe(true);
    expect(arrivals.record('10.0.0.9:7681')).toBe(false);
    expect(arrivals.record('')).toBe(false);
    expect(arrivals.snapshot()).toEqual({ '192.168.1.23': 2, 'fd00::1': 1 });
  });
});

describe('a room counting arrivals', () => {
  it('counts each client under the address it asked for and tells the host', async () => {
    const { room, port } = await startRoom();
    const told: Record<string, number>[] = [];
    room.on('arrivals', (arrivals) => told.push(arrivals));
    const connect = (host: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/`, RAW_PROTOCOL, { headers: { Host: host } });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const sockets = [await connect(`192.168.1.23:${port}`), await connect(`192.168.1.23:${port}`), await connect(`127.0.0.1:${port}`)];
    await expect.poll(() => told.at(-1)).toEqual({ '192.168.1.23': 2, '127.0.0.1': 1 });
    expect(room.arrivals()).toEqual({ '192.168.1.23': 2, '127.0.0.1': 1 });
    for (const ws of sockets) ws.close();
  });
});
