// A network that fails on demand, between a client and the room on 127.0.0.1.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP relay to the room that can be cut (open connections dropped, new ones refused), stalled (open
 * connections go silent both ways without a close, as when a phone loses Wi-Fi, and new ones are
 * refused) and restored. `localAddress`: the address the room sees the relayed clients come from
 * (default 127.0.0.1).
 */
export async function startProxy(target: number, localAddress?: string) {
  const sockets = new Set<Socket>();
  let up = true;
  let stalled = false;
  const server = createServer((client) => {
    if (!up || stalled) return client.destroy();
    const upstream = connect({ port: target, host: '127.0.0.1', localAddress });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    setUp(value: boolean) {
      up = value;
      if (!up) for (const s of sockets) s.destroy();
    },
    /** Open connections stop carrying anything either way, and stay open; new ones are refused. */
    stall() {
      stalled = true;
      for (const s of sockets) {
        s.unpipe();
        s.pause();
      }
    },
    /** Ends a stall: the stalled connections are dropped (a link that comes back starts new ones), new ones get through. */
    unstall() {
      stalled = false;
      for (const s of sockets) s.destroy();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
