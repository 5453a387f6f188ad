// The peer page's connection layer in Node, as its tests drive it: real rooms on 127.0.0.1, the page's
// RoomConnection and RoomClient on the `ws` package's WebSocket, what they report, and ways to wait
// for it (an event, never a fixed sleep). Everything started here stops after each test.
import { WebSocket, WebSocketServer } from 'ws';
import { PROTOCOL_VERSION, RICH_PROTOCOL, type ServerMessage } from '../../common/protocol.js';
import { Room, type RoomOptions } from '../../electron/room/room.js';
import { RoomClient, type ClientSnapshot, type RoomClientOptions } from '../../renderer/peer/room-client.js';
import { RoomConnection } from '../../renderer/peer/room-connection.js';
import { useCleanups } from './cleanup.js';

/** What a callback reported, in order, and a way to wait for a report. */
export class Reports<T> {
  readonly list: T[] = [];
  private readonly waiters = new Set<() => void>();

  readonly add = (value: T): void => {
    this.list.push(value);
    for (const wake of [...this.waiters]) wake();
  };

  /** Resolves with the first report from index `from` on (in already, or later) that `match` accepts. */
  next(match: (value: T) => boolean = () => true, from = 0, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.list.slice(from).find(match);
        if (found === undefined) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such report within ${timeoutMs} ms (${this.list.length} reported)`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}

/** Resolves with the first snapshot (the current one, or a later one) that `done` accepts. */
export function until(client: RoomClient, done: (snapshot: ClientSnapshot) => boolean, timeoutMs = 10_000): Promise<ClientSnapshot> {
  const snapshots = new Reports<ClientSnapshot>();
  const unsubscribe = client.subscribe(() => snapshots.add(client.getSnapshot()));
  snapshots.add(client.getSnapshot());
  return snapshots.next(done, 0, timeoutMs).then(
    (snapshot) => (unsubscribe(), snapshot),
    (error: Error) => {
      unsubscribe();
      throw new Error(`${error.message}; last status: ${JSON.stringify(client.getSnapshot().status)}`);
    },
  );
}

export const online = (client: RoomClient) => until(client, (s) => s.status.phase === 'online');
export const texts = (snapshot: ClientSnapshot) =>
  snapshot.chat.timeline.flatMap((item) => (item.kind === 'chat' ? [item.message.text] : []));
/** Resolves once the client shows exactly `expected`, with nothing pending. */
export const showing = (client: RoomClient, expected: string[]) =>
  until(client, (s) => JSON.stringify(texts(s)) === JSON.stringify(expected) && s.chat.pending.length === 0);

/** The hooks of a test file that runs the page's connection layer against real rooms. */
export function usePeerClients() {
  const { defer, tempDir } = useCleanups('lan-chat-peer-client-');

  async function startRoom(options: RoomOptions = {}) {
    const room = new Room({ bindAddress: '127.0.0.1', port: 0, ...options });
    const { port } = await room.listen();
    defer(() => room.close());
    return { room, port, wsUrl: `ws://127.0.0.1:${port}/` };
  }

  /** A RoomClient on `url`, with what it reported through its callbacks; it leaves when the test ends. */
  function startClient(url: string, options: Partial<RoomClientOptions> = {}) {
    const sessions: (string | null)[] = [];
    const incoming: number[] = [];
    const client = new RoomClient({
      url,
      WebSocket,
      onIncoming: (count) => incoming.push(count),
      onSession: (session) => sessions.push(session),
      ...options,
    });
    defer(() => client.leave());
    return { client, sessions, incoming };
  }

  /**
   * A RoomConnection on `url` that says hello as `name` (with the session of the last welcome, as the
   * page does), with the frames (each also to `onFrame`) and closes it reported and every socket it made.
   */
  function startConnection(url: string, name = 'Alice', onFrame: (frame: ServerMessage) => void = () => {}) {
    const frames = new Reports<ServerMessage>();
    const closes = new Reports<number>();
    const sockets: WebSocket[] = [];
    let session: string | undefined;
    let hellos = 0;
    class RecordedSocket extends WebSocket {
      constructor(address: string, protocol: string) {
        super(address, protocol);
        sockets.push(this);
      }
    }
    const connection = new RoomConnection({
      url,
      WebSocket: RecordedSocket,
      hello: () => (hellos++, { type: 'hello', v: PROTOCOL_VERSION, name, ...(session ? { session } : {}) }),
      frame: (data) => {
        const frame = JSON.parse(String(data)) as ServerMessage;
        if (frame.type === 'welcome') session = frame.session;
        frames.add(frame);
        onFrame(frame);
      },
      closed: closes.add,
    });
    defer(() => connection.close());
    return {
      connection,
      frames,
      closes,
      sockets,
      hellos: () => hellos,
      /**
       * Opens a socket and does `meanwhile` (while it is not open yet); resolves with the room's welcome
       * on it once the connection has been told.
       */
      async join(meanwhile = () => {}) {
        const from = frames.list.length;
        if (!connection.open()) throw new Error(`no socket to ${url}`);
        meanwhile();
        const welcome = await frames.next((f) => f.type === 'welcome', from);
        if (welcome.type === 'welcome') connection.welcomed(welcome.room.heartbeatMs);
        return welcome;
      },
    };
  }

  /**
   * Alice joins a room started with `options` (with `pin`, if given), does `meanwhile`, and the room goes
   * away: resolves once her page waits to reconnect.
   */
  async function joinedThenDown(
    options: RoomOptions = {},
    pin?: string,
    meanwhile: (client: RoomClient) => Promise<unknown> = async () => {},
  ) {
    const first = await startRoom(options);
    const { client } = startClient(first.wsUrl);
    client.join('Alice', pin);
    await online(client);
    await meanwhile(client);
    await first.room.close();
    await until(client, (s) => s.status.phase === 'waiting');
    return { first, client };
  }

  /**
   * A plain WebSocket server on the rich protocol at `port` (0: any) that says nothing by itself: every
   * frame its sockets received (parsed) and the code of every close it saw.
   */
  async function startWsServer(port = 0) {
    const server = new WebSocketServer({ host: '127.0.0.1', port, handleProtocols: () => RICH_PROTOCOL });
    await new Promise((resolve) => server.once('listening', resolve));
    defer(() => {
      for (const ws of server.clients) ws.terminate();
      return new Promise((resolve) => server.close(resolve));
    });
    const received = new Reports<Record<string, unknown>>();
    const closed = new Reports<number>();
    server.on('connection', (ws) => {
      ws.on('message', (data) => received.add(JSON.parse(String(data)) as Record<string, unknown>));
      ws.on('close', closed.add);
    });
    const { port: bound } = server.address() as { port: number };
    return { server, received, closed, url: `ws://127.0.0.1:${bound}/` };
  }

  return { defer, tempDir, startRoom, startClient, startConnection, joinedThenDown, startWsServer };
}
