// PLACEHOLDER SIGNATURE — the room helper replaces this file's body. Other modules code against it.
import { EventEmitter } from 'node:events';
import type { Limits } from './limits.js';
import type { ChatMessage, ClientInfo, HistoryLog, JoinUrl, RoomEventMap, RoomSettings, RoomStatus } from './types.js';

export interface RoomOptions {
  /** Address to bind; default `0.0.0.0` (every interface). Tests pass `127.0.0.1`. */
  host?: string;
  /** Overrides `settings.port`; 0 picks a free port (tests). */
  port?: number;
  /** Initial settings (the caller loads them from the settings store). */
  settings?: Partial<RoomSettings>;
  /** Persistent chat log; omitted or null = memory only. */
  historyLog?: HistoryLog | null;
  /** Messages kept in memory for late joiners and resume. */
  historySize?: number;
  limits?: Partial<Limits>;
  /** Folder of the built peer page (dist/renderer/peer); found automatically when omitted. */
  peerAssetsDir?: string;
}

export class Room extends EventEmitter<RoomEventMap> {
  constructor(readonly options: RoomOptions = {}) {
    super();
  }
  /** Starts listening. Rejects with a `RoomListenError` (code `port-in-use` or `listen-failed`). */
  listen(): Promise<{ host: string; port: number }> {
    throw new Error('not implemented');
  }
  /** Closes every client (1001) and the server. */
  close(): Promise<void> {
    throw new Error('not implemented');
  }
  /** Sends a chat message as the host. Throws a `RangeError` for empty or over-long text. */
  send(_text: string): ChatMessage {
    throw new Error('not implemented');
  }
  clients(): ClientInfo[] {
    throw new Error('not implemented');
  }
  kick(_id: string): boolean {
    throw new Error('not implemented');
  }
  status(): RoomStatus {
    throw new Error('not implemented');
  }
  history(): ChatMessage[] {
    throw new Error('not implemented');
  }
  joinUrls(): JoinUrl[] {
    throw new Error('not implemented');
  }
  settings(): RoomSettings {
    throw new Error('not implemented');
  }
  /** Applies what can change live (room name, host name, PIN, save history); a port change needs a restart. */
  updateSettings(_update: Partial<RoomSettings>): RoomSettings {
    throw new Error('not implemented');
  }
  clearHistory(): void {
    throw new Error('not implemented');
  }
}
