// axe-core in a page under test: WCAG 2.1 A and AA plus axe's best practices, and a readable failure
// listing each violation with the elements it found. The pages' CSP allows no inline script, so axe
// goes in through Playwright's evaluate (the DevTools protocol, which page CSP does not govern) rather
// than a <script> tag, and the CSP stays on while it checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result, default as Axe } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One line per violation: rule, impact, what it means, and the elements (their selectors). */
function describeViolations(violations: readonly Pick<Result, 'id' | 'impact' | 'help' | 'nodes'>[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
}

/** The violations axe finds on the page as it is now. */
async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof Axe }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    TAGS,
  );
  return results.violations;
}

/** Fails, naming `state` and listing every violation, unless axe finds none. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations.length, `axe, ${state}:\n${describeViolations(violations)}`).toBe(0);
}
