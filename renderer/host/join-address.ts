// A join URL as people read it: the address to type, and the query (`?pin=…`) that only a scanned
// QR code or a copied link needs to carry, since the PIN is shown next to the address anyway.

export interface JoinAddressParts {
  /** `http://192.168.1.23:7681/`: what a person types. */
  address: string;
  /** `?pin=2468`, or '' without one. */
  query: string;
}

export function joinAddressParts(url: string): JoinAddressParts {
  const at = url.indexOf('?');
  return at === -1 ? { address: url, query: '' } : { address: url.slice(0, at), query: url.slice(at) };
}
