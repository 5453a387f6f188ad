// What the room's refusals mean for this page's connection: an error or a close code that ends it
// (a PIN to type, a kick, a ban with its time left, a locked room, the waiting room's no, a new PIN)
// becomes the state the page shows, and tells the room client not to reconnect on its own.
import { CloseCode, type ErrorCode } from '../../common/protocol.js';

export type StopReason = 'kicked' | 'banned' | 'locked' | 'turned-away';

export type Verdict =
  /** The room wants a PIN (or a different one); waiting for the person to type it. */
  | {
      phase: 'pin';
      wrong: boolean;
      /** Too many wrong PINs, from this address or in the whole room: no PIN is taken before this time (epoch ms). */
      waitUntil?: number;
      limit?: 'address' | 'room';
      /** The room asking is not the one this page knows (another id): the PIN was not sent to it on its own. */
      roomChanged?: boolean;
      /** The room's PIN changed under this session. */
      changed?: boolean;
    }
  /**
   * The room ended this session; joining again is the person's choice. A ban says until when (this
   * device's clock; null until lifted) and how many queued messages were dropped unsent.
   */
  | { phase: 'stopped'; reason: StopReason; until?: number | null; dropped?: number };

/**
 * Whether the room is done with this page's session, which the page then forgets: a kick, a ban, a new
 * PIN. A locked room, the waiting room's no or a PIN asked for leave the session as it was.
 */
export function endsSession(verdict: Verdict): boolean {
  return verdict.phase === 'stopped' ? verdict.reason === 'kicked' || verdict.reason === 'banned' : verdict.changed === true;
}

/** The verdict an error from the room carries, or null for an error that leaves the connection be. */
export function verdictOfError(code: ErrorCode, retryAfterMs: number | undefined, now: number): Verdict | null {
  switch (code) {
    case 'pin-required':
    case 'pin-wrong':
      return { phase: 'pin', wrong: code === 'pin-wrong' };
    case 'pin-locked':
    case 'pin-rate-limited':
      return {
        phase: 'pin',
        wrong: true,
        ...(retryAfterMs ? { waitUntil: now + retryAfterMs, limit: code === 'pin-locked' ? 'address' : 'room' } : {}),
      };
    case 'pin-changed':
      return { phase: 'pin', wrong: false, changed: true };
    case 'banned':
      return { phase: 'stopped', reason: 'banned', until: retryAfterMs === undefined ? null : now + retryAfterMs };
    case 'locked':
    case 'turned-away':
      return { phase: 'stopped', reason: code };
    default:
      return null;
  }
}

/** The verdict of a close code (when its error frame did not arrive first), or null: reconnect. */
export function verdictOfClose(code: number): Verdict | null {
  switch (code) {
    case CloseCode.pinRequired:
    case CloseCode.pinWrong:
      return { phase: 'pin', wrong: code === CloseCode.pinWrong };
    case CloseCode.pinChanged:
      return { phase: 'pin', wrong: false, changed: true };
    case CloseCode.kicked:
      return { phase: 'stopped', reason: 'kicked' };
    case CloseCode.banned:
      return { phase: 'stopped', reason: 'banned', until: null };
    case CloseCode.locked:
      return { phase: 'stopped', reason: 'locked' };
    case CloseCode.turnedAway:
      return { phase: 'stopped', reason: 'turned-away' };
    default:
      return null;
  }
}
