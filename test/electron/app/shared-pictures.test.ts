// What the host window may load from app://lan-chat/files/...: previews and pictures of the safe
// formats, nothing else (no HTML, SVG or PDF on the window's privileged origin).
import { describe, expect, it } from 'vitest';
import { sharedPicture } from '../../../electron/app/shared-pictures.js';
import { Room } from '../../../electron/room/room.js';
import { useCleanups } from '../../support/cleanup.js';
import { PNG_1X1, WEBP_1X1 } from '../../support/files.js';

const { defer } = useCleanups('lan-chat-pictures-');

describe('sharedPicture', () => {
  it('serves previews and safe pictures, and nothing for other files', async () => {
    const room = new Room({ bindAddress: '127.0.0.1', port: 0 });
    await room.listen();
    defer(() => room.close());
    const message = await room.shareFiles([
      { bytes: PNG_1X1, name: 'dot.png', preview: { bytes: WEBP_1X1, width: 1, height: 1 } },
      { bytes: Buffer.from('<html><script>alert(1)</script>'), name: 'page.html', type: 'text/html' },
      { bytes: Buffer.from('<svg/>'), name: 'logo.svg', type: 'image/svg+xml' },
    ]);
    const [png, html, svg] = message.files!;
    const lookup = (id: string) => room.sharedFile(id);
    const preview = sharedPicture(`/files/previews/${png!.id}`, lookup)!;
    expect(preview.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await preview.arrayBuffer()).equals(WEBP_1X1)).toBe(true);
    const full = sharedPicture(`/files/${png!.id}/dot.png`, lookup)!;
    expect(full.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await full.arrayBuffer()).equals(PNG_1X1)).toBe(true);
    for (const path of [
      `/files/${html!.id}/page.html`,
      `/files/${svg!.id}/logo.svg`,
      `/files/previews/${html!.id}`,
      '/files/x/y',
      '/assets/x',
    ]) {
      expect(sharedPicture(path, lookup), path).toBeNull();
    }
  });
});
