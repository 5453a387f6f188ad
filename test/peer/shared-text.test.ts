// The shared display helpers the peer page (and the host window) rely on: safe links, names, sizes,
// random names and the reconnect backoff.
import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS } from '../../renderer/peer/backoff.js';
import { randomName } from '../../renderer/peer/random-name.js';
import { linkify } from '../../renderer/shared/linkify.js';
import { sanitizeName } from '../../common/sanitize.js';
import { hueIndex, HUE_COUNT, initials } from '../../renderer/shared/initials.js';
import { utf8Length } from '../../renderer/shared/text.js';

describe('linkify', () => {
  it('links http(s) URLs only, leaving sentence punctuation outside', () => {
    expect(linkify('see https://a.test/x?y=1, then http://b.test/(c).')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://a.test/x?y=1', href: 'https://a.test/x?y=1' },
      { kind: 'text', text: ', then ' },
      { kind: 'link', text: 'http://b.test/(c)', href: 'http://b.test/(c)' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never links other schemes or broken URLs', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'http://', 'ftp://x.test', '<a href="http:">']) {
      expect(linkify(text).every((p) => p.kind === 'text')).toBe(true);
      expect(linkify(text).map((p) => p.text).join('')).toBe(text);
    }
  });

  it('stops a URL at markup characters and keeps all text', () => {
    const text = '<a href="https://x.test/">x</a>';
    const parts = linkify(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.kind === 'link').map((p) => p.text)).toEqual(['https://x.test/']);
  });
});

describe('names', () => {
  it('strips control and bidi characters and collapses spaces', () => {
    expect(sanitizeName('  Ali\u202Ece\u0000 \n  Bob\u2066 ')).toBe('Alice Bob');
    expect(sanitizeName('\u200B\u202E')).toBe('');
    expect(sanitizeName('x'.repeat(100), 10)).toBe('x'.repeat(10));
  });

  it('makes initials for Latin, CJK and emoji names', () => {
    expect(initials('Amber Otter')).toBe('AO');
    expect(initials('琥珀水獭')).toBe('琥');
    expect(initials('zoë')).toBe('Z');
    expect(initials('👩‍💻 Dev')).toBe('👩‍💻D');
    expect(initials('Mia (host)')).toBe('MH');
    expect(initials('   ')).toBe('?');
    expect(initials('-- !!')).toBe('?');
  });

  it('gives each name a stable colour bucket', () => {
    expect(hueIndex('Alice')).toBe(hueIndex('Alice'));
    const buckets = new Set(['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Frank', 'Grace', 'Heidi'].map(hueIndex));
    expect(buckets.size).toBeGreaterThan(3);
    for (const b of buckets) expect(b).toBeLessThan(HUE_COUNT);
  });

  it('suggests two-word English and Chinese names', () => {
    expect(randomName('en', () => 0)).toBe('Amber Badger');
    expect(randomName('zh-CN', () => 0.999)).toMatch(/^\p{Script=Han}+$/u);
  });
});

describe('utf8Length', () => {
  it('counts bytes as the room does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('你好')).toBe(6);
    expect(utf8Length('🦊')).toBe(4);
  });
});

describe('backoffDelay', () => {
  it('doubles from about 0.5 s to a 10 s cap, with jitter, forever', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(500);
    expect(backoffDelay(1, () => 0.5)).toBe(1000);
    expect(backoffDelay(10, () => 0.5)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000_000, () => 0.5)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(0, () => 0)).toBe(375);
    expect(backoffDelay(10, () => 1)).toBe(12_500);
  });
});
