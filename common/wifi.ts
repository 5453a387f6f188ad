// The Wi-Fi network a host offers visitors on the join card: its shape, its validation (the same rules
// in the window's form and behind the IPC bridge), and the standard `WIFI:` text phones read from a QR
// code to join a network.

export type WifiSecurity = 'WPA' | 'WEP' | 'nopass';
export const WIFI_SECURITIES: readonly WifiSecurity[] = ['WPA', 'WEP', 'nopass'];

export interface WifiNetwork {
  ssid: string;
  /** '' for an open network. */
  password: string;
  security: WifiSecurity;
  hidden: boolean;
}

/** What is wrong with a network, as a key the window translates; null when it is fine. */
export type WifiProblem = 'ssid' | 'password.WPA' | 'password.WEP' | 'characters';

const MAX_SSID_BYTES = 32;
const CONTROL = /[\u0000-\u001f\u007f]/;
const HEX = /^[0-9a-f]+$/i;

export function wifiProblem(network: WifiNetwork): WifiProblem | null {
  const { ssid, password, security } = network;
  if (CONTROL.test(ssid) || CONTROL.test(password)) return 'characters';
  if (ssid.trim() === '' || new TextEncoder().encode(ssid).length > MAX_SSID_BYTES) return 'ssid';
  if (security === 'WPA') {
    const ok = (password.length >= 8 && password.length <= 63) || (password.length === 64 && HEX.test(password));
    if (!ok) return 'password.WPA';
  }
  if (security === 'WEP') {
    const ok =
      password.length === 5 || password.length === 13 || ((password.length === 10 || password.length === 26) && HEX.test(password));
    if (!ok) return 'password.WEP';
  }
  return null;
}

/**
 * `value` as a `WifiNetwork`, or a `TypeError` saying what is wrong: for a value that crossed a trust
 * boundary (the IPC bridge, a stored file).
 */
export function parseWifiNetwork(value: unknown): WifiNetwork {
  if (typeof value !== 'object' || value === null) throw new TypeError('the Wi-Fi network must be an object');
  const { ssid, password, security, hidden } = value as Record<string, unknown>;
  if (typeof ssid !== 'string' || typeof password !== 'string' || typeof hidden !== 'boolean') {
    throw new TypeError('the Wi-Fi network needs ssid and password (strings) and hidden (a boolean)');
  }
  if (!WIFI_SECURITIES.includes(security as WifiSecurity))
    throw new TypeError(`the Wi-Fi security must be one of ${WIFI_SECURITIES.join(', ')}`);
  const network: WifiNetwork = { ssid, password: security === 'nopass' ? '' : password, security: security as WifiSecurity, hidden };
  const problem = wifiProblem(network);
  if (problem !== null) throw new TypeError(`the Wi-Fi network is not valid (${problem})`);
  return network;
}

/** Backslash before the characters the `WIFI:` format gives a meaning to. */
const escape = (text: string) => text.replace(/[\\;,":]/g, (c) => `\\${c}`);

/** The text of a QR code that joins `network`: `WIFI:T:WPA;S:<ssid>;P:<password>;;`, escaped. */
export function wifiQrText(network: WifiNetwork): string {
  const parts = [`T:${network.security}`, `S:${escape(network.ssid)}`];
  if (network.security !== 'nopass') parts.push(`P:${escape(network.password)}`);
  if (network.hidden) parts.push('H:true');
  return `WIFI:${parts.join(';')};;`;
}
