// Layout checks for page tests in Chromium.
import type { Page } from 'playwright-core';

/**
 * The texts of buttons laid out on more than one line (a label broken in a narrow window, Chinese one
 * character a line). Visually hidden labels (1 px boxes) are not looked at.
 */
export function brokenLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const button of document.querySelectorAll('button')) {
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1).map((r) => Math.round(r.top / 4)));
        if (lines.size > 1) found.push(`"${node.textContent}" on ${lines.size} lines`);
      }
    }
    return found;
  });
}
