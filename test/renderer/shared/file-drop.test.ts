// Files that come into a page by paste or drag and drop, in real Chromium on Preact with real
// ClipboardEvent and DragEvent objects carrying a DataTransfer: pasted files handed over instead of
// pasted, text pasted as usual; the drop zone while files are dragged (not text), through nested
// elements, what is dropped handed over, and nothing once the view is gone.
import type { JSHandle } from 'playwright-core';
import type * as React from 'react';
import type * as ReactDOMClient from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type * as fileDrop from '../../../renderer/shared/file-drop.js';
import { usePageModules } from '../../support/page-modules.js';

type Modules = { fileDrop: typeof fileDrop; react: typeof React; client: typeof ReactDOMClient };
const pages = usePageModules<Modules>({ fileDrop: 'renderer/shared/file-drop.ts', react: 'react', client: 'react-dom/client' });

/** A drop view in the page: the names of each drop it took, and a way to take it away. */
interface Seen {
  dropped: string[][];
  /** Resolves once the view is gone and its clean-ups have run. */
  unmount(): Promise<void>;
}

describe('pasteFiles', () => {
  it('hands pasted files over instead of pasting them, and lets a paste of text through', async () => {
    const { modules } = await pages.open();
    const seen = await modules.evaluate(({ fileDrop: f }) => {
      const box = document.body.appendChild(document.createElement('textarea'));
      const got: string[][] = [];
      box.addEventListener(
        'paste',
        f.pasteFiles((files) => got.push(files.map((file) => file.name))),
      );
      const paste = (data: DataTransfer) => {
        const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        box.dispatchEvent(event);
        return event.defaultPrevented;
      };
      const screenshot = new DataTransfer();
      screenshot.items.add(new File(['png'], 'image.png', { type: 'image/png' }));
      const text = new DataTransfer();
      text.setData('text/plain', 'hello');
      return { prevented: [paste(screenshot), paste(text)], got, none: f.filesFromClipboard(null).length };
    });
    expect(seen).toEqual({ prevented: [true, false], got: [['image.png']], none: 0 });
  });
});

describe('useFileDrop', () => {
  /**
   * A view with a drop zone over the whole page, once its effects have run (the hook listens from
   * then on).
   */
  async function dropView(modules: JSHandle<Modules>): Promise<JSHandle<Seen>> {
    return modules.evaluateHandle(
      ({ fileDrop: f, react, client }) =>
        new Promise<Seen>((resolve) => {
          const dropped: string[][] = [];
          const onFiles = (files: File[]) => dropped.push(files.map((file) => file.name));
          const root = client.createRoot(document.body.appendChild(document.createElement('div')));
          let gone = () => {};
          const unmount = () => new Promise<void>((done) => ((gone = done), root.unmount()));
          function View() {
            const dragging = f.useFileDrop(onFiles);
            // Effects and their clean-ups run in order (the clean-ups after the view is gone, a frame
            // later): the hook's have run by this one's.
            react.useEffect(() => (resolve({ dropped, unmount }), () => gone()), []);
            return react.createElement(
              'p',
              { id: 'zone' },
              react.createElement('span', { id: 'inner' }, dragging ? 'Drop files here' : 'idle'),
            );
          }
          root.render(react.createElement(View));
        }),
    );
  }

  /** Fires a drag event of `type` carrying two files (or text) at `target`; what became of it. */
  const drag = (modules: JSHandle<Modules>, type: string, target = 'body', files = true) =>
    modules.evaluate(
      (_, [type, target, files]) => {
        const data = new DataTransfer();
        if (files) {
          data.items.add(new File(['one'], 'one.txt', { type: 'text/plain' }));
          data.items.add(new File(['two'], 'two.txt', { type: 'text/plain' }));
        } else {
          data.setData('text/plain', 'a selection');
        }
        const event = new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true });
        document.querySelector(target)!.dispatchEvent(event);
        return { prevented: event.defaultPrevented };
      },
      [type, target, files] as const,
    );
  const zone = (modules: JSHandle<Modules>) => modules.evaluate(() => document.querySelector('#zone')?.textContent);

  it('shows the drop zone while files are over the page, nested elements and all, and takes what is dropped', async () => {
    const { modules } = await pages.open();
    const seen = await dropView(modules);
    expect(await zone(modules)).toBe('idle');
    await drag(modules, 'dragenter');
    expect(await zone(modules)).toBe('Drop files here');
    // Into a child and out of the parent: still over the page.
    await drag(modules, 'dragenter', '#inner');
    await drag(modules, 'dragleave', '#zone');
    expect(await zone(modules)).toBe('Drop files here');
    // Taking the drag over (a drop may only follow then).
    expect(await drag(modules, 'dragover', '#inner')).toMatchObject({ prevented: true });
    await drag(modules, 'dragleave', '#inner');
    expect(await zone(modules)).toBe('idle');

    await drag(modules, 'dragenter');
    expect(await drag(modules, 'drop', '#inner')).toMatchObject({ prevented: true });
    expect(await zone(modules)).toBe('idle');
    expect(await seen.evaluate((s) => s.dropped)).toEqual([['one.txt', 'two.txt']]);
  });

  it('leaves text being dragged alone', async () => {
    const { modules } = await pages.open();
    const seen = await dropView(modules);
    await drag(modules, 'dragenter', 'body', false);
    expect(await zone(modules)).toBe('idle');
    expect(await drag(modules, 'dragover', 'body', false)).toMatchObject({ prevented: false });
    expect(await drag(modules, 'drop', 'body', false)).toMatchObject({ prevented: false });
    expect(await seen.evaluate((s) => s.dropped)).toEqual([]);
  });

  it('takes nothing once the view is gone', async () => {
    const { modules } = await pages.open();
    const seen = await dropView(modules);
    await seen.evaluate((s) => s.unmount());
    expect(await drag(modules, 'drop')).toMatchObject({ prevented: false });
    expect(await seen.evaluate((s) => s.dropped)).toEqual([]);
  });
});
