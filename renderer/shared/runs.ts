// Runs of messages: one person's messages within the same minute read as one block, with the name,
// avatar and time on the first only (the time of the others shows on hover). Both pages draw runs.
import type { ChatMessage } from '../../common/model.js';

const MINUTE_MS = 60_000;

/**
 * Whether `message` continues `previous`'s run: the same author in the same minute of the clock (every
 * time zone in use today is offset by whole minutes, so the minute is the same one wherever it is read).
 */
export function continuesRun(previous: ChatMessage | undefined, message: ChatMessage): boolean {
  return (
    previous !== undefined &&
    previous.from.id === message.from.id &&
    Math.floor(previous.ts / MINUTE_MS) === Math.floor(message.ts / MINUTE_MS)
  );
}
