// Deciding on a WebSocket handshake before `ws` answers it: Host and Origin policy, subprotocol
// choice, and writing a plain HTTP refusal. Headers are read defensively: with more headers than
// Node keeps (CVE-2024-37890) any of them may be missing.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import { RAW_PROTOCOL, RICH_PROTOCOL } from '../../common/protocol.js';

export type Subprotocol = typeof RAW_PROTOCOL | typeof RICH_PROTOCOL;

const KNOWN_PROTOCOLS: ReadonlySet<string> = new Set([RAW_PROTOCOL, RICH_PROTOCOL]);

let ownNamesCache: { hostname: string; names: ReadonlySet<string> } | null = null;

/** This machine's own names, lower case: `name` and `name.local` (mDNS); rebuilt only when it is renamed. */
function ownNames(): ReadonlySet<string> {
  const current = hostname();
  if (ownNamesCache?.hostname !== current) {
    const name = current.toLowerCase();
    const short = name.split('.')[0] ?? name;
    ownNamesCache = { hostname: current, names: new Set([name, `${name}.local`, short, `${short}.local`]) };
  }
  return ownNamesCache.names;
}

/**
 * The address part of a `Host` header, lower case, without port, IPv6 brackets or a trailing dot
 * (`[::1]:7681` -> `::1`, `Example.:80` -> `example`); '' when there is none.
 */
export function hostAddress(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? '' : value.slice(1, end);
  }
  // A bare IPv6 literal has colons of its own; anything else is `name:port`.
  if (isIP(value) === 6) return value;
  const colon = value.lastIndexOf(':');
  return (colon === -1 ? value : value.slice(0, colon)).replace(/\.$/, '');
}

/**
 * The DNS-rebinding guard: the `Host` header must name us by IP literal, `localhost`, or this
 * machine's own name. Another name pointing at our address means a page from elsewhere is talking.
 */
export function isAllowedHost(hostHeader: string): boolean {
  const host = hostAddress(hostHeader);
  if (host === '') return false;
  return isIP(host) !== 0 || host === 'localhost' || ownNames().has(host);
}

/**
 * `host[:port]` of a `Host` header for links the room sends back (`192.168.1.5:7681`, `[::1]:7681`):
 * whatever followed the port in the header is dropped. `localhost` when the header does not parse.
 */
export function hostForUrls(hostHeader: string): string {
  try {
    const host = new URL(`http://${hostHeader.trim()}/`).host;
    if (host !== '') return host;
  } catch {
    // Admission let only a host of ours through; one that still does not parse gets a name that works here.
  }
  return 'localhost';
}

/**
 * The cross-site WebSocket hijacking guard: a browser always sends `Origin`, and it must be this very
 * page (`http://<Host>` or `https://<Host>`). No Origin is a non-browser client; `null` is refused.
 */
export function isAllowedOrigin(origin: string | undefined, hostHeader: string): boolean {
  if (origin === undefined) return true;
  const o = origin.trim().toLowerCase();
  const h = hostHeader.trim().toLowerCase();
  return o === `http://${h}` || o === `https://${h}`;
}

/**
 * The subprotocol to answer with: none offered means the original's `lws-minimal`; otherwise the first
 * one we know in the client's order; `null` when only unknown ones were offered (refuse, never 101).
 */
export function chooseProtocol(header: string | undefined): Subprotocol | null {
  if (header === undefined || header.trim() === '') return RAW_PROTOCOL;
  for (const offered of header.split(',')) {
    const name = offered.trim();
    if (KNOWN_PROTOCOLS.has(name)) return name as Subprotocol;
  }
  return null;
}

/** Answers an upgrade request with a plain-text HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}

/** The `?pin=` of an upgrade request's URL, for raw clients that cannot send a hello. */
export function pinFromUrl(req: IncomingMessage): string | null {
  // Most clients put no query in the URL: no need to parse one.
  if (req.url === undefined || !req.url.includes('?')) return null;
  try {
    return new URL(req.url, 'http://localhost').searchParams.get('pin');
  } catch {
    return null;
  }
}
