// How a link reads on screen, for the right-to-left override spoofing tests (issue 10, finding 7):
// its text, where it goes, whether it is isolated from the bidi controls around it, and whether its
// characters are laid out left to right as they are stored (not reversed by an override).
import type { Locator } from 'playwright-core';

export interface LinkReading {
  text: string;
  href: string;
  title: string | null;
  /** The link sits in an element with `unicode-bidi: isolate` (a `<bdi>`). */
  isolated: boolean;
  /** The first stored character is drawn left of the last one. */
  leftToRight: boolean;
}

export function readLink(link: Locator): Promise<LinkReading> {
  return link.evaluate((a: HTMLAnchorElement) => {
    const text = a.firstChild as Text;
    const range = document.createRange();
    const leftOf = (index: number) => {
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      return range.getBoundingClientRect().left;
    };
    const box = a.parentElement!;
    return {
      text: a.textContent ?? '',
      href: a.href,
      title: a.getAttribute('title'),
      isolated: getComputedStyle(box).unicodeBidi === 'isolate',
      leftToRight: leftOf(0) < leftOf(text.length - 1),
    };
  });
}

/** A message whose link is preceded by a right-to-left override: unisolated, the link reads backwards as https://bank.com/login#/. */
export const OVERRIDE_BEFORE = 'Pay here: \u202ehttp://evil.example/#nigol/moc.knab//:sptth';
/** An override inside the link itself. */
export const OVERRIDE_INSIDE = 'or http://evil.example/\u202enigol/moc.knab//:sptth';
