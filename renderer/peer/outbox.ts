// The offline queue's way out. What the person sends waits in `ChatState.pending` until the room's copy
// comes back (chat-state.ts takes it off the list then); this writes those messages to the socket,
// oldest first and each once per socket. A new socket writes again whatever is still pending, and a
// message slow mode refused goes again by itself once slow mode allows.
import type { SendChatMessage } from '../../common/protocol.js';
import type { PendingMessage } from './chat-state.js';

export class Outbox {
  /** Pending messages already written to the current socket. */
  private written = new Set<string>();
  private slowTimer: ReturnType<typeof setTimeout> | undefined;

  /** @param write sends a frame; false when there is no open connection */
  constructor(private readonly write: (message: SendChatMessage) => boolean) {}

  /** A new socket: everything still pending goes again. */
  newSocket(): void {
    this.written = new Set();
  }

  /** Writes every pending message not yet written to this socket, oldest first; refused ones stay. */
  send(pending: readonly PendingMessage[]): void {
    for (const p of pending) {
      if (p.error || this.written.has(p.clientMsgId)) continue;
      const files = p.files?.map((f) => f.uploadId);
      if (!this.write({ type: 'chat', text: p.text, clientMsgId: p.clientMsgId, ...(files ? { files } : {}) })) return;
      this.written.add(p.clientMsgId);
    }
  }

  /** Slow mode refused `clientMsgId` (not delivered, still pending): `resend` runs after `waitMs`. */
  sendLater(clientMsgId: string, waitMs: number, resend: () => void): void {
    this.written.delete(clientMsgId);
    clearTimeout(this.slowTimer);
    this.slowTimer = setTimeout(resend, waitMs);
  }
}
