// How long a message may still get, told in characters, the unit people count in: the room's limit is
// in UTF-8 bytes (a Chinese character takes three, "a" one), so the count of characters left is an
// estimate at the text's own mix, and the count to take out of an over-long text is exact. It shows
// only near the limit.
import { graphemes, utf8Length } from './text.js';

/** The counter shows from this share of the limit on. */
const NEAR = 0.9;

export interface Length {
  /** UTF-8 bytes, what the room counts. */
  bytes: number;
  over: boolean;
  /** Characters that still fit, at the text's own bytes per character; 0 when over. */
  left: number;
  /** Characters to take off the end for the text to fit; 0 when it fits. */
  tooMany: number;
}

export function measureLength(text: string, maxBytes: number): Length {
  const bytes = utf8Length(text);
  if (bytes <= maxBytes) {
    const characters = bytes === 0 ? [] : graphemes(text);
    const perCharacter = characters.length === 0 ? 1 : bytes / characters.length;
    return { bytes, over: false, left: Math.floor((maxBytes - bytes) / perCharacter), tooMany: 0 };
  }
  const characters = graphemes(text);
  let excess = bytes - maxBytes;
  let tooMany = 0;
  while (excess > 0) excess -= utf8Length(characters[characters.length - 1 - tooMany++]!);
  return { bytes, over: true, left: 0, tooMany };
}

type T = (key: 'charLeft' | 'charsLeft' | 'charOver' | 'charsOver', values?: { count: number }) => string;

/** "12 characters left" near the limit, "3 characters too many" past it; nothing before that. */
export function LengthCounter({ text, maxBytes, t }: { text: string; maxBytes: number; t: T }) {
  if (utf8Length(text) < maxBytes * NEAR) return null;
  const { over, left, tooMany } = measureLength(text, maxBytes);
  let said: string;
  if (over) said = tooMany === 1 ? t('charOver') : t('charsOver', { count: tooMany });
  else said = left === 1 ? t('charLeft') : t('charsLeft', { count: left });
  return <span className={over ? 'counter over' : 'counter'}>{said}</span>;
}
