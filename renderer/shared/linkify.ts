// Splits chat text into plain runs and web links. Only http(s) URLs become links: anything else
// (javascript:, data:, file:, custom schemes) stays text, so a message can never run code or open an app.
// A link shows where it goes: its text is what was typed only when that is plain printable ASCII (it
// then reads the same in any direction and names the same place); otherwise it is the address as parsed
// (`href`: ASCII, the host in punycode, bidi controls and look-alike letters percent-encoded), so a
// right-to-left override or a Cyrillic "а" cannot make it read as another site. A link with a user name
// in it (`http://bank.com@evil.example/`) stays text: it exists to mislead.

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Printable ASCII only: the characters that display exactly as they are stored. */
const PLAIN = /^[\x21-\x7e]+$/;

// A URL runs to the next whitespace; a few characters are never part of one in running text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Trailing punctuation usually belongs to the sentence, not the link ("see http://x.test/a.").
const TRAILING = /[.,;:!?'"’”)\]}>，。；：！？、）】》]+$/u;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate);
    // Keep a closing bracket that has its opening one inside the URL (Wikipedia-style paths).
    if (trailing) candidate = keepBalancedParens(candidate, trailing[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: PLAIN.test(candidate) ? candidate : href, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function keepBalancedParens(url: string, trailing: string): string {
  let cut = url.slice(0, url.length - trailing.length);
  for (const ch of trailing) {
    const opens = (cut.match(/\(/g) ?? []).length;
    const closes = (cut.match(/\)/g) ?? []).length;
    if (ch === ')' && opens > closes) cut += ch;
    else break;
  }
  return cut;
}

/** The normalised URL when it parses as http(s) with a host and no user name or password, else null. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname && !url.username && !url.password) return url.href;
  } catch {
    // Not a URL after all (e.g. "http://"): shown as text.
  }
  return null;
}
