// The addresses other devices can use to reach the room, likely physical adapter first.
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { JoinUrl } from '../../common/host-view.js';

// Adapter names of containers, VMs and VPNs: reachable from this machine but rarely from a phone on
// the same Wi-Fi, so they are listed after the likely one and marked.
const VIRTUAL_ADAPTER =
  /^(docker|veth|br-|virbr|vmnet|vboxnet|vnic|utun|tun|tap|wg|zt|tailscale|ham|ppp|gpd|llw|awdl|anpi|bridge|lxc|lxd|cni|flannel|cali|kube|podman)|vethernet|virtual|vmware|virtualbox|hyper-v|vpn|loopback|pseudo/i;

export function isVirtualAdapter(name: string): boolean {
  return VIRTUAL_ADAPTER.test(name);
}

/**
 * Join URLs for a room bound to `host:port`. Bound to one address: just that one. Bound to every
 * address (`0.0.0.0`, or `::` which adds IPv6): each non-internal address, IPv4 first, physical
 * adapters before virtual ones. Link-local IPv6 is left out (it needs a zone id in the URL).
 * With a PIN the URL carries it, so a scanned QR code joins directly.
 */
export function joinUrls(
  host: string,
  port: number,
  pin: string | null,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): JoinUrl[] {
  const query = pin === null ? '' : `?pin=${encodeURIComponent(pin)}`;
  const url = (address: string) => `${roomUrl(address, port)}${query}`;
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const found: JoinUrl[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (wildcard) {
        if (info.internal) continue;
        if (info.family === 'IPv6' && (host !== '::' || info.address.toLowerCase().startsWith('fe80'))) continue;
      } else if (info.address !== host) {
        continue;
      }
      found.push({ url: url(info.address), address: info.address, interface: name, virtual: isVirtualAdapter(name) });
    }
  }
  if (!wildcard && found.length === 0) {
    found.push({ url: url(host), address: host, interface: '', virtual: false });
  }
  const rank = (j: JoinUrl) => (j.virtual ? 2 : 0) + (isIP(j.address) === 6 ? 1 : 0);
  return found.sort((a, b) => rank(a) - rank(b));
}

/** `http://<address>:<port>/`, an IPv6 address in brackets. */
export function roomUrl(address: string, port: number): string {
  return `http://${isIP(address) === 6 ? `[${address}]` : address}:${port}/`;
}

/**
 * `http://<address>:<port>` of the likely join address (for links to shared files in an export read on
 * another device); `http://localhost:<port>` when the machine has no network address.
 */
export function likelyOrigin(host: string, port: number, interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
  const first = joinUrls(host, port, null, interfaces)[0];
  return first === undefined ? `http://localhost:${port}` : new URL(first.url).origin;
}
