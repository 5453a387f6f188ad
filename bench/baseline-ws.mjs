// @ts-check
// The benchmark's yardstick: the textbook `ws` broadcast server, as its README teaches it. Every text
// message goes to every open client with `send` (framed again for each one), no batching, no limits.
// Usage: node bench/baseline-ws.mjs <port>   (loopback only; prints "listening on ..." when ready)
import { WebSocket, WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port,
  perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has('lws-minimal') ? 'lws-minimal' : false),
});

wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    wss.clients.forEach((client) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    });
  });
});
wss.on('listening', () =>
  console.log(`listening on ws://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (wss.address()).port}/`),
);
process.on('SIGTERM', () => process.exit(0));
