// The PIN the settings offer when the host turns the PIN on: six lower-case letters and digits (no
// 0/o, 1/l/i to misread), about 2^29 possibilities. The room takes at most 100 wrong PINs a minute
// from everyone together, so guessing it takes years, where four digits take under two hours.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 6;

export function suggestPin(): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  let pin = '';
  while (pin.length < LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(LENGTH * 2))) {
      if (byte < limit && pin.length < LENGTH) pin += ALPHABET[byte % ALPHABET.length];
    }
  }
  return pin;
}
