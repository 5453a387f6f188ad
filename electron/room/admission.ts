// Whether a WebSocket handshake may become a connection, decided before `ws` answers it. The checks run
// in one fixed order and the first refusal wins, answered as a plain-text HTTP error (never a 101).
// docs/protocol.md has the table; a new rule is one more check in `roomAdmission`.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Limits } from '../../common/limits.js';
import { RAW_PROTOCOL, RICH_PROTOCOL } from '../../common/protocol.js';
import { addressGroup, normalizeAddress } from './address.js';
import { chooseProtocol, isAllowedHost, isAllowedOrigin, pinFromUrl, type Subprotocol } from './handshake.js';
import type { Moderator } from './moderator.js';
import type { PinCheck } from './pin-check.js';

/** What admission knows of a handshake. */
export interface Upgrade {
  readonly req: IncomingMessage;
  /** The `Host` header ('' when missing). */
  readonly host: string;
  /** The client's IP address (IPv4-mapped IPv6 as plain IPv4). */
  readonly address: string;
  /** The sender it counts as for the per-sender limits: the address, or its /64 for IPv6 (address.ts). */
  readonly sender: string;
  /** The subprotocol the room would answer with; null when the client offered only unknown ones. */
  readonly protocol: Subprotocol | null;
  /** `?pin=` of the request URL. */
  readonly urlPin: string | null;
}

/** An HTTP status and the sentence that says why. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
}

/** One rule: a refusal, or null to leave the handshake to the next rule. */
export type AdmissionCheck = (upgrade: Upgrade) => Refusal | null;

/** What the room's rules look at. */
export interface AdmissionContext {
  /** False while the room is closing. */
  open(): boolean;
  /** Open connections, in all and per sender. */
  connections: { readonly size: number; from(sender: string): number };
  limits: Pick<Limits, 'maxConnections' | 'maxConnectionsPerIp'>;
  pins: PinCheck;
  /** The room's PIN now (null: none). */
  pin(): string | null;
  /** Bans and the lock. */
  moderator: Pick<Moderator, 'doorRefusal'>;
}

export function upgradeOf(req: IncomingMessage, socket: Duplex): Upgrade {
  // Node hands 'upgrade' a net.Socket; the Duplex type is only the common denominator.
  const address = normalizeAddress((socket as Socket).remoteAddress ?? '');
  return {
    req,
    host: req.headers.host ?? '',
    address,
    sender: addressGroup(address),
    protocol: chooseProtocol(req.headers['sec-websocket-protocol']),
    urlPin: pinFromUrl(req),
  };
}

/** The first refusal of `checks` in order, or null when every one lets the handshake through. */
export function admit(checks: readonly AdmissionCheck[], upgrade: Upgrade): Refusal | null {
  for (const check of checks) {
    const refusal = check(upgrade);
    if (refusal !== null) return refusal;
  }
  return null;
}

/** The room's rules, in the order they are asked. */
export function roomAdmission(room: AdmissionContext): AdmissionCheck[] {
  return [
    roomOpen(room),
    allowedHost,
    allowedOrigin,
    knownSubprotocol,
    rawClientAtDoor(room),
    roomNotFull(room),
    addressNotFull(room),
    rawClientPin(room),
  ];
}

function roomOpen(room: Pick<AdmissionContext, 'open'>): AdmissionCheck {
  return () => (room.open() ? null : { status: 503, message: 'The room is closing.' });
}

/** The DNS-rebinding guard (handshake.ts `isAllowedHost`). */
const allowedHost: AdmissionCheck = (u) =>
  isAllowedHost(u.host) ? null : { status: 403, message: "Host not allowed: connect by IP address, localhost or this computer's name." };

/** The cross-site WebSocket hijacking guard (handshake.ts `isAllowedOrigin`). */
const allowedOrigin: AdmissionCheck = (u) =>
  isAllowedOrigin(u.req.headers.origin, u.host)
    ? null
    : { status: 403, message: "Origin not allowed: only the room's own page may connect from a browser." };

const knownSubprotocol: AdmissionCheck = (u) =>
  u.protocol !== null ? null : { status: 400, message: `Unsupported subprotocol: offer "${RAW_PROTOCOL}" or "${RICH_PROTOCOL}".` };

function roomNotFull(room: Pick<AdmissionContext, 'connections' | 'limits'>): AdmissionCheck {
  return () => {
    const max = room.limits.maxConnections;
    return room.connections.size < max ? null : { status: 503, message: `The room is full (${max} connections).` };
  };
}

function addressNotFull(room: Pick<AdmissionContext, 'connections' | 'limits'>): AdmissionCheck {
  return (u) => {
    const max = room.limits.maxConnectionsPerIp;
    return room.connections.from(u.sender) < max ? null : { status: 429, message: `Too many connections from ${u.sender} (limit ${max}).` };
  };
}

/**
 * A banned address (403), or a locked room (423 Locked): a raw client is always a newcomer, it cannot
 * resume. A rich client is admitted and told in answer to its `hello` (rich-session.ts), where its page
 * can show why and a resuming member may still come back.
 */
function rawClientAtDoor(room: Pick<AdmissionContext, 'moderator'>): AdmissionCheck {
  return (u) => {
    if (u.protocol !== RAW_PROTOCOL) return null;
    const refusal = room.moderator.doorRefusal(u.address, null);
    return refusal === null ? null : { status: refusal.code === 'locked' ? 423 : 403, message: refusal.message };
  };
}

/**
 * A raw client cannot send a `hello`, so it gives the room's PIN in the URL and is checked here; a rich
 * client is admitted and gives its PIN in `hello` (rich-session.ts), through the same `PinCheck`.
 */
function rawClientPin(room: Pick<AdmissionContext, 'pins' | 'pin'>): AdmissionCheck {
  return (u) => {
    if (u.protocol !== RAW_PROTOCOL) return null;
    const verdict = room.pins.check(room.pin(), u.urlPin, u.sender);
    if (verdict.ok) return null;
    switch (verdict.problem) {
      case 'missing':
        return { status: 401, message: 'This room has a PIN: add ?pin=<PIN> to the address.' };
      case 'locked':
        return { status: 429, message: `Too many wrong PINs from ${u.sender}: wait ${Math.ceil(verdict.waitMs / 1000)} s and try again.` };
      case 'busy':
        return {
          status: 429,
          message: `Too many wrong PINs in this room lately: wait ${Math.ceil(verdict.waitMs / 1000)} s and try again.`,
        };
      case 'wrong':
        return { status: 401, message: 'Wrong PIN in ?pin=.' };
    }
  };
}
