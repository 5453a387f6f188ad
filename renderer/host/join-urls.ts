// Join addresses as the host shows them: the likely one first, each carrying the PIN when one is set.
import type { JoinUrl } from '../../common/host-view.js';

export interface ShownUrl extends JoinUrl {
  /** The address to open or scan, with `?pin=` when the room has a PIN. */
  href: string;
}

export function shownUrls(urls: readonly JoinUrl[], pin: string | null): ShownUrl[] {
  // Stable sort: the room's order stays among real adapters; virtual/VPN ones go last.
  return [...urls]
    .sort((a, b) => Number(a.virtual) - Number(b.virtual))
    .map((url) => ({ ...url, href: withPin(url.url, pin) }));
}

export function withPin(url: string, pin: string | null): string {
  if (!pin) return url;
  const parsed = new URL(url);
  parsed.searchParams.set('pin', pin);
  return parsed.href;
}
