// @ts-check
// The files benchmark's yardstick: a plain Node `http` server that pipes a PUT's body to a file and a
// GET's response from one, nothing else (no hashing, no limits). `PUT /?fsync` also flushes the file to
// disk before answering, as the room must before it says a file is stored.
// Usage: node bench/baseline-files.mjs <dir>   (loopback, any free port; prints "listening on ..." when ready)
import { close, createReadStream, createWriteStream, fsync, openSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.';
const server = createServer((req, res) => {
  const path = join(dir, 'file');
  if (req.method === 'PUT') {
    const fd = openSync(path, 'w');
    req.pipe(createWriteStream(path, { fd, autoClose: false })).on('finish', () => {
      const done = () => close(fd, () => res.end('stored\n'));
      if (req.url?.endsWith('?fsync')) fsync(fd, done);
      else done();
    });
  } else {
    res.writeHead(200, { 'Content-Length': statSync(path).size });
    createReadStream(path).pipe(res);
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`listening on http://127.0.0.1:${address.port}/`);
});
process.on('SIGTERM', () => process.exit(0));
