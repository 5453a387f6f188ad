// Avatar initials and colours: how a name looks as a round badge, the same on every device.
import { sanitizeName } from '../../common/sanitize.js';
import { graphemes } from './text.js';

/** A grapheme that can stand for a word on an avatar: a letter, a digit or an emoji. */
const SYMBOL = /^[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** One or two letters for an avatar: "Amber Otter" -> "AO", "琥珀水獭" -> "琥", "Mia (host)" -> "MH". */
export function initials(name: string): string {
  const leads = sanitizeName(name)
    .split(' ')
    .map((word) => graphemes(word).find((g) => SYMBOL.test(g)))
    .filter((g): g is string => g !== undefined);
  const first = leads[0];
  if (first === undefined) return '?';
  // Han, kana and hangul names read well with a single character.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(first) || leads.length === 1) {
    return first.toUpperCase();
  }
  return (first + leads[leads.length - 1]!).toUpperCase();
}

/** Number of avatar colours; the stylesheet defines `.hue-0` … `.hue-11`. */
export const HUE_COUNT = 12;

/** A stable colour bucket per name (FNV-1a), so a person keeps their colour on every device. */
export function hueIndex(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % HUE_COUNT;
}
