// Sanitising what people type: display names and chat text. Pure functions, no state; the room and
// both pages use the same ones, so a name reads on a page as the room will show it.
import { DEFAULT_LIMITS } from './limits.js';

// C0 and C1 control characters, DEL included.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/gu;
// Controls except tab and newline: what chat text may keep.
const TEXT_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;
// Bidi embeddings, overrides, isolates and marks (they let a name pose as another or reorder a
// line), plus invisible separators that make two names look alike: zero-width space, line and
// paragraph separators, BOM, Arabic letter mark.
const NAME_INVISIBLES = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u200b\u2028\u2029\ufeff\u061c]/gu;
// A surrogate half without its partner (JSON escapes can produce one); it would not survive UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A display name as the room shows it: controls and bidi/invisible characters removed, runs of
 * whitespace collapsed, trimmed, cut to `maxLength` code points. May return '' (the caller then
 * picks a guest name).
 */
export function sanitizeName(input: string, maxLength: number = DEFAULT_LIMITS.maxNameLength): string {
  const cleaned = input
    .replace(LONE_SURROGATE, '')
    .replace(CONTROLS, ' ')
    .replace(NAME_INVISIBLES, '')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
  return truncateCodePoints(cleaned, maxLength).trimEnd();
}

/** Chat text from a rich client or the host: controls except `\n` and `\t` removed, `\r\n` -> `\n`. */
export function sanitizeText(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(TEXT_CONTROLS, '').replace(LONE_SURROGATE, '\ufffd');
}

/** True when the text has nothing but whitespace. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * `wanted` if no name in `taken` equals it ignoring case, else `wanted (2)`, `wanted (3)`, ... with the
 * base shortened so the result still fits `maxLength` code points.
 */
export function uniqueName(wanted: string, taken: (lowerCaseName: string) => boolean, maxLength: number): string {
  if (!taken(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const base = truncateCodePoints(wanted, Math.max(1, maxLength - suffix.length)).trimEnd();
    const candidate = base + suffix;
    if (!taken(candidate.toLowerCase())) return candidate;
  }
}

function truncateCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}
