// Packs the app with the real electron-builder config (a Linux `dir` target) against a stub Electron
// distribution, then checks what landed in app.asar and that the fuses were flipped as the security
// checklist says. The stub "binary" is a small file carrying Electron's fuse wire (sentinel, version,
// length, one byte per fuse, set to Electron's shipped defaults), which is all @electron/fuses edits.
// Needs the build (`npm run build`), as `npm test` does first.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's shipped fuse states, in wire order ('1' enabled, '0' disabled). */
const STOCK_FUSES = '10110001';
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

let work: string;
let files: string[];
let executable: string;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`exit ${code}:\n${output}`))));
  });
}

beforeAll(async () => {
  for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/host/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  work = mkdtempSync(join(tmpdir(), 'lan-chat-pack-'));
  const stub = join(work, 'electron-dist');
  mkdirSync(stub);
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([Number(FuseVersion.V1), STOCK_FUSES.length]),
    Buffer.from(STOCK_FUSES),
  ]);
  writeFileSync(join(stub, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 1\n'), wire]), { mode: 0o755 });

  const out = join(work, 'release');
  await run(process.execPath, [
    join(ROOT, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    '--x64',
    `-c.electronDist=${stub}`,
    `-c.directories.output=${out}`,
    '--publish=never',
  ]);
  const app = join(out, 'linux-unpacked');
  executable = join(app, 'lan-chat');
  files = listPackage(join(app, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
}, 60_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('packaged app (electron-builder dir target)', () => {
  it('contains the built main, preload, room, pages and package.json', () => {
    for (const file of [
      '/package.json',
      '/dist/electron/main.js',
      '/dist/electron/preload.cjs',
      '/dist/electron/app/ipc.js',
      '/dist/electron/room/room.js',
      '/dist/renderer/host/index.html',
      '/dist/renderer/peer/index.html',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((file) => /^\/dist\/renderer\/assets\/.+\.js$/.test(file))).toBe(true);
  });

  it("contains the tray's images: the icon for Windows and Linux, the template for the macOS menu bar", () => {
    expect(files.filter((file) => file.startsWith('/build/')).sort()).toEqual([
      '/build/tray',
      '/build/tray/tray.png',
      '/build/tray/tray@2x.png',
      '/build/tray/trayTemplate.png',
      '/build/tray/trayTemplate@2x.png',
    ]);
  });

  it('contains the production dependencies', () => {
    expect(files).toContain('/node_modules/ws/package.json');
    expect(files).toContain('/node_modules/ws/lib/websocket-server.js');
  });

  it('contains no sources, tests, maps, declarations or dev dependencies', () => {
    const app = files.filter((file) => !file.startsWith('/node_modules/'));
    expect(app.filter((file) => /\.(ts|tsx|cts|mts|map)$/.test(file))).toEqual([]);
    // Of build/, only the tray's images (the test above lists them).
    expect(app.filter((file) => /^\/(test|electron|renderer|scripts|bench|docs)(\/|$)/.test(file))).toEqual([]);
    for (const devDependency of ['electron', 'electron-builder', 'vitest', 'react', 'typescript', 'playwright-core']) {
      expect(files).not.toContain(`/node_modules/${devDependency}`);
    }
  });

  it('flips the fuses the security checklist asks for', async () => {
    const wire = await getCurrentFuseWire(executable);
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      enableCookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      enableNodeOptionsEnvironmentVariable: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      enableNodeCliInspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      enableEmbeddedAsarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      grantFileProtocolExtraPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: DISABLED,
      enableCookieEncryption: ENABLED,
      enableNodeOptionsEnvironmentVariable: DISABLED,
      enableNodeCliInspectArguments: DISABLED,
      enableEmbeddedAsarIntegrityValidation: ENABLED,
      onlyLoadAppFromAsar: ENABLED,
      grantFileProtocolExtraPrivileges: DISABLED,
    });
  });
});
