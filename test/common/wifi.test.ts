import { describe, expect, it } from 'vitest';
import { parseWifiNetwork, wifiProblem, wifiQrText, type WifiNetwork } from '../../common/wifi.js';

const home: WifiNetwork = { ssid: 'Home', password: 'correct horse', security: 'WPA', hidden: false };

describe('wifiQrText', () => {
  it('writes the standard WIFI: text', () => {
    expect(wifiQrText(home)).toBe('WIFI:T:WPA;S:Home;P:correct horse;;');
    expect(wifiQrText({ ssid: 'Café', password: '', security: 'nopass', hidden: true })).toBe('WIFI:T:nopass;S:Café;H:true;;');
  });

  it('escapes the characters the format uses, backslash first', () => {
    const network = { ...home, ssid: 'a;b,c"d:e\\f', password: 'p;w,d"x:y\\z' };
    expect(wifiQrText(network)).toBe('WIFI:T:WPA;S:a\\;b\\,c\\"d\\:e\\\\f;P:p\\;w\\,d\\"x\\:y\\\\z;;');
  });
});

describe('wifiProblem and parseWifiNetwork', () => {
  it.each([
    [{ ...home, ssid: '' }, 'ssid'],
    [{ ...home, ssid: 'x'.repeat(33) }, 'ssid'],
    [{ ...home, ssid: '网'.repeat(11) }, 'ssid'],
    [{ ...home, password: 'short' }, 'password.WPA'],
    [{ ...home, password: 'x'.repeat(64) }, 'password.WPA'],
    [{ ...home, password: 'a'.repeat(64) }, null],
    [{ ...home, security: 'WEP', password: 'abcde' }, null],
    [{ ...home, security: 'WEP', password: 'abcdef' }, 'password.WEP'],
    [{ ...home, password: 'line\nbreak!' }, 'characters'],
    [{ ...home, security: 'nopass', password: '' }, null],
  ] as const)('%j: %s', (network, problem) => {
    expect(wifiProblem(network as WifiNetwork)).toBe(problem);
  });

  it('refuses what is not a network, and drops a password an open network does not use', () => {
    for (const bad of [null, 'Home', { ...home, security: 'WPA4' }, { ...home, hidden: 'no' }, { ...home, password: 'short' }]) {
      expect(() => parseWifiNetwork(bad)).toThrow(TypeError);
    }
    expect(parseWifiNetwork({ ...home, security: 'nopass' }).password).toBe('');
  });
});
