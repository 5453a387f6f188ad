import { describe, expect, it } from 'vitest';
import { joinAddressParts } from '../../../renderer/host/join-address.js';

describe('joinAddressParts', () => {
  it('splits the address to type from the query a QR code carries', () => {
    expect(joinAddressParts('http://192.168.1.23:7681/?pin=2468')).toEqual({ address: 'http://192.168.1.23:7681/', query: '?pin=2468' });
    expect(joinAddressParts('http://[fd00::1]:7681/')).toEqual({ address: 'http://[fd00::1]:7681/', query: '' });
  });
});
