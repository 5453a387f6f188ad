// Splits chat text into plain runs and web links. Addresses with a scheme ("https://…") are taken to
// the next space; addresses without one ("www.example.org", a LAN address with its port such as
// "192.168.1.5:8080/file", also written straight after Chinese text with no space) are found by
// anchorme. Only http(s) becomes a link: anything else (javascript:, data:, file:, mail addresses,
// custom schemes) stays text, so a message can never run code or open an app.
// A link shows where it goes: its text is what was typed only when that is plain printable ASCII (it
// then reads the same in any direction and names the same place); otherwise it is the address as parsed
// (`href`: ASCII, the host in punycode, bidi controls and look-alike letters percent-encoded), so a
// right-to-left override or a Cyrillic "а" cannot make it read as another site. A link with a user name
// in it (`http://bank.com@evil.example/`) stays text: it exists to mislead.
import anchormeExport from 'anchorme';
import type { ListingProps } from 'anchorme/dist/node/types.js';

interface Anchorme {
  list(input: string, skipHTML?: boolean): ListingProps[];
}
// The page gets the package's ES build, whose default export is the function; Node (the unit tests)
// gets its CommonJS build, where that sits one level down, under `default`.
const anchorme = ('list' in anchormeExport ? anchormeExport : (anchormeExport as { default: unknown }).default) as Anchorme;

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Printable ASCII only: the characters that display exactly as they are stored. */
const PLAIN = /^[\x21-\x7e]+$/;

// A URL runs to the next whitespace; a few characters are never part of one in running text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Trailing punctuation usually belongs to the sentence, not the link ("see http://x.test/a.").
const TRAILING = /[.,;:!?'"’”)\]}>，。；：！？、）】》]+$/u;
/**
 * Chinese (or Japanese, Korean) text and punctuation after an address's host is the sentence going on
 * ("文件在192.168.1.5:8080/file里"): a copied address has such characters percent-encoded, so a link's
 * path ends before the first of them.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    addAddresses(parts, text.slice(last, start));
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate);
    // Keep a closing bracket that has its opening one inside the URL (Wikipedia-style paths).
    if (trailing) candidate = keepBalancedParens(candidate, trailing[0]);
    candidate = withoutTrailingCjk(candidate);
    const href = safeHref(candidate);
    // Not a web address after all (or one made to mislead): all of it stays text, no part of it a link.
    if (href === null) candidate = match[0];
    addPart(
      parts,
      href === null ? { kind: 'text', text: candidate } : { kind: 'link', text: PLAIN.test(candidate) ? candidate : href, href },
    );
    last = start + candidate.length;
  }
  addAddresses(parts, text.slice(last));
  return parts;
}

/** `text` (holding no address with a scheme) as parts, its addresses without a scheme as http links. */
function addAddresses(parts: TextPart[], text: string): void {
  let last = 0;
  // Not skipping HTML: chat text is text, and an address inside something that looks like a tag is still one.
  for (const found of anchorme.list(text, false)) {
    if (!found.isURL || found.protocol) continue;
    const address = withoutTrailingCjk(found.string);
    const href = safeHref(`http://${address}`);
    if (href === null) continue;
    addPart(parts, { kind: 'text', text: text.slice(last, found.start) });
    addPart(parts, { kind: 'link', text: PLAIN.test(address) ? address : href, href });
    last = found.start + address.length;
  }
  addPart(parts, { kind: 'text', text: text.slice(last) });
}

/** Appends `part`, joining runs of text into one. */
function addPart(parts: TextPart[], part: TextPart): void {
  if (part.kind === 'text') {
    if (part.text === '') return;
    const previous = parts.at(-1);
    if (previous?.kind === 'text') {
      previous.text += part.text;
      return;
    }
  }
  parts.push(part);
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

/** `address` up to the first CJK character after its host (in its path, query or fragment). */
function withoutTrailingCjk(address: string): string {
  const schemeEnd = address.indexOf('://');
  const hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
  const hostEnd = address.slice(hostStart).search(/[/?#]/);
  if (hostEnd < 0) return address;
  const pathStart = hostStart + hostEnd;
  const cut = address.slice(pathStart).search(CJK);
  return cut < 0 ? address : address.slice(0, pathStart + cut);
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
