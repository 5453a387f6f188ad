// Telling the room that this person is typing: "typing" when they start, again at most every
// `REFRESH_MS` while they go on, "stopped" when the box empties, a message goes or they pause.
import type { TypingMessage } from '../../common/protocol.js';

/** While typing, "still typing" goes out at most this often. */
const REFRESH_MS = 3_000;
/** Without a keystroke for this long, the typing notice is withdrawn. */
const IDLE_MS = 4_000;

export class TypingNotice {
  /** When "typing" last went out (0: the room thinks we are not typing). */
  private sentAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** @param write sends a frame; false when there is no open connection */
  constructor(private readonly write: (message: TypingMessage) => boolean) {}

  /** Call on every edit of the message box. */
  typed(text: string): void {
    if (text.trim() === '') return this.stop();
    const now = Date.now();
    if (now - this.sentAt > REFRESH_MS && this.write({ type: 'typing', typing: true })) this.sentAt = now;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), IDLE_MS);
  }

  /** Withdraws the notice, if one went out. */
  stop(): void {
    clearTimeout(this.idleTimer);
    if (this.sentAt === 0) return;
    this.sentAt = 0;
    this.write({ type: 'typing', typing: false });
  }

  /** The connection is gone: the room forgot our notice with it. */
  forget(): void {
    clearTimeout(this.idleTimer);
    this.sentAt = 0;
  }
}
