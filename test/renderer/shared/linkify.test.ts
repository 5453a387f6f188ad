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

  it('shows where a link really goes: the parsed address unless the text is plain ASCII (issue 10, finding 7)', () => {
    // A right-to-left override inside the link would make it read as another address.
    expect(linkify('http://evil.example/\u202emoc.knab//:sptth')).toEqual([
      { kind: 'link', text: 'http://evil.example/%E2%80%AEmoc.knab//:sptth', href: 'http://evil.example/%E2%80%AEmoc.knab//:sptth' },
    ]);
    // A Cyrillic "а" in the host: the link shows the punycode host it goes to.
    expect(linkify('https://bаnk.com/login')).toEqual([
      { kind: 'link', text: 'https://xn--bnk-6cd.com/login', href: 'https://xn--bnk-6cd.com/login' },
    ]);
    // Plain ASCII reads the same as it is stored: shown as typed.
    expect(linkify('http://Example.com')).toEqual([{ kind: 'link', text: 'http://Example.com', href: 'http://example.com/' }]);
  });

  it('does not link an address with a user name in it (http://bank.com@evil.example/)', () => {
    for (const text of ['http://bank.com@evil.example/', 'https://user:pass@x.test/']) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });
});
