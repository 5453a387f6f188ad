// Where a shared file is, how its size reads, and what kind of card it gets.
import { describe, expect, it } from 'vitest';
import { downloadUrl, fileKind, fileUrl, formatFileSize, previewUrl } from '../../common/files.js';

describe('file helpers', () => {
  it('writes sizes as file managers do', () => {
    expect([0, 532, 1023, 1024, 1536, 10 * 1024, 100_000, 2 * 1024 ** 3, 10 * 1024 ** 4].map(formatFileSize)).toEqual([
      '0 B',
      '532 B',
      '1023 B',
      '1 KB',
      '1.5 KB',
      '10 KB',
      '98 KB',
      '2 GB',
      '10 TB',
    ]);
  });

  it('builds URLs with the name encoded (a name never changes which file a URL means)', () => {
    const file = { id: 'AAAAAAAAAAAAAAAAAAAAAAAA', name: '季度 #1?/x.pdf' };
    expect(fileUrl(file)).toBe('/files/AAAAAAAAAAAAAAAAAAAAAAAA/%E5%AD%A3%E5%BA%A6%20%231%3F%2Fx.pdf');
    expect(downloadUrl(file)).toBe(`${fileUrl(file)}?download`);
    expect(previewUrl(file)).toBe('/files/previews/AAAAAAAAAAAAAAAAAAAAAAAA');
  });

  it('sorts types into the kinds of card', () => {
    expect(
      [
        'image/heic',
        'video/mp4',
        'audio/mpeg',
        'application/pdf',
        'application/zip',
        'text/csv',
        'application/msword',
        'application/x-foo',
      ].map(fileKind),
    ).toEqual(['image', 'video', 'audio', 'pdf', 'archive', 'text', 'document', 'other']);
  });
});
