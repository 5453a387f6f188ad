// @ts-check
// The benchmark's upper anchor: a broadcast room written the way uWebSockets.js intends, with its
// pub/sub. Every client subscribes to one topic and every message received is published to that topic,
// sender included, as one frame built once and written to each subscriber from C++.
// Usage: node bench/uws-broadcast.mjs <port>   (loopback only; prints "listening on ..." when ready)
// Exits 3 without listening when no native binary fits this platform and Node version.
import { loadUws } from './uws-binary.mjs';

const loaded = loadUws();
if ('error' in loaded) {
  console.error(`uWebSockets.js: ${loaded.error}`);
  process.exit(3);
}
const { uWS } = loaded;

const SUBPROTOCOL = 'lws-minimal';
const TOPIC = 'room';
const port = Number(process.argv[2] ?? 0);
const app = uWS.App();

app.ws('/*', {
  compression: uWS.DISABLED,
  maxPayloadLength: 64 * 1024,
  // Past maxBackpressure a publish skips that subscriber (a lost message) instead of queueing; the other
  // servers queue, so the limit is set far above what any scenario leaves in flight.
  maxBackpressure: 256 * 1024 * 1024,
  // No idle timeout or pings: idle scenarios keep clients connected without traffic.
  idleTimeout: 0,
  sendPingsAutomatically: false,
  upgrade: (res, req, context) => {
    // The clients ask for the room's subprotocol; a client that offered one refuses a reply without it.
    const offered = req
      .getHeader('sec-websocket-protocol')
      .split(',')
      .map((protocol) => protocol.trim());
    res.upgrade(
      {},
      req.getHeader('sec-websocket-key'),
      offered.includes(SUBPROTOCOL) ? SUBPROTOCOL : '',
      req.getHeader('sec-websocket-extensions'),
      context,
    );
  },
  open: (ws) => {
    ws.subscribe(TOPIC);
  },
  message: (_ws, message, isBinary) => {
    app.publish(TOPIC, message, isBinary);
  },
});

app.listen('127.0.0.1', port, (listenSocket) => {
  if (!listenSocket) {
    console.error(`uWebSockets.js: cannot listen on 127.0.0.1:${port}`);
    process.exit(1);
  }
  const bound = uWS.us_socket_local_port(/** @type {import('uWebSockets.js').us_socket} */ (/** @type {unknown} */ (listenSocket)));
  console.log(`listening on ws://127.0.0.1:${bound}/`);
});
