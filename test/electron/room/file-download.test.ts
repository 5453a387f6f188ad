// Sending a shared file or a picture's preview (file-download.ts), downloaded over real HTTP from a real
// room: the exact bytes, the name in Content-Disposition, inline only for safe pictures, byte ranges,
// conditional requests and caching, and the preview with its own ETag.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileRef } from '../../../common/model.js';
import { isFileChat, roomWithGuest, share } from '../../support/file-room.js';
import { http, PNG_1X1, upload, WEBP_1X1 } from '../../support/files.js';
import { stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

/** A file Ann shared in a new room (with a preview, when given): where to download it, and its reference. */
async function shared(
  bytes: Buffer,
  name: string,
  type: string,
  preview?: { bytes: Buffer; width: number; height: number },
): Promise<{ base: string; ref: FileRef }> {
  const { base, client, session } = await roomWithGuest();
  share(client, [await upload(base, session, bytes, name, type, preview)]);
  return { base, ref: (await client.next(isFileChat)).files![0]! };
}

const path = (ref: FileRef) => `/files/${ref.id}/${encodeURIComponent(ref.name)}`;

describe('a shared file', () => {
  it('names the file in Content-Disposition, Chinese names included, and never lets the browser sniff', async () => {
    const { base, ref } = await shared(Buffer.from('%PDF-1.7'), '季度报告.pdf', 'application/pdf');
    const answer = await http(base, 'GET', path(ref));
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="????.pdf"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf`,
    );
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain('sandbox');
    // A PDF is something a browser would run as a page: a download, under a type it will not render.
    expect(answer.headers['content-type']).toBe('application/octet-stream');
  });

  it('never serves HTML, SVG or script inline, whatever the sender claimed', async () => {
    for (const [name, type, bytes] of [
      ['page.html', 'text/html', '<script>alert(1)</script>'],
      ['fake.png', 'image/png', '<html><script>alert(1)</script>'],
      ['logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['run.js', 'text/javascript', 'alert(1)'],
    ] as const) {
      const { base, ref } = await shared(Buffer.from(bytes), name, type);
      const answer = await http(base, 'GET', path(ref));
      expect(answer.headers['content-disposition'], name).toMatch(/^attachment;/);
      expect(answer.headers['content-type'], name).toBe('application/octet-stream');
      expect(answer.body.toString(), name).toBe(bytes);
    }
  });

  it('shows a real picture inline, and as an attachment with ?download', async () => {
    const { base, ref } = await shared(PNG_1X1, 'dot.png', 'image/png');
    const inline = await http(base, 'GET', path(ref));
    expect(inline.headers['content-type']).toBe('image/png');
    expect(inline.headers['content-disposition']).toBe('inline; filename="dot.png"');
    const attached = await http(base, 'GET', `${path(ref)}?download`);
    expect(attached.headers['content-disposition']).toBe('attachment; filename="dot.png"');
    expect(attached.body.equals(PNG_1X1)).toBe(true);
  });

  it('answers ranges, conditional requests and HEAD', async () => {
    const bytes = randomBytes(1000);
    const { base, ref } = await shared(bytes, 'data.bin', 'application/octet-stream');
    const part = await http(base, 'GET', path(ref), { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 10-19/1000');
    expect(part.body.equals(bytes.subarray(10, 20))).toBe(true);
    const tail = await http(base, 'GET', path(ref), { headers: { Range: 'bytes=-100' } });
    expect(tail.body.equals(bytes.subarray(900))).toBe(true);
    expect((await http(base, 'GET', path(ref), { headers: { Range: 'bytes=5000-6000' } })).status).toBe(416);
    const etag = part.headers.etag as string;
    expect(etag).toBe(`"${ref.sha256}"`);
    expect((await http(base, 'GET', path(ref), { headers: { 'If-None-Match': etag } })).status).toBe(304);
    // A range for another version of the file is ignored: the whole file comes back.
    const stale = await http(base, 'GET', path(ref), { headers: { Range: 'bytes=0-9', 'If-Range': '"old"' } });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(1000);
    const head = await http(base, 'HEAD', path(ref));
    expect(head.headers['content-length']).toBe('1000');
    expect(head.body.length).toBe(0);
    expect(head.headers['accept-ranges']).toBe('bytes');
  });
});

describe('ranges and caches', () => {
  it('answers several ranges at once with the whole file, and a range for this very version with the part', async () => {
    const bytes = randomBytes(1000);
    const { base, ref } = await shared(bytes, 'data.bin', 'application/octet-stream');
    const several = await http(base, 'GET', path(ref), { headers: { Range: 'bytes=0-9,500-509' } });
    expect(several.status).toBe(200);
    expect(several.body.equals(bytes)).toBe(true);
    // Overlapping ranges are one range.
    const merged = await http(base, 'GET', path(ref), { headers: { Range: 'bytes=0-9,5-19' } });
    expect([merged.status, merged.headers['content-range']]).toEqual([206, 'bytes 0-19/1000']);
    const resumed = await http(base, 'GET', path(ref), { headers: { Range: 'bytes=600-', 'If-Range': `"${ref.sha256}"` } });
    expect(resumed.status).toBe(206);
    expect(resumed.headers['content-length']).toBe('400');
    expect(resumed.body.equals(bytes.subarray(600))).toBe(true);
  });

  it('sends an empty file whole, whatever range is asked', async () => {
    const { base, ref } = await shared(Buffer.alloc(0), 'empty.txt', 'text/plain');
    for (const headers of [{}, { Range: 'bytes=0-9' }] as Record<string, string>[]) {
      const answer = await http(base, 'GET', path(ref), { headers });
      expect([answer.status, answer.headers['content-length'], answer.body.length]).toEqual([200, '0', 0]);
    }
  });

  it('lets a browser keep a file for good, for this origin only, and answers its copy with 304', async () => {
    const { base, ref } = await shared(Buffer.from('the agenda'), 'agenda.txt', 'text/plain');
    const answer = await http(base, 'GET', path(ref));
    expect(answer.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
    const etag = `"${ref.sha256}"`;
    for (const tags of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await http(base, 'GET', path(ref), { headers: { 'If-None-Match': tags } });
      expect([cached.status, cached.body.length], tags).toEqual([304, 0]);
    }
    expect((await http(base, 'GET', path(ref), { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });
});

describe("a picture's preview", () => {
  it('is sent as the picture it is, under its own ETag, never mixed up with the original', async () => {
    const { base, ref } = await shared(PNG_1X1, 'dot.png', 'image/png', { bytes: WEBP_1X1, width: 1, height: 1 });
    const preview = await http(base, 'GET', `/files/previews/${ref.id}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('image/webp');
    expect(preview.headers['content-length']).toBe(String(WEBP_1X1.length));
    expect(preview.headers['content-security-policy']).toContain('sandbox');
    expect(preview.body.equals(WEBP_1X1)).toBe(true);
    expect(preview.headers.etag).toBe(`"p-${ref.sha256}"`);
    const original = await http(base, 'GET', path(ref));
    expect(original.headers.etag).not.toBe(preview.headers.etag);
    // The original's copy is not the preview's, and the preview's is.
    expect(
      (await http(base, 'GET', `/files/previews/${ref.id}`, { headers: { 'If-None-Match': original.headers.etag as string } })).status,
    ).toBe(200);
    expect(
      (await http(base, 'GET', `/files/previews/${ref.id}`, { headers: { 'If-None-Match': preview.headers.etag as string } })).status,
    ).toBe(304);
  });
});
