// A picture's small preview, made in the sender's browser before it is shared: decoded with
// `createImageBitmap` (scaled while decoding where the browser can), drawn on a canvas and encoded as
// WebP (JPEG where the browser cannot encode WebP, as Safari), a few tens of KB. The room stores it next
// to the original; a conversation full of photos then loads previews, never the originals.

/** Longest side of a preview in pixels: sharp in a chat column on a high-density phone screen. */
const PREVIEW_SIDE = 640;
const QUALITY = 0.78;
/** Pictures larger than this are not decoded for a preview (it would take the phone's memory). */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export interface Preview {
  blob: Blob;
  /** The original's size in pixels. */
  width: number;
  height: number;
}

/** Whether `file` is worth trying to preview. */
function canPreview(file: Blob): boolean {
  return file.type.startsWith('image/') && file.type !== 'image/svg+xml' && file.size > 0 && file.size <= MAX_SOURCE_BYTES;
}

/** The preview of a picture, or null when the browser cannot decode it (or it is not a picture). */
export async function makePreview(file: Blob): Promise<Preview | null> {
  if (!canPreview(file)) return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  const { width, height } = bitmap;
  try {
    const scale = Math.min(1, PREVIEW_SIDE / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const context = canvas.getContext('2d');
    if (context === null) return null;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, w, h);
    const blob = (await encode(canvas, 'image/webp')) ?? (await encode(canvas, 'image/jpeg'));
    return blob === null ? null : { blob, width, height };
  } finally {
    bitmap.close();
  }
}

/** The canvas encoded as `type`, or null when the browser encodes something else instead (it falls back to PNG). */
function encode(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob !== null && blob.type === type ? blob : null), type, QUALITY));
}
