// Enter-to-send for a message box, the same in both composers: Enter sends, Shift+Enter starts a new
// line, and the Enter that confirms an input-method candidate (pinyin, kana…) never sends.
import { useRef, type KeyboardEvent } from 'react';

/** What a keydown needs to be judged by; a React keyboard event's native event has all of it. */
export interface EnterKey {
  key: string;
  shiftKey: boolean;
  keyCode: number;
  isComposing: boolean;
}

/**
 * True when this keydown should send. `composing` is whether a composition is open (between
 * compositionstart and compositionend): some browsers do not flag the confirming Enter itself, and
 * Safari reports it only after compositionend, with keyCode 229.
 */
export function isSendKey(event: EnterKey, composing: boolean): boolean {
  if (event.key !== 'Enter' || event.shiftKey) return false;
  return !(composing || event.isComposing || event.keyCode === 229);
}

/** Handlers to spread on a `<textarea>`: `send` runs on an Enter that sends, and the key does nothing else. */
export function useEnterToSend(send: () => void) {
  const composing = useRef(false);
  return {
    onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
      if (!isSendKey(event.nativeEvent, composing.current)) return;
      event.preventDefault();
      send();
    },
    onCompositionStart() {
      composing.current = true;
    },
    onCompositionEnd() {
      composing.current = false;
    },
  };
}
