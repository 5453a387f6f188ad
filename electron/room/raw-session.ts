// The `lws-minimal` protocol, as the original example speaks it: a client is a participant from its
// handshake on (a generated guest name), and every text frame it sends is chat, relayed byte-exact to
// every raw client. Raw clients get chat only; the broadcaster gives them the `Name: text` form of
// everyone else's.
import { isBlank, sanitizeText } from '../../common/sanitize.js';
import type { Broadcaster } from './broadcaster.js';
import type { Connection, ProtocolSession } from './connection.js';
import type { Roster } from './roster.js';

export class RawSession implements ProtocolSession {
  constructor(
    private readonly roster: Roster<Connection>,
    private readonly broadcaster: Broadcaster,
  ) {}

  open(conn: Connection): void {
    this.roster.join(conn, '', 'raw');
    this.broadcaster.addRawTarget(conn);
  }

  text(conn: Connection, data: Buffer): void {
    // Raw clients get the sender's exact bytes; the text others see is cleaned.
    const text = sanitizeText(data.toString('utf8'));
    // The original relays an empty frame, so raw clients still get a blank one; it is no chat message.
    if (isBlank(text)) this.broadcaster.relayRaw(data);
    else this.broadcaster.accept(conn.member!.participant, text, undefined, data);
  }

  /** A raw client has no way to be told; its reads are paused, which is all it notices. */
  paused(): void {}
}
