// The addresses other devices can use to reach the room.
import { describe, expect, it } from 'vitest';
import { isVirtualAdapter, joinUrls } from '../../../electron/room/join-urls.js';

describe('join URLs', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
    wlan0: [
      { address: 'fe80::1', family: 'IPv6', internal: false },
      { address: '192.168.1.20', family: 'IPv4', internal: false },
    ],
    'vEthernet (WSL)': [{ address: '172.20.0.1', family: 'IPv4', internal: false }],
  } as unknown as Parameters<typeof joinUrls>[3];

  it('lists LAN IPv4 addresses, physical adapters first, virtual ones marked', () => {
    expect(joinUrls('0.0.0.0', 7681, null, interfaces)).toEqual([
      { url: 'http://192.168.1.20:7681/', address: '192.168.1.20', interface: 'wlan0', virtual: false },
      { url: 'http://172.17.0.1:7681/', address: '172.17.0.1', interface: 'docker0', virtual: true },
      { url: 'http://172.20.0.1:7681/', address: '172.20.0.1', interface: 'vEthernet (WSL)', virtual: true },
    ]);
  });

  it('gives only the bound address when bound to one, and carries the PIN', () => {
    expect(joinUrls('192.168.1.20', 7681, '1234', interfaces)).toEqual([
      { url: 'http://192.168.1.20:7681/?pin=1234', address: '192.168.1.20', interface: 'wlan0', virtual: false },
    ]);
  });

  it('recognises common virtual adapter names', () => {
    for (const name of [
      'docker0',
      'veth12ab',
      'br-0a1b',
      'vmnet8',
      'vboxnet0',
      'virbr0',
      'utun3',
      'tun0',
      'wg0',
      'tailscale0',
      'zt7nnig26',
      'vEthernet (Default Switch)',
    ]) {
      expect(isVirtualAdapter(name), name).toBe(true);
    }
    for (const name of ['eth0', 'wlan0', 'en0', 'Wi-Fi', 'Ethernet', 'enp3s0', 'wlp2s0']) {
      expect(isVirtualAdapter(name), name).toBe(false);
    }
  });
});
