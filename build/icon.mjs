// @ts-check
// Draws build/icon.png (512x512), the icon electron-builder turns into every platform's format:
// two chat bubbles on a blue-to-teal rounded square. Run `node build/icon.mjs` after changing it;
// the PNG is committed, so packaging never needs this script.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
/** Samples per pixel side: 4x4 supersampling gives smooth edges. */
const SAMPLES = 4;

/** @type {(x: number, y: number, left: number, top: number, right: number, bottom: number, radius: number) => boolean} */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= left && x <= right && y >= top && y <= bottom;
}

/** @typedef {[x: number, y: number]} Point */

/**
 * Inside the triangle a-b-c (any winding).
 * @type {(x: number, y: number, a: Point, b: Point, c: Point) => boolean}
 */
function triangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** @type {(x: number, y: number, cx: number, cy: number, r: number) => boolean} */
const circle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** @type {(x: number, y: number, grow?: number) => boolean} */
const bigBubble = (x, y, grow = 0) =>
  roundedRect(x, y, 96 - grow, 120 - grow, 352 + grow, 300 + grow, 60 + grow) ||
  triangle(x, y, [136, 280], [200, 280], [118 - grow, 366 + grow]);
/** @type {(x: number, y: number, grow?: number) => boolean} */
const smallBubble = (x, y, grow = 0) =>
  roundedRect(x, y, 204 - grow, 236 - grow, 420 + grow, 384 + grow, 54 + grow) ||
  triangle(x, y, [330, 370], [390, 370], [404 + grow, 430 + grow]);

const BLUE = [37, 99, 235];
const TEAL = [13, 148, 136];
const WHITE = [255, 255, 255];
const PALE = [204, 251, 241];

/**
 * Colour at a sample point, or null outside the icon.
 * @param {number} x
 * @param {number} y
 * @returns {number[] | null}
 */
function sample(x, y) {
  if (!roundedRect(x, y, 24, 24, 488, 488, 112)) return null;
  const t = (x + y) / (2 * SIZE);
  const background = BLUE.map((c, i) => Math.round(c + (TEAL[i] - c) * t));
  if (smallBubble(x, y)) return PALE;
  // A ring of background around the front bubble separates the two.
  if (smallBubble(x, y, 14)) return background;
  if (bigBubble(x, y)) {
    for (const dotX of [160, 216, 272]) if (circle(x, y, dotX, 196, 19)) return BLUE;
    return WHITE;
  }
  return background;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (colour === null) continue;
        for (let i = 0; i < 3; i++) sum[i] += colour[i];
        sum[3]++;
      }
    }
    const covered = sum[3];
    const offset = 1 + px * 4;
    for (let i = 0; i < 3; i++) row[offset + i] = covered === 0 ? 0 : Math.round(sum[i] / covered);
    row[offset + 3] = Math.round((covered / SAMPLES ** 2) * 255);
  }
  rows.push(row);
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
