// The host's moderation API, one group of the room's methods (`Room` in room.ts extends this class):
// people (kick, ban, mute), the door (lock, waiting room), slow mode, and what was said (remove one
// message, clear the history). Each of the first is the moderator's action (moderator.ts), which changes
// the rules (moderation.ts), applies them to people and announces them; the history's are the
// broadcaster's, in order with the chat, and the files shared with the messages go with them.
import { EventEmitter } from 'node:events';
import type { ModerationState, Restriction } from '../../common/host-view.js';
import type { Broadcaster } from './broadcaster.js';
import type { Connection } from './connection.js';
import type { Lobby } from './lobby.js';
import type { Moderation } from './moderation.js';
import type { Moderator } from './moderator.js';
import type { RoomFiles } from './room-files.js';
import type { RoomEventMap } from './room-events.js';

export abstract class RoomModeration extends EventEmitter<RoomEventMap> {
  protected abstract readonly moderator: Moderator;
  protected abstract readonly moderation: Moderation;
  protected abstract readonly lobby: Lobby<Connection>;
  protected abstract readonly broadcaster: Broadcaster;
  protected abstract readonly files: RoomFiles;

  /** Closes the participant's connection with 4002 (they may come back); returns false for an unknown id. */
  kick(id: string): boolean {
    return this.moderator.kick(id);
  }

  /** Out now (4020, with everyone from their address) and kept out by address and session for `minutes` (null: until `unban`). */
  ban(id: string, minutes: number | null = null): Restriction | null {
    return this.moderator.ban(id, minutes);
  }

  /** Lifts a ban by its id (`moderationState().bans`); false when there is none. */
  unban(banId: string): boolean {
    return this.moderator.unban(banId);
  }

  /** Lifts every ban; returns how many there were. */
  unbanAll(): number {
    return this.moderator.unbanAll();
  }

  /** The participant reads but cannot send, for `minutes` (null: until `unmute`), also after a reload or a restart. */
  mute(id: string, minutes: number | null = null): Restriction | null {
    return this.moderator.mute(id, minutes);
  }

  /** Lifts a mute by its id (`moderationState().mutes`, `ClientInfo.muted.id`); false when there is none. */
  unmute(muteId: string): boolean {
    return this.moderator.unmute(muteId);
  }

  /** No newcomers while locked (raw 423; rich 4021); those inside stay and resume. The tray's "Pause room". */
  setLocked(locked: boolean): boolean {
    return this.moderator.setLocked(locked);
  }

  /** Newcomers wait for `admit` while on; turning it off lets everyone waiting in. */
  setWaitingRoom(on: boolean): boolean {
    return this.moderator.setWaitingRoom(on);
  }

  /** Lets someone in from the waiting room (`moderationState().waiting`); false for an unknown id. */
  admit(waitingId: string): boolean {
    return this.moderator.admit(waitingId);
  }

  /** Lets everyone waiting in; returns how many. */
  admitAll(): number {
    return this.moderator.admitAll();
  }

  /** Sends someone away from the waiting room (4022); false for an unknown id. */
  turnAway(waitingId: string): boolean {
    return this.moderator.turnAway(waitingId);
  }

  /** One message per `seconds` per guest, the host exempt (0: off). A `RangeError` past an hour. */
  setSlowMode(seconds: number): boolean {
    return this.moderator.setSlowMode(seconds);
  }

  /** The host's controls and what they hold: lock, waiting room and who waits, slow mode, bans, mutes. */
  moderationState(): ModerationState {
    return this.moderation.view(this.lobby.list());
  }

  /** Message `seq` becomes "removed by the host" everywhere; emits 'message-removed' with it as it was. False if gone. */
  removeMessage(seq: number): boolean {
    const message = this.broadcaster.removeMessage(seq);
    if (message === undefined) return false;
    // Its files go with it: nobody can download them any more.
    if (message.files !== undefined) this.files.remove(message.files);
    this.emit('message-removed', message);
    return true;
  }

  /**
   * Empties the in-memory history and the stored log, deletes the shared files, and tells every rich
   * client (`history-cleared`); sequence numbers continue.
   */
  clearHistory(): void {
    this.broadcaster.clearHistory();
    // The files go with the messages that shared them.
    this.files.clear();
    this.emit('history-cleared');
  }
}
