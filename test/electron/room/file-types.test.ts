// Which type a shared file is stored and served as: pictures by their bytes, claims never trusted
// for anything a browser would show inline or run.
import { describe, expect, it } from 'vitest';
import { fileType, servedType, sniffImage } from '../../../electron/room/file-types.js';
import { PNG_1X1, WEBP_1X1 } from '../../support/files.js';

const head = (text: string) => Buffer.from(text, 'latin1');

describe('file types', () => {
  it('recognises the safe pictures by their first bytes', () => {
    expect(sniffImage(PNG_1X1)).toBe('image/png');
    expect(sniffImage(WEBP_1X1)).toBe('image/webp');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(head('GIF89a...'))).toBe('image/gif');
    expect(sniffImage(head('\0\0\0\x1cftypavif'))).toBe('image/avif');
    expect(sniffImage(head('<svg xmlns='))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });

  it('stores a claimed type only when it is well formed and not a picture the bytes deny', () => {
    expect(fileType(PNG_1X1, 'application/pdf', 'x.pdf')).toBe('image/png');
    expect(fileType(head('<html>'), 'image/png', 'fake.png')).toBe('application/octet-stream');
    expect(fileType(head('PK'), 'application/zip', 'a.zip')).toBe('application/zip');
    expect(fileType(head('x'), 'text/plain; charset=utf-8', 'a.txt')).toBe('text/plain');
    expect(fileType(head('x'), '', 'song.mp3')).toBe('audio/mpeg');
    expect(fileType(head('x'), 'not a type', 'no-extension')).toBe('application/octet-stream');
    expect(fileType(head('x'), 'image/heic', 'IMG_1.heic')).toBe('image/heic');
  });

  it('never serves a type a browser would run', () => {
    for (const type of [
      'text/html',
      'application/xhtml+xml',
      'image/svg+xml',
      'text/javascript',
      'application/pdf',
      'text/xml',
      'application/wasm',
    ]) {
      expect(servedType(type), type).toBe('application/octet-stream');
    }
    expect(servedType('video/mp4')).toBe('video/mp4');
    expect(servedType('image/png')).toBe('image/png');
  });
});
