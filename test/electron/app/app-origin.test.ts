// What the app:// origin answers, on real files in a temp folder: it serves what is inside dist/renderer
// with the CSP header, and nothing outside it, however the URL is spelled.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appResponse,
  CONTENT_SECURITY_POLICY,
  HOST_PAGE_URL,
  isAppUrl,
  resolveRendererFile,
  serveAppRequest,
} from '../../../electron/app/app-origin.js';

let base: string;
let renderer: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'lan-chat-protocol-'));
  renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'host'), { recursive: true });
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'host', 'index.html'), '<!doctype html><title>host</title>');
  writeFileSync(join(renderer, 'assets', 'host-1a2b.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'room name.css'), 'body{}');
  writeFileSync(join(base, 'secret.html'), 'secret');
  writeFileSync(join(base, 'renderer-evil.html'), 'secret');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('isAppUrl', () => {
  it('matches the app scheme and host only', () => {
    expect(isAppUrl(HOST_PAGE_URL)).toBe(true);
    expect(isAppUrl('app://lan-chat/')).toBe(true);
    expect(isAppUrl('app://lan-chat:80/')).toBe(false);
    expect(isAppUrl('app://other/')).toBe(false);
    expect(isAppUrl('https://lan-chat/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('resolveRendererFile', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveRendererFile(renderer, HOST_PAGE_URL)).toBe(join(renderer, 'host', 'index.html'));
    expect(resolveRendererFile(renderer, 'app://lan-chat/assets/host-1a2b.js?v=1#x')).toBe(join(renderer, 'assets', 'host-1a2b.js'));
    expect(resolveRendererFile(renderer, 'app://lan-chat/assets/room%20name.css')).toBe(join(renderer, 'assets', 'room name.css'));
  });

  it('resolves dot segments the way a browser does, so they cannot climb out', () => {
    expect(resolveRendererFile(renderer, 'app://lan-chat/../secret.html')).toBe(join(renderer, 'secret.html'));
    expect(resolveRendererFile(renderer, 'app://lan-chat/%2e%2e/secret.html')).toBe(join(renderer, 'secret.html'));
  });

  it.each([
    'app://lan-chat/host/..%2f..%2fsecret.html',
    'app://lan-chat/..%5csecret.html',
    'app://lan-chat/%2e%2e%2frenderer-evil.html',
    'app://lan-chat/host/index.html%00.js',
    'app://lan-chat/%E0%A4%A',
    'app://lan-chat/',
    'app://lan-chat/host/',
    'app://lan-chat/host/index.ts',
    'app://other/host/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(renderer, url)).toBeNull();
  });
});

describe('serveAppRequest', () => {
  it('serves a page with its type, the CSP and nosniff', async () => {
    const response = await serveAppRequest(renderer, HOST_PAGE_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>host</title>');
  });

  it('answers 404, still with the CSP, for a missing file or a path outside', async () => {
    for (const url of ['app://lan-chat/host/missing.html', 'app://lan-chat/%2e%2e/secret.html']) {
      const response = await serveAppRequest(renderer, url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('has a strict policy: no inline or remote script, no plugins, frames or form posts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
  });
});

describe('appResponse', () => {
  it('answers /files/ through the shared pictures, with the CSP, and everything else from the renderer folder', async () => {
    const asked: string[] = [];
    const files = (pathname: string) => {
      asked.push(pathname);
      return pathname === '/files/previews/abc' ? new Response('picture', { headers: { 'Content-Type': 'image/webp' } }) : null;
    };
    const picture = await appResponse(renderer, 'app://lan-chat/files/previews/abc', files);
    expect([picture.status, picture.headers.get('content-type'), await picture.text()]).toEqual([200, 'image/webp', 'picture']);
    expect(picture.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const missing = await appResponse(renderer, 'app://lan-chat/files/gone', files);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await appResponse(renderer, HOST_PAGE_URL, files)).status).toBe(200);
    expect(asked).toEqual(['/files/previews/abc', '/files/gone']);
  });
});
