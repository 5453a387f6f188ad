// Files in tests: uploading and downloading the way a page does (scripts/lib/uploads.ts), the error a
// refused upload names, digests to compare bytes by, and small real pictures for previews.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { UploadError } from '../../common/files.js';
import { json, type HttpAnswer } from '../../scripts/lib/uploads.js';

export { http, json, putBytes, putPreview, startUpload, upload, uploadState, type HttpAnswer } from '../../scripts/lib/uploads.js';

/** A 1x1 PNG and a 1x1 WebP: real pictures the room recognises by their bytes. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const WEBP_1X1 = Buffer.from('UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=', 'base64');

/** A real PNG of `width` x `height` drawn by Chromium in `page` (two colours), as bytes. */
export async function drawnPng(page: Page, width: number, height: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    ([w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w!;
      canvas.height = h!;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#0f766e';
      context.fillRect(0, 0, w!, h!);
      context.fillStyle = '#fde68a';
      context.fillRect(w! / 4, h! / 4, w! / 2, h! / 2);
      return canvas.toDataURL('image/png').split(',')[1]!;
    },
    [width, height],
  );
  return Buffer.from(base64, 'base64');
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const errorCode = (answer: HttpAnswer): string => json<UploadError>(answer).error.code;
