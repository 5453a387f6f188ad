// Renderer modules in real Chromium, for the tests of those that need a browser (XMLHttpRequest,
// localStorage, canvas, DOM events, hooks): Vite bundles the named sources into one script, with
// React's API on Preact as the peer page's build has it (vite.config.ts); a blank page at the address a
// test names (a real room's, for its HTTP routes) runs it, and the test reaches the modules' exports
// through a handle.
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, JSHandle, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = '\0page-modules';
const BLANK_PAGE = '<!doctype html><html lang="en"><head><title>Test page</title></head><body></body></html>';

/**
 * One script that sets `window.modules` to `{ name: exports of the module }`: a source by its path from
 * the repository's root (`renderer/peer/storage.ts`), or a package (`react-dom/client`).
 */
async function bundle(modules: Record<string, string>): Promise<string> {
  const names = Object.keys(modules);
  const resolved = (spec: string) => (/\.tsx?$/.test(spec) ? ROOT + spec : spec);
  const entry = [
    ...names.map((name, i) => `import * as m${i} from ${JSON.stringify(resolved(modules[name]!))};`),
    `window.modules = { ${names.map((name, i) => `${JSON.stringify(name)}: m${i}`).join(', ')} };`,
  ].join('\n');
  const result = (await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    plugins: [{ name: 'page-modules', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? entry : null) }],
    resolve: {
      alias: [
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^react(?:-dom)?$/, replacement: 'preact/compat' },
      ],
    },
    build: { write: false, minify: false, rolldownOptions: { input: ENTRY, output: { format: 'iife' } } },
  })) as Rolldown.RolldownOutput;
  return result.output[0].code;
}

/**
 * The hooks of a test file whose modules run in Chromium: one bundle of `modules` and one Chromium for
 * the file; after each test, its pages must have thrown nothing, and are closed.
 */
export function usePageModules<Modules>(modules: Record<keyof Modules & string, string>) {
  let browser: Browser | undefined;
  let script = '';
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  beforeAll(async () => {
    [script, browser] = await Promise.all([bundle(modules), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(problems.splice(0)).toEqual([]);
  });
  return {
    /**
     * A blank page at `url` (made up here: only the requests the page then makes go to a server) with
     * the modules loaded; `url` a `data:` one gives a page with an opaque origin.
     */
    async open(url = 'http://127.0.0.1/', options: BrowserContextOptions = {}): Promise<{ page: Page; modules: JSHandle<Modules> }> {
      const context = await browser!.newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(error.message));
      if (!url.startsWith('data:')) {
        await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: BLANK_PAGE }));
      }
      await page.goto(url);
      await page.addScriptTag({ content: script });
      const handle = await page.evaluateHandle(() => (window as unknown as { modules: Modules }).modules);
      return { page, modules: handle };
    },
  };
}
