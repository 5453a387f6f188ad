// The Wi-Fi network the host offers visitors (the join card's first QR code). Its password is a
// secret: it is kept encrypted with Electron's safeStorage (the OS keychain, DPAPI or the desktop's
// secret service) in its own file in the user-data folder, never in settings.json. Where the OS offers
// no encryption it is kept in memory until the app quits, and the window says so.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { messageOf } from '../../common/errors.js';
import { parseWifiNetwork, type WifiNetwork } from '../../common/wifi.js';
import type { WifiState } from '../ipc-contract.js';

const FILE = 'wifi.bin';

/**
 * Whether safeStorage can keep a secret. On Linux without a secret service it "encrypts" with a
 * password built into Chromium (backend `basic_text`), which protects nothing: that counts as no.
 */
function canEncrypt(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export class WifiStore {
  #network: WifiNetwork | null = null;
  readonly #file: string;

  /**
   * Reads what an earlier run stored; a file that cannot be decrypted or read (another user's, a
   * keychain that was reset) is reported through `onWarning` and left out.
   */
  constructor(userDataDir: string, onWarning: (message: string) => void = console.warn) {
    this.#file = join(userDataDir, FILE);
    if (!existsSync(this.#file) || !canEncrypt()) return;
    try {
      this.#network = parseWifiNetwork(JSON.parse(safeStorage.decryptString(readFileSync(this.#file))));
    } catch (error) {
      onWarning(`LAN Chat: the stored Wi-Fi step could not be read and is left out (${messageOf(error)})`);
    }
  }

  get(): WifiState {
    return { network: this.#network, persisted: canEncrypt() };
  }

  /** Stores `network` (encrypted), or forgets it with null. */
  set(network: WifiNetwork | null): WifiState {
    this.#network = network;
    if (network === null) rmSync(this.#file, { force: true });
    else if (canEncrypt()) writeFileSync(this.#file, safeStorage.encryptString(JSON.stringify(network)), { mode: 0o600 });
    return this.get();
  }
}
