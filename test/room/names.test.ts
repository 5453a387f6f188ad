// Display names and chat text: sanitised, capped, unique in the room, the host's name reserved.
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeName, sanitizeText, uniqueName } from '../../common/sanitize.js';
import { rawClient, richClient, startRoom, stopAll } from './helpers.js';

afterEach(stopAll);

describe('sanitizeName', () => {
  it('removes controls, bidi overrides/isolates/marks and invisibles, collapses spaces, trims', () => {
    expect(sanitizeName('  Ann\u0000\u0007 \t Lee \n', 32)).toBe('Ann Lee');
    expect(sanitizeName('\u202eevil\u202c\u2066x\u2069\u200e\u200f\u200b', 32)).toBe('evilx');
    expect(sanitizeName('a\u0085b\u009fc', 32)).toBe('a b c');
  });

  it('caps the length in code points without splitting a surrogate pair', () => {
    expect(sanitizeName('😀'.repeat(40), 32)).toBe('😀'.repeat(32));
    expect(sanitizeName('x'.repeat(31) + '😀', 32)).toBe('x'.repeat(31) + '😀');
  });

  it('returns empty for nothing printable', () => {
    expect(sanitizeName(' \u202e\u0000 ', 32)).toBe('');
  });
});

describe('sanitizeText', () => {
  it('keeps newline and tab, drops other controls, normalises CR and lone surrogates', () => {
    expect(sanitizeText('a\r\nb\rc\td\u0000\u001b[31m')).toBe('a\nb\nc\td[31m');
    expect(sanitizeText('x\ud800y')).toBe('x\ufffdy');
    expect(sanitizeText('\u202eright-to-left stays in text')).toBe('\u202eright-to-left stays in text');
  });
});

describe('uniqueName', () => {
  it('adds (2), (3) ignoring case and keeps the result within the cap', () => {
    const taken = new Set(['ann', 'ann (2)']);
    expect(uniqueName('ANN', (n) => taken.has(n), 32)).toBe('ANN (3)');
    expect(uniqueName('Bob', (n) => taken.has(n), 32)).toBe('Bob');
    const long = 'y'.repeat(32);
    expect(uniqueName(long, (n) => n === long, 32)).toBe('y'.repeat(28) + ' (2)');
  });
});

describe('names in the room', () => {
  it('makes names unique, gives empty names a guest name, and reserves the host name', async () => {
    const { url, room } = await startRoom({ settings: { hostName: 'Teacher' } });
    const { welcome: a } = await richClient(url, { name: 'Ann' });
    const { welcome: b } = await richClient(url, { name: ' ann ' });
    const { welcome: c } = await richClient(url, { name: '\u202e\u0000' });
    const { welcome: d } = await richClient(url, { name: 'teacher' });
    expect([a, b, c, d].map((w) => w.you.name)).toEqual(['Ann', 'ann (2)', expect.stringMatching(/^Guest \d+$/), 'teacher (2)']);
    expect(room.clients().map((x) => x.name)).toEqual(['Ann', 'ann (2)', c.you.name, 'teacher (2)']);
  });

  it('frees a name when its holder leaves and suffixes a rename collision', async () => {
    const { url } = await startRoom();
    const { client: ann } = await richClient(url, { name: 'Ann' });
    const { client: bob } = await richClient(url, { name: 'Bob' });
    bob.json({ type: 'rename', name: 'ANN' });
    const rename = await ann.next((m) => m.type === 'rename');
    expect(rename).toMatchObject({ participant: { name: 'ANN (2)' }, oldName: 'Bob' });
    ann.ws.close(1000);
    await bob.next((m) => m.type === 'leave');
    const { welcome } = await richClient(url, { name: 'Ann' });
    expect(welcome.you.name).toBe('Ann');
  });

  it('renames a guest who holds the name the host switches to', async () => {
    const { url, room } = await startRoom();
    const { client: ann } = await richClient(url, { name: 'Boss' });
    room.updateSettings({ hostName: 'boss' });
    const renames = () => ann.messages().filter((m) => m.type === 'rename');
    await ann.until(() => renames().length === 2);
    expect(renames()).toMatchObject([
      { participant: { name: 'Boss (2)' }, oldName: 'Boss' },
      { participant: { id: 'host', name: 'boss' }, oldName: 'Host' },
    ]);
  });

  it('numbers raw guests distinctly', async () => {
    const { url, room } = await startRoom();
    await Promise.all([rawClient(url), rawClient(url)]);
    const names = room.clients().map((c) => c.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => /^Guest \d+$/.test(n))).toBe(true);
  });
});
