// @ts-check
// `npm run screenshot -- --out <dir>`: pictures of the host window and the peer page, taken in Chromium
// from a real room (the built one in dist/) with a few people talking. No Electron needed: the host
// window gets its `window.lanChat` from the host harness in scripts/lib (which the tests use too), run
// through Vite's module runner because Node 20 cannot load TypeScript. Writes host.png, host-dark.png,
// host-zh.png, peer.png, peer-zh.png.
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';
import { messageOf } from '../dist/common/errors.js';
import { Room } from '../dist/electron/room/room.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screenshots' } } });
const out = resolve(values.out);
mkdirSync(out, { recursive: true });

/** @param {string} name */
const lib = async (name) => (await runnerImport(fileURLToPath(new URL(`./lib/${name}`, import.meta.url)))).module;
const [{ startHostHarness }, { joinRich, rawClient }, { launchChromium }, { upload }] = await Promise.all(
  ['host-harness.ts', 'room-clients.ts', 'chromium.ts', 'uploads.ts'].map(lib),
);

/** What each picture's room says, in its language. */
const SCENES = {
  en: {
    locale: 'en-US',
    settings: { roomName: 'Design review · Room 4', hostName: 'Sam' },
    people: ['Amber Otter', 'Leo Martin'],
    guest: 'Priya',
    lines: [
      ['Amber Otter', 'Morning! Is everyone on the office Wi-Fi?'],
      ['host', 'Yes: scan the code on the screen and you are in. No app needed.'],
      ['Leo Martin', 'Joined from my phone, the QR code just works.'],
      ['raw', 'build bot: nightly build 1.4.2 passed (412 tests)'],
      ['Amber Otter', 'Slides are at http://192.168.1.23:8080/review.pdf\nPage 12 has the new onboarding flow.'],
      ['host', 'Thanks! Let us start in 5 minutes.'],
    ],
    files: {
      from: 'Leo Martin',
      caption: 'Whiteboard from yesterday, and the spec',
      pictures: ['whiteboard.jpg', 'sketches.jpg'],
      document: 'onboarding-spec-v3.pdf',
      notes: ['Sign up', 'Invite', 'First chat', 'Files'],
    },
    guestLine: 'On my way, grabbing coffee first.',
  },
  zh: {
    locale: 'zh-CN',
    settings: { roomName: '周五设计评审', hostName: '小林' },
    people: ['琥珀水獭', '王磊'],
    guest: '陈静',
    lines: [
      ['琥珀水獭', '早上好！大家都连上办公室的 Wi-Fi 了吗？'],
      ['host', '连上了就扫屏幕上的二维码，不用装任何应用。'],
      ['王磊', '我用手机扫码加入了，很方便。'],
      ['raw', 'build bot: nightly build 1.4.2 passed (412 tests)'],
      ['琥珀水獭', '幻灯片在 http://192.168.1.23:8080/review.pdf\n第 12 页是新的引导流程。'],
      ['host', '谢谢！五分钟后开始。'],
    ],
    files: {
      from: '王磊',
      caption: '昨天的白板照片，还有需求文档',
      pictures: ['白板.jpg', '草图.jpg'],
      document: '引导流程需求-v3.pdf',
      notes: ['注册', '邀请', '第一次聊天', '文件'],
    },
    guestLine: '马上到，先去拿杯咖啡。',
  },
};

const started = Date.now();
const browser = await launchChromium();
try {
  await shoot('en', { host: ['host.png', 'host-dark.png'], peer: 'peer.png', lang: 'en' });
  if (hasCjkFont()) await shoot('zh', { host: ['host-zh.png'], peer: 'peer-zh.png', lang: 'zh-CN' });
} finally {
  await browser.close();
}
console.log(`screenshots in ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

/** @typedef {typeof SCENES.en} Scene */

/**
 * @param {keyof typeof SCENES} sceneName
 * @param {{ host: string[], peer: string, lang: string }} files
 */
async function shoot(sceneName, files) {
  const scene = SCENES[sceneName];
  // Addresses of a typical home network on the room's usual port instead of the loopback one the room
  // is bound to here, on any free port (a fixed one can be taken).
  const displayUrls = [
    { url: 'http://192.168.1.23:7681/', address: '192.168.1.23', interface: 'Wi-Fi', virtual: false },
    { url: 'http://10.8.0.5:7681/', address: '10.8.0.5', interface: 'tun0', virtual: true },
  ];
  const harness = await startHostHarness({ browser, Room, room: { port: 0, settings: scene.settings }, locale: scene.locale, displayUrls });
  const closers = [];
  try {
    const people = new Map();
    for (const name of scene.people) {
      const client = await joinRich(harness.wsUrl, name);
      people.set(name, client);
      closers.push(() => client.ws.close());
    }
    const raw = await rawClient(harness.wsUrl);
    closers.push(() => raw.ws.close());
    for (const [who, text] of scene.lines) {
      if (who === 'host') harness.room.send(text);
      else if (who === 'raw') raw.ws.send(text);
      else people.get(who).say(text);
      // Each line waits for the room's echo so the order on screen is the order above.
      await people.get(scene.people[0]).next((/** @type {{ type: string, text?: string }} */ m) => m.type === 'chat' && m.text === text);
    }
    await shareFiles(harness, people.get(scene.files.from), scene.files);
    await people
      .get(scene.people[0])
      .next((/** @type {{ type: string, files?: unknown[] }} */ m) => m.type === 'chat' && m.files !== undefined);

    // The guest joins through the peer page, the way a phone would.
    const peerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: scene.locale });
    closers.push(() => peerContext.close());
    const peer = await peerContext.newPage();
    await peer.goto(`${harness.httpUrl}?lang=${files.lang}`);
    await joinFromPeerPage(peer, scene);

    const host = harness.page;
    await host.getByRole('log').getByText(scene.guestLine).waitFor();
    await settle(host);
    await host.screenshot({ path: resolve(out, files.host[0]) });
    if (files.host[1]) {
      await host.emulateMedia({ colorScheme: 'dark' });
      await settle(host);
      await host.screenshot({ path: resolve(out, files.host[1]) });
    }
    await settle(peer);
    await peer.screenshot({ path: resolve(out, files.peer) });
  } finally {
    for (const close of closers.reverse()) await close();
    await harness.close();
  }
}

/**
 * Pictures drawn in Chromium (a whiteboard of sticky notes, a page of sketches), each with the preview a
 * page would make, and a PDF-shaped file: uploaded over HTTP and shared in one message, as a page does.
 * @param {{ httpUrl: string, context: import('playwright-core').BrowserContext }} harness
 * @param {{ welcome: { session: string }, json: (message: object) => void }} person
 * @param {Scene['files']} files
 */
async function shareFiles(harness, person, files) {
  const page = await harness.context.newPage();
  const drawn = await page.evaluate((notes) => {
    /** @param {number} w @param {number} h @param {(c: CanvasRenderingContext2D) => void} draw */
    const jpeg = (w, h, draw) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
      draw(context);
      const full = canvas.toDataURL('image/jpeg', 0.85).split(',')[1];
      const small = document.createElement('canvas');
      small.width = 640;
      small.height = Math.round((640 * h) / w);
      /** @type {CanvasRenderingContext2D} */ (small.getContext('2d')).drawImage(canvas, 0, 0, small.width, small.height);
      return { full, preview: small.toDataURL('image/jpeg', 0.78).split(',')[1], width: w, height: h };
    };
    const colours = ['#fde68a', '#a7f3d0', '#bfdbfe', '#fbcfe8'];
    const board = jpeg(1600, 1200, (c) => {
      c.fillStyle = '#f8fafc';
      c.fillRect(0, 0, 1600, 1200);
      c.strokeStyle = '#334155';
      c.lineWidth = 8;
      // Four notes in a square, so a square crop of the picture still shows them.
      notes.forEach((note, i) => {
        const x = 360 + (i % 2) * 500;
        const y = 160 + Math.floor(i / 2) * 480;
        c.fillStyle = colours[i % colours.length] ?? '#fff';
        c.fillRect(x, y, 380, 380);
        c.fillStyle = '#1e293b';
        c.font = 'bold 64px sans-serif';
        c.fillText(note, x + 30, y + 210, 320);
        if (i % 2 === 1) {
          c.beginPath();
          c.moveTo(x - 110, y + 190);
          c.lineTo(x - 10, y + 190);
          c.stroke();
        }
      });
    });
    const sketch = jpeg(1200, 1600, (c) => {
      c.fillStyle = '#fffbeb';
      c.fillRect(0, 0, 1200, 1600);
      c.strokeStyle = '#0f766e';
      c.lineWidth = 10;
      for (let i = 0; i < 3; i++) c.strokeRect(150, 180 + i * 460, 900, 360);
      c.fillStyle = '#0f766e';
      for (let i = 0; i < 3; i++) c.fillRect(220, 260 + i * 460, 420, 40);
    });
    return [board, sketch];
  }, files.notes);
  await page.close();
  const { session } = person.welcome;
  const ids = [];
  for (const [i, picture] of drawn.entries()) {
    const bytes = Buffer.from(picture.full ?? '', 'base64');
    const preview = { bytes: Buffer.from(picture.preview ?? '', 'base64'), width: picture.width, height: picture.height };
    ids.push(await upload(harness.httpUrl, session, bytes, files.pictures[i] ?? `picture-${i}.jpg`, 'image/jpeg', preview));
  }
  ids.push(await upload(harness.httpUrl, session, Buffer.alloc(2_400_000, '%PDF-1.7 '), files.document, 'application/pdf'));
  person.json({ type: 'chat', text: files.caption, files: ids });
}

/**
 * Join as the guest and say something; if the page cannot (not built yet), the picture shows why.
 * @param {import('playwright-core').Page} peer
 * @param {Scene} scene
 */
async function joinFromPeerPage(peer, scene) {
  const nameLabel = scene.locale === 'zh-CN' ? '你的名字' : 'Your name';
  try {
    const name = peer.getByRole('textbox', { name: nameLabel, exact: true });
    await name.fill(scene.guest, { timeout: 5000 });
    await name.press('Enter');
    const message = peer.getByRole('textbox', { name: scene.locale === 'zh-CN' ? '消息' : 'Message', exact: true });
    await message.fill(scene.guestLine, { timeout: 5000 });
    await message.press('Enter');
    await peer.getByRole('log').getByText(scene.guestLine).waitFor({ timeout: 5000 });
  } catch (error) {
    console.warn(`peer page (${scene.locale}): could not join: ${messageOf(error).split('\n')[0]}`);
  }
}

/**
 * Fonts and pictures loaded, two frames drawn and transitions over, so the picture shows the finished layout.
 * @param {import('playwright-core').Page} page
 */
async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    // Pictures in view loaded (lazy ones start once laid out).
    await new Promise((done) => requestAnimationFrame(done));
    await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => {})));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    // A theme switch starts colour transitions: a picture mid-way shows grey buttons.
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {})));
  });
}

/** Without a Chinese font Chromium draws the zh-CN pictures as boxes: skip them and say what to install. */
function hasCjkFont() {
  const found = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (!found.error && found.stdout.trim() !== '') return true;
  console.warn('screenshot: no Chinese font found (fc-list :lang=zh), so the zh-CN pictures are skipped (they would show boxes).');
  console.warn('screenshot: install one, e.g. `sudo apt-get install fonts-wqy-microhei`, and run again.');
  return false;
}
