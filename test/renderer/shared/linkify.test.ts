// Chat text split into text and links: only http(s) links, never other schemes, all text kept.
import { describe, expect, it } from 'vitest';
import { linkify } from '../../../renderer/shared/linkify.js';

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
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'http://',
      'ftp://x.test',
      '<a href="http:">',
    ]) {
      expect(linkify(text).every((p) => p.kind === 'text')).toBe(true);
      expect(
        linkify(text)
          .map((p) => p.text)
          .join(''),
      ).toBe(text);
    }
  });

  it('stops a URL at markup characters and keeps all text', () => {
    const text = '<a href="https://x.test/">x</a>';
    const parts = linkify(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.kind === 'link').map((p) => p.text)).toEqual(['https://x.test/']);
  });
});
