// Small text helpers both pages need.

const encoder = new TextEncoder();

/** Size of `text` on the wire, which is what the room's message limit counts. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
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
