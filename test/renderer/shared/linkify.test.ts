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

  it('links LAN addresses with a port and www. addresses without a scheme, as http', () => {
    expect(linkify('grab 192.168.1.5:8080/file now')).toEqual([
      { kind: 'text', text: 'grab ' },
      { kind: 'link', text: '192.168.1.5:8080/file', href: 'http://192.168.1.5:8080/file' },
      { kind: 'text', text: ' now' },
    ]);
    expect(linkify('www.example.org.')).toEqual([
      { kind: 'link', text: 'www.example.org', href: 'http://www.example.org/' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('打开 10.0.0.2:7681/?pin=1234，然后加入')).toEqual([
      { kind: 'text', text: '打开 ' },
      { kind: 'link', text: '10.0.0.2:7681/?pin=1234', href: 'http://10.0.0.2:7681/?pin=1234' },
      { kind: 'text', text: '，然后加入' },
    ]);
  });

  it('ends a link where Chinese text goes on after it', () => {
    expect(linkify('文件在192.168.1.5:8080/file里')).toEqual([
      { kind: 'text', text: '文件在' },
      { kind: 'link', text: '192.168.1.5:8080/file', href: 'http://192.168.1.5:8080/file' },
      { kind: 'text', text: '里' },
    ]);
    expect(linkify('看https://example.org/wiki/a吧').map((p) => p.text)).toEqual(['看', 'https://example.org/wiki/a', '吧']);
  });

  it('leaves mail addresses, file paths and dotted numbers as text', () => {
    for (const text of ['mail me at ann@example.org', 'file:///etc/passwd', 'version 1.2.3', 'pi is 3.14', 'javascript:alert(1)//x']) {
      expect(
        linkify(text).filter((p) => p.kind === 'link'),
        text,
      ).toEqual([]);
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
