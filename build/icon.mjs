// @ts-check
// Draws build/icon.png (512x512), the icon electron-builder turns into every platform's format:
// two chat bubbles on a blue-to-teal rounded square; the tray's images in build/tray/, which
// electron-builder packs into the app (electron/app/tray.ts loads them): the same icon at 16 and 32
// pixels for Windows and Linux, and a black silhouette of the bubbles for macOS, whose menu bar tints
// a `...Template.png` itself for light and dark; and the peer page's web icons in
// renderer/peer/public/ (the build copies them next to the pages, the room serves them): favicon.ico
// (16, 32, 48), the web app manifest's icons at 192 and 512 (plain, and maskable: full-bleed, the
// bubbles inside the central safe circle a launcher may crop to) and a 180 px apple-touch-icon. Run
// `node build/icon.mjs` after changing it; the images are committed, so neither packaging nor the
// build needs this script.
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
/** Samples per pixel side of the 512-pixel icon: 4x4 supersampling gives smooth edges. */
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
const BLACK = [0, 0, 0];

/**
 * Colour at a sample point of the icon, or null outside it.
 * @param {number} x
 * @param {number} y
 * @returns {number[] | null}
 */
function sample(x, y) {
  if (!roundedRect(x, y, 24, 24, 488, 488, 112)) return null;
  return bubblesOn(x, y, x, y);
}

/** A maskable icon's bubbles shrink about the centre to stay inside the safe circle (radius 40 %). */
const MASKABLE_SCALE = 0.8;

/**
 * The maskable icon: the background to every edge, the bubbles shrunk about the centre.
 * @param {number} x
 * @param {number} y
 * @returns {number[]}
 */
function maskable(x, y) {
  const shrink = (/** @type {number} */ v) => SIZE / 2 + (v - SIZE / 2) / MASKABLE_SCALE;
  return bubblesOn(x, y, shrink(x), shrink(y));
}

/**
 * The bubbles at drawing point (`bx`, `by`) over the background's gradient at (`x`, `y`).
 * @param {number} x
 * @param {number} y
 * @param {number} bx
 * @param {number} by
 * @returns {number[]}
 */
function bubblesOn(x, y, bx, by) {
  const t = (x + y) / (2 * SIZE);
  const background = BLUE.map((c, i) => Math.round(c + (TEAL[i] - c) * t));
  [x, y] = [bx, by];
  if (smallBubble(x, y)) return PALE;
  // A ring of background around the front bubble separates the two.
  if (smallBubble(x, y, 14)) return background;
  if (bigBubble(x, y)) {
    for (const dotX of [160, 216, 272]) if (circle(x, y, dotX, 196, 19)) return BLUE;
    return WHITE;
  }
  return background;
}

/**
 * The bubbles alone, for the macOS menu bar: black where they are, with the ring between them and the
 * dots cut out, so the shape still reads at 16 pixels.
 * @param {number} x
 * @param {number} y
 * @returns {number[] | null}
 */
function silhouette(x, y) {
  if (smallBubble(x, y)) return BLACK;
  if (smallBubble(x, y, 14)) return null;
  if (!bigBubble(x, y)) return null;
  for (const dotX of [160, 216, 272]) if (circle(x, y, dotX, 196, 22)) return null;
  return BLACK;
}

/**
 * Renders `sample` over the square `view` of the 512-unit drawing into `size` x `size` pixels, each the
 * average of `samples` x `samples` points, as PNG scanlines (filter byte 0, then RGBA).
 * @param {number} size
 * @param {{ left: number; top: number; side: number }} view
 * @param {(x: number, y: number) => number[] | null} sample
 * @param {number} samples
 */
function render(size, { left, top, side }, sample, samples) {
  const scale = side / size;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = sample(left + (px + (sx + 0.5) / samples) * scale, top + (py + (sy + 0.5) / samples) * scale);
          if (colour === null) continue;
          for (let i = 0; i < 3; i++) sum[i] += colour[i];
          sum[3]++;
        }
      }
      const covered = sum[3];
      const offset = 1 + px * 4;
      for (let i = 0; i < 3; i++) row[offset + i] = covered === 0 ? 0 : Math.round(sum[i] / covered);
      row[offset + 3] = Math.round((covered / samples ** 2) * 255);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
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

/**
 * An RGBA PNG of `size` x `size` pixels from its scanlines.
 * @param {number} size
 * @param {Buffer} scanlines
 */
function png(size, scanlines) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * @param {string} name
 * @param {number} size
 * @param {{ left: number; top: number; side: number }} view
 * @param {(x: number, y: number) => number[] | null} sample
 */
function write(name, size, view, sample) {
  // Small images take more samples per pixel, so each pixel averages about as much of the drawing.
  const samples = Math.max(SAMPLES, Math.ceil((SAMPLES * view.side) / size));
  writeFileSync(new URL(name, import.meta.url), png(size, render(size, view, sample, samples)));
}

/** The whole 512-unit drawing. */
const WHOLE = { left: 0, top: 0, side: SIZE };
write('./icon.png', SIZE, WHOLE, sample);
mkdirSync(new URL('./tray/', import.meta.url), { recursive: true });
// The tray shows the rounded square edge to edge; the silhouette, the bubbles' bounding square.
const SQUARE = { left: 24, top: 24, side: 464 };
const BUBBLES = { left: 88, top: 105, side: 340 };
for (const [suffix, size] of /** @type {const} */ ([
  ['', 16],
  ['@2x', 32],
])) {
  write(`./tray/tray${suffix}.png`, size, SQUARE, sample);
  write(`./tray/trayTemplate${suffix}.png`, size, BUBBLES, silhouette);
}

/**
 * An ICO file of PNG images (every browser reads those), one per size.
 * @param {number[]} sizes
 */
function ico(sizes) {
  const images = sizes.map((size) => png(size, render(size, WHOLE, sample, Math.max(SAMPLES, Math.ceil((SAMPLES * SIZE) / size)))));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    header[entry] = size % 256; // 0 means 256
    header[entry + 1] = size % 256;
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

const WEB = '../renderer/peer/public/';
mkdirSync(new URL(`${WEB}icons/`, import.meta.url), { recursive: true });
writeFileSync(new URL(`${WEB}favicon.ico`, import.meta.url), ico([16, 32, 48]));
for (const size of [192, 512]) {
  write(`${WEB}icons/icon-${size}.png`, size, WHOLE, sample);
  write(`${WEB}icons/maskable-${size}.png`, size, WHOLE, maskable);
}
// iOS draws its own rounded corners on an opaque square: the maskable drawing fits.
write(`${WEB}icons/apple-touch-icon.png`, 180, WHOLE, maskable);
