// Splits chat text into plain runs and web links, found by anchorme (addresses with or without a
// scheme: "https://…", "www.example.org", a LAN address with its port such as "192.168.1.5:8080/file",
// also written straight after Chinese text with no space). Only http(s) becomes a link: anything else
// (javascript:, data:, file:, mail addresses, custom schemes) stays text, so a message can never run
// code or open an app.
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

/**
 * Chinese (or Japanese, Korean) text and punctuation right after an address is the sentence going on
 * ("文件在192.168.1.5:8080/file里"): a copied address has such characters percent-encoded, so a link's
 * path ends before the first of them.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  // Not skipping HTML: chat text is text, and an address inside something that looks like a tag is still one.
  for (const found of anchorme.list(text, false)) {
    if (!found.isURL) continue;
    const address = withoutTrailingCjk(found.string, found.host ?? '');
    const href = safeHref(found.protocol ? address : `http://${address}`);
    if (href === null) continue;
    if (found.start > last) parts.push({ kind: 'text', text: text.slice(last, found.start) });
    parts.push({ kind: 'link', text: PLAIN.test(address) ? address : href, href });
    last = found.start + address.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** `address` up to the first CJK character after its host. */
function withoutTrailingCjk(address: string, host: string): string {
  const hostEnd = address.indexOf(host) + host.length;
  const cut = address.slice(hostEnd).search(CJK);
  return cut < 0 ? address : address.slice(0, hostEnd + cut);
}

/** The normalised URL when it parses as http(s) with a host and no user name or password, else null. */
function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname && !url.username && !url.password) return url.href;
  } catch {
    // Not a URL after all: shown as text.
  }
  return null;
}
