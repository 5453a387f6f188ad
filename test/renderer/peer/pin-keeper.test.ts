// Where the room's PIN may go (PinKeeper): with the person's own step, and on its own only to the room
// this device knows by id. Its rules alone, then the page (RoomClient) against real rooms on 127.0.0.1:
// the same room restarted, and another one answering at the same address (issue 10, finding 11).
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../common/protocol.js';
import { PinKeeper } from '../../../renderer/peer/pin-keeper.js';
import { online, until, usePeerClients } from '../../support/peer-client.js';

const { startRoom, joinedThenDown, startWsServer } = usePeerClients();

describe('PinKeeper', () => {
  it('sends the PIN the person gave until a room welcomes the page, and no more unasked', () => {
    const pin = new PinKeeper(null);
    expect(pin.forHello()).toBeUndefined();
    pin.given('2468');
    // Every attempt of that one step carries it (a retry after a drop included).
    expect(pin.forHello()).toBe('2468');
    expect(pin.forHello()).toBe('2468');
    pin.welcomed('room-a');
    expect(pin.forHello()).toBeUndefined();
  });

  it('holds a PIN kept for a rejoin without sending it', () => {
    const pin = new PinKeeper('room-a');
    pin.keep('2468');
    expect(pin.forHello()).toBeUndefined();
    expect(pin.takeRetry()).toBe(false);
  });

  it('lets a held PIN go to the known room when it asks, once, on one connection made at once', () => {
    const pin = new PinKeeper('room-a');
    pin.keep('2468');
    // Another room, or one that does not say which it is, never gets it.
    expect(pin.knownRoomAsks('room-b')).toBe(false);
    expect(pin.knownRoomAsks(undefined)).toBe(false);
    expect(pin.forHello()).toBeUndefined();

    expect(pin.knownRoomAsks('room-a')).toBe(true);
    expect(pin.forHello()).toBe('2468');
    expect(pin.takeRetry()).toBe(true);
    expect(pin.takeRetry()).toBe(false);
    // Asked again while the PIN is going: it did not do, and the person has to say.
    expect(pin.knownRoomAsks('room-a')).toBe(false);
  });

  it('has nothing to send without a PIN', () => {
    const pin = new PinKeeper('room-a');
    expect(pin.knownRoomAsks('room-a')).toBe(false);
    expect(pin.forHello()).toBeUndefined();
  });

  it('knows a room as other only against the one that welcomed the page last', () => {
    const pin = new PinKeeper(null);
    expect(pin.isOtherRoom('room-a')).toBe(false);
    pin.welcomed('room-a');
    expect(pin.isOtherRoom('room-a')).toBe(false);
    expect(pin.isOtherRoom(undefined)).toBe(false);
    expect(pin.isOtherRoom('room-b')).toBe(true);
    pin.welcomed('room-b');
    expect(pin.isOtherRoom('room-a')).toBe(true);
  });
});

describe('the page’s PIN with real rooms (issue 10, finding 11)', () => {
  const ROOM_A = 'room-a-0123456789abcdef';
  const PIN = 'k7m2q9';

  /** Something else answering at `port` on the rich protocol: it asks every hello for a PIN, as a room would; resolves with the hellos it gets. */
  async function impostor(port: number) {
    const other = await startWsServer(port);
    other.server.on('connection', (ws) => {
      ws.once('message', () => {
        ws.send(JSON.stringify({ type: 'error', code: 'pin-required', message: 'This room has a PIN.', roomId: 'someone-elses-room-01' }));
        ws.close(CloseCode.pinRequired);
      });
    });
    return other.received;
  }

  it('does not send the PIN on its own to a room with another id; it says so, and sends it when the person does', async () => {
    const { first, client } = await joinedThenDown({ roomId: ROOM_A, settings: { pin: PIN } }, PIN);
    const hellos = await impostor(first.port);
    client.wake();
    const asked = await until(client, (s) => s.status.phase === 'pin');
    expect(asked.status).toMatchObject({ phase: 'pin', roomChanged: true });
    expect(hellos.list.length).toBeGreaterThan(0);
    expect(hellos.list.filter((hello) => 'pin' in hello)).toEqual([]);

    // The person's own step: the PIN they type goes to the room in front of them.
    client.join('Alice', PIN);
    expect(await hellos.next((hello) => 'pin' in hello)).toMatchObject({ type: 'hello', pin: PIN });
  });

  it('sends the PIN again on its own to the same room after it restarted (it forgot the session)', async () => {
    const { first, client } = await joinedThenDown({ roomId: ROOM_A, settings: { pin: PIN } }, PIN);
    await startRoom({ roomId: ROOM_A, settings: { pin: PIN }, port: first.port });
    client.wake();
    const back = await online(client);
    expect(back.held).toBe(false);
  });
});
