// What the room emits (Node `EventEmitter` map): the host window (through the IPC bridge) and the CLI
// listen to these.
import type { ClientInfo, ModerationState, RoomSettings, RoomStatus } from '../../common/host-view.js';
import type { ChatMessage, ModerationEvent, PresenceEvent } from '../../common/model.js';
import type { ArrivalCounts } from './arrivals.js';

export interface RoomEventMap {
  chat: [message: ChatMessage];
  presence: [event: PresenceEvent];
  /** A moderation line (mute, lock, slow mode, PIN, room name…), as everyone's history shows it. */
  moderation: [event: ModerationEvent];
  /** The client list changed (join, leave, rename, kick, mute); the whole list, host excluded. */
  clients: [clients: ClientInfo[]];
  /** The host's controls or what they hold changed (lock, waiting room and its list, slow mode, bans, mutes). */
  'moderation-state': [state: ModerationState];
  status: [status: RoomStatus];
  settings: [settings: RoomSettings];
  'history-cleared': [];
  /** Someone joined: how many have joined through each address so far (throttled with `clients`). */
  arrivals: [arrivals: ArrivalCounts];
  /**
   * The host removed a chat message: the message as it was (with anything attached, so what it
   * referred to can be deleted too); everyone now has its tombstone.
   */
  'message-removed': [message: ChatMessage];
  /** Something the host should read (storage trouble, a corrupt log tail skipped). Never fatal. */
  warning: [message: string];
}
