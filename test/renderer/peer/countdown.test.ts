// What the page counts down (a PIN lockout, a ban, a mute, slow mode): whole seconds left, rounded up;
// and the view that shows it, in real Chromium on Preact with the page's clock moved by the test,
// drawn again as each second runs out and never after the deadline or without one.
import type { Page } from 'playwright-core';
import type * as React from 'react';
import type * as ReactDOMClient from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import * as countdown from '../../../renderer/peer/countdown.js';
import { usePageModules } from '../../support/page-modules.js';

const pages = usePageModules<{ countdown: typeof countdown; react: typeof React; client: typeof ReactDOMClient }>({
  countdown: 'renderer/peer/countdown.ts',
  react: 'react',
  client: 'react-dom/client',
});

describe('secondsLeft', () => {
  it('counts whole seconds to the deadline, rounded up, and 0 once it has passed or without one', () => {
    expect(countdown.secondsLeft(10_000, 0)).toBe(10);
    expect(countdown.secondsLeft(10_000, 1)).toBe(10);
    expect(countdown.secondsLeft(10_000, 9_001)).toBe(1);
    expect(countdown.secondsLeft(10_000, 10_000)).toBe(0);
    expect(countdown.secondsLeft(10_000, 20_000)).toBe(0);
    expect(countdown.secondsLeft(null, 0)).toBe(0);
    expect(countdown.secondsLeft(undefined, 0)).toBe(0);
  });
});

describe('useCountdown', () => {
  /** A view counting down to `in` ms from now (null: nothing to count); resolves with a way to read the seconds it drew, each time. */
  async function countingView(page: Page, modules: Awaited<ReturnType<typeof pages.open>>['modules'], inMs: number | null) {
    // The page's time stands still but for what the test runs.
    await page.clock.install({ time: 1_000_000 });
    await page.clock.pauseAt(2_000_000);
    await modules.evaluate(({ countdown: c, react, client }, ms) => {
      const drawn: number[] = [];
      (window as unknown as { drawn: number[] }).drawn = drawn;
      const until = ms === null ? null : Date.now() + ms;
      function View() {
        drawn.push(c.secondsLeft(until, c.useCountdown(until)));
        return null;
      }
      client.createRoot(document.body.appendChild(document.createElement('div'))).render(react.createElement(View));
    }, inMs);
    return () => page.evaluate(() => (window as unknown as { drawn: number[] }).drawn);
  }

  it('draws again as each second runs out, and stops at the deadline', async () => {
    const { page, modules } = await pages.open();
    const drawn = await countingView(page, modules, 2_500);
    expect(await drawn()).toEqual([3]);
    await page.clock.runFor(499);
    expect(await drawn()).toEqual([3]);
    await page.clock.runFor(1);
    expect(await drawn()).toEqual([3, 2]);
    await page.clock.runFor(999);
    expect(await drawn()).toEqual([3, 2]);
    await page.clock.runFor(1);
    expect(await drawn()).toEqual([3, 2, 1]);
    await page.clock.runFor(1_000);
    expect(await drawn()).toEqual([3, 2, 1, 0]);
    await page.clock.runFor(60_000);
    expect(await drawn()).toEqual([3, 2, 1, 0]);
  });

  it('draws once without a deadline', async () => {
    const { page, modules } = await pages.open();
    const drawn = await countingView(page, modules, null);
    await page.clock.runFor(60_000);
    expect(await drawn()).toEqual([0]);
  });
});
