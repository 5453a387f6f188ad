// The `lws-minimal` protocol, as the original example speaks it: a client is a participant from its
// handshake on (a generated guest name), and every text frame it sends is chat, relayed byte-exact to
// every raw client. Raw clients get chat only; the broadcaster gives them the `Name: text` form of
// everyone else's. The host's rules reach them as `* ` lines: a waiting room holds them until the host
// lets them in, and a muted or slowed sender's frames are not delivered (it is told, once per spell).
import { isBlank, sanitizeText } from '../../common/sanitize.js';
import type { Broadcaster } from './broadcaster.js';
import type { Connection, ProtocolSession } from './connection.js';
import type { Lobby } from './lobby.js';
import type { Moderator } from './moderator.js';
import type { Roster } from './roster.js';

export interface RawSessionParts {
  roster: Roster<Connection>;
  broadcaster: Broadcaster;
  moderator: Moderator;
  lobby: Lobby<Connection>;
  /** Whether newcomers wait for the host now. */
  waitingRoom: () => boolean;
}

export class RawSession implements ProtocolSession {
  constructor(private readonly room: RawSessionParts) {}

  open(conn: Connection): void {
    if (!this.room.waitingRoom()) return this.seat(conn, '');
    const name = this.room.roster.newGuestName();
    this.room.lobby.add(conn, { name, kind: 'raw', address: conn.address }, conn.urlPin, () => this.seat(conn, name));
    conn.sendRaw('* Waiting for the host to let you in.');
  }

  text(conn: Connection, data: Buffer): void {
    const member = conn.member;
    // Still in the waiting room: nothing it sends goes anywhere (it was told on arrival).
    if (member === null) return;
    // Raw clients get the sender's exact bytes; the text others see is cleaned.
    const text = sanitizeText(data.toString('utf8'));
    const blank = isBlank(text);
    if (!blank || member.mute !== null) {
      const refusal = this.room.moderator.chatRefusal(member);
      if (refusal !== null) {
        if (this.room.moderator.shouldNotify(member)) conn.sendRaw(`* ${refusal.message}`);
        return;
      }
    }
    // The original relays an empty frame, so raw clients still get a blank one; it is no chat message.
    if (blank) this.room.broadcaster.relayRaw(data);
    else this.room.broadcaster.accept(member.participant, text, undefined, data);
  }

  /** A raw client has no way to be told; its reads are paused, which is all it notices. */
  paused(): void {}

  private seat(conn: Connection, name: string): void {
    const member = this.room.roster.join(conn, name, 'raw');
    this.room.moderator.joined(member, conn.urlPin, null);
    this.room.broadcaster.addRawTarget(conn);
  }
}
