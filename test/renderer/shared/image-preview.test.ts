// A picture's preview as the sender's browser makes it, in real Chromium: a WebP no larger than 640 px
// on its longest side, in proportion, much smaller than the original, with the original's size in
// pixels; none for what is not a picture the browser can decode.
import type { JSHandle } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as imagePreview from '../../../renderer/shared/image-preview.js';
import { usePageModules } from '../../support/page-modules.js';

type Modules = { imagePreview: typeof imagePreview };
const pages = usePageModules<Modules>({ imagePreview: 'renderer/shared/image-preview.ts' });

/** The preview of a `width` x `height` PNG drawn in the page: its type, its size in pixels and bytes, the size it reports, and the original's bytes. */
const previewOfDrawn = (modules: JSHandle<Modules>, width: number, height: number) =>
  modules.evaluate(
    async ({ imagePreview: p }, [width, height]) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d')!;
      // Noise, as in a photo: a preview has something to gain.
      const pixels = context.createImageData(width, height);
      for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = i % 4 === 3 ? 255 : (i * 7919) % 251;
      context.putImageData(pixels, 0, 0);
      const png = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
      const preview = await p.makePreview(new File([png], 'photo.png', { type: 'image/png' }));
      if (preview === null) return null;
      const bitmap = await createImageBitmap(preview.blob);
      return {
        type: preview.blob.type,
        said: [preview.width, preview.height],
        drawn: [bitmap.width, bitmap.height],
        bytes: preview.blob.size,
        originalBytes: png.size,
      };
    },
    [width, height] as const,
  );

describe('makePreview', () => {
  it('makes a WebP at most 640 px on its longest side, in proportion, with the original’s size', async () => {
    const { modules } = await pages.open();
    const wide = await previewOfDrawn(modules, 1600, 1200);
    expect(wide).toMatchObject({ type: 'image/webp', said: [1600, 1200], drawn: [640, 480] });
    expect(wide!.bytes).toBeLessThan(wide!.originalBytes / 4);
    expect(await previewOfDrawn(modules, 500, 2000)).toMatchObject({ said: [500, 2000], drawn: [160, 640] });
  });

  it('keeps a small picture at its size', async () => {
    const { modules } = await pages.open();
    expect(await previewOfDrawn(modules, 300, 200)).toMatchObject({ type: 'image/webp', said: [300, 200], drawn: [300, 200] });
  });

  it('makes none of a text, an SVG, an empty file or bytes that are no picture', async () => {
    const { modules } = await pages.open();
    const previews = await modules.evaluate(({ imagePreview: p }) =>
      Promise.all(
        [
          new File(['hello'], 'notes.txt', { type: 'text/plain' }),
          new File(['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'], 'logo.svg', { type: 'image/svg+xml' }),
          new File([], 'empty.png', { type: 'image/png' }),
          new File(['not a picture at all'], 'broken.png', { type: 'image/png' }),
        ].map((file) => p.makePreview(file)),
      ),
    );
    expect(previews).toEqual([null, null, null, null]);
  });
});
