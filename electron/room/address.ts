// Who a connection comes from, for the limits that count per sender (connections, PIN guesses, the send
// rate). An IPv4 client of a dual-stack socket (`--host ::`) reports `::ffff:a.b.c.d`: that is `a.b.c.d`.
// An IPv6 device picks new addresses in its /64 at will (privacy addresses), so a /64 counts as one.
import { isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The address as people read it: IPv4-mapped IPv6 as plain IPv4, lower case. */
export function normalizeAddress(address: string): string {
  const mapped = MAPPED_IPV4.exec(address);
  return mapped !== null ? mapped[1]! : address.toLowerCase();
}

/** The sender an address counts as: an IPv4 address itself, an IPv6 address's /64 (`2001:db8:1:2::/64`). */
export function addressGroup(address: string): string {
  const normal = normalizeAddress(address);
  if (!isIPv6(normal.split('%')[0]!)) return normal;
  const groups = expandIPv6(normal.split('%')[0]!);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as short hex (`0`, `db8`). */
function expandIPv6(address: string): string[] {
  let text = address;
  // A trailing IPv4 part (`::1.2.3.4`) is the last two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (isIPv4(tail)) {
    const [a, b, c, d] = tail.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}
