// What the room emits (Node `EventEmitter` map): the host window (through the IPC bridge) and the CLI
// listen to these.
import type { ClientInfo, RoomSettings, RoomStatus } from '../../common/host-view.js';
import type { ChatMessage, PresenceEvent } from '../../common/model.js';
import type { ArrivalCounts } from './arrivals.js';

export interface RoomEventMap {
  chat: [message: ChatMessage];
  presence: [event: PresenceEvent];
  /** The client list changed (join, leave, rename, kick); the whole list, host excluded. */
  clients: [clients: ClientInfo[]];
  status: [status: RoomStatus];
  settings: [settings: RoomSettings];
  'history-cleared': [];
  /** Someone joined: how many have joined through each address so far (throttled with `clients`). */
  arrivals: [arrivals: ArrivalCounts];
  /** Something the host should read (storage trouble, a corrupt log tail skipped). Never fatal. */
  warning: [message: string];
}
