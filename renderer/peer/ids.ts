// Ids the page makes up itself (a message's `clientMsgId`).

/** 128 random bits as hex. `crypto.randomUUID` needs a secure context, which plain-http LAN pages are not. */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
