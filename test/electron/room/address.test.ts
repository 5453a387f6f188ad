// Who a connection counts as: IPv4-mapped addresses as plain IPv4, IPv6 by its /64.
import { describe, expect, it } from 'vitest';
import { addressGroup, normalizeAddress } from '../../../electron/room/address.js';

describe('normalizeAddress', () => {
  it('reads an IPv4-mapped IPv6 address (a dual-stack socket) as the IPv4 address', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('::FFFF:192.168.1.23')).toBe('192.168.1.23');
    expect(normalizeAddress('192.168.1.23')).toBe('192.168.1.23');
    expect(normalizeAddress('FE80::1')).toBe('fe80::1');
  });
});

describe('addressGroup', () => {
  it('is the address itself for IPv4, mapped or not', () => {
    expect(addressGroup('10.0.0.7')).toBe('10.0.0.7');
    expect(addressGroup('::ffff:10.0.0.7')).toBe('10.0.0.7');
  });

  it('is the /64 for IPv6, however the address is written', () => {
    const group = '2001:db8:1:2::/64';
    for (const address of ['2001:db8:1:2::1', '2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:DB8:1:2:0:0:0:9', '2001:db8:1:2::1.2.3.4']) {
      expect(addressGroup(address), address).toBe(group);
    }
    expect(addressGroup('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressGroup('2001:db8::')).toBe('2001:db8:0:0::/64');
  });
});
