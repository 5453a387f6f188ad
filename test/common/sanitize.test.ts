// Display names and chat text: sanitised, capped, made unique (the room's roster uses these; roster.test.ts
// has names in a running room).
import { describe, expect, it } from 'vitest';
import { isBlank, nameKeys, sanitizeFileName, sanitizeName, sanitizeText, uniqueName, withoutHostMarker } from '../../common/sanitize.js';

describe('sanitizeName', () => {
  it("caps at the room's name length when no cap is given (the pages call it so)", () => {
    expect(sanitizeName('  Ali\u202Ece\u0000 \n  Bob\u2066 ')).toBe('Alice Bob');
    expect(sanitizeName('x'.repeat(100))).toBe('x'.repeat(32));
  });

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

describe('look-alike names (issue 10, finding 5)', () => {
  const same = (a: string, b: string) => nameKeys(a).some((key) => nameKeys(b).includes(key));

  it('strips every default-ignorable and format character, wherever it is', () => {
    const invisible = [
      '\u2060',
      '\u200d',
      '\u00ad',
      '\u034f',
      '\ufe0f',
      '\u{e0020}',
      '\u3164',
      '\uffa0',
      '\u115f',
      '\u2800',
      '\u180e',
      '\u061c',
    ];
    for (const ch of invisible) {
      expect(sanitizeName(`Alice${ch}`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('Alice');
      expect(sanitizeName(`Al${ch}ice`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('Alice');
    }
    expect(sanitizeName('Host\u3164')).toBe('Host');
    // Except where they draw something: emoji joined into one, an emoji's presentation selector.
    expect(sanitizeName('Dev 👩\u200d💻 ❤\ufe0f')).toBe('Dev 👩\u200d💻 ❤\ufe0f');
    expect(nameKeys('Dev 👩\u200d💻')).toEqual(nameKeys('Dev 👩💻'));
  });

  it('gives names that look alike a common key: Cyrillic, Greek, fullwidth, I for l, case', () => {
    expect(same('Аlice', 'Alice')).toBe(true); // Cyrillic А
    expect(same('Ηost', 'Host')).toBe(true); // Greek Eta
    expect(same('Ｈｏｓｔ', 'Host')).toBe(true); // fullwidth
    expect(same('AIice', 'Alice')).toBe(true); // capital i
    expect(same('ALICE', 'alice')).toBe(true);
    expect(same('Аlісе', 'alice')).toBe(true); // Cyrillic а, і, с, е
    expect(same('Alice', 'Alicia')).toBe(false);
    expect(same('张伟', '张伟')).toBe(true);
    expect(same('张伟', '张玮')).toBe(false);
  });

  it('takes the host marker out of a name, in any look-alike form', () => {
    expect(withoutHostMarker('Host (host)')).toBe('Host host');
    expect(withoutHostMarker('Ann （HOST）')).toBe('Ann HOST');
    expect(withoutHostMarker('Bob ❨һost❩')).toBe('Bob һost');
    expect(withoutHostMarker('Mei (You)')).toBe('Mei You');
    expect(withoutHostMarker('小明（房主）')).toBe('小明房主');
    expect(withoutHostMarker('Bob (IT)')).toBe('Bob (IT)');
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
    expect(uniqueName('ANN', (n) => taken.has(n.toLowerCase()), 32)).toBe('ANN (3)');
    expect(uniqueName('Bob', (n) => taken.has(n.toLowerCase()), 32)).toBe('Bob');
    const long = 'y'.repeat(32);
    expect(uniqueName(long, (n) => n === long, 32)).toBe('y'.repeat(28) + ' (2)');
  });
});

describe('isBlank', () => {
  it('is true for nothing but whitespace, false for anything printable', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank(' \n\t\u3000')).toBe(true);
    expect(isBlank(' . ')).toBe(false);
  });
});

describe('sanitizeFileName', () => {
  it('keeps only the last path part, without controls, bidi tricks or edge dots', () => {
    expect(sanitizeFileName('C:\\Users\\ann\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('a\u0000b\u0007\u0007c.txt')).toBe('a b c.txt');
    expect(sanitizeFileName(' .hidden. ')).toBe('hidden');
    expect(sanitizeFileName('照片 2026.jpg')).toBe('照片 2026.jpg');
    expect(sanitizeFileName('...')).toBe('file');
    expect(sanitizeFileName('')).toBe('file');
  });

  it('cuts a long name but keeps its extension', () => {
    const cut = sanitizeFileName(`${'长'.repeat(300)}.docx`, 20);
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut.endsWith('.docx')).toBe(true);
  });
});
