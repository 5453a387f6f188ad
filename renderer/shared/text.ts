// Small text helpers both pages need.

const encoder = new TextEncoder();

/** Size of `text` on the wire, which is what the room's message limit counts. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** The characters a person sees ("👍🏽" is one, "é" typed as e + accent too); code points where the browser can't tell. */
export function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

/** "09:41" in the page's language; the full date goes in a tooltip via `formatDateTime`. */
export function formatTime(ts: number, language: string): string {
  return timeFormat(language).format(ts);
}

export function formatDateTime(ts: number, language: string): string {
  return dateTimeFormat(language).format(ts);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(language: string): Intl.DateTimeFormat {
  let format = timeFormats.get(language);
  if (!format) timeFormats.set(language, (format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' })));
  return format;
}

function dateTimeFormat(language: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(language);
  if (!format) dateTimeFormats.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' })));
  return format;
}
