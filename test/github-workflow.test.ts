// .github/workflows/ci.yml cannot run here (no GitHub runners, no Electron download), so it is checked
// the way GitHub reads it: parsed and validated by GitHub's own workflow parser and schema
// (@actions/workflow-parser, the one behind the Actions language service), then the parts we rely on
// are checked in the plain YAML: the three operating systems, lint before the tests, the end-to-end
// test under Xvfb on Linux, a Node that Electron accepts, and installers only for a version tag.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = readFileSync(`${ROOT}.github/workflows/ci.yml`, 'utf8');

/** Every problem GitHub's parser finds in a workflow: schema errors, then conversion errors. */
async function workflowErrors(content: string): Promise<string[]> {
  const result = parseWorkflow({ name: 'ci.yml', content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || result.value === undefined) return errors;
  const template = await convertWorkflowTemplate(result.context, result.value);
  return (template.errors ?? []).map((error) => error.Message);
}

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  'runs-on': string;
  strategy: { matrix: { os: string[] } };
  steps: Step[];
}
const workflow = parse(SOURCE) as { on: Record<string, { tags?: string[]; branches?: string[] } | null>; jobs: Record<string, Job> };
const { test, installers } = workflow.jobs as { test: Job; installers: Job };
const OSES = ['ubuntu-latest', 'windows-latest', 'macos-latest'];
const runs = (job: Job) => job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));

describe('the CI workflow', () => {
  it("passes GitHub's workflow parser and schema", async () => {
    expect(await workflowErrors(SOURCE)).toEqual([]);
  });

  it.each([
    ['a misspelt key', SOURCE.replace('runs-on:', 'run-on:'), /Unexpected value 'run-on'/],
    [
      'a context GitHub does not offer there',
      SOURCE.replace('    strategy:', '    env:\n      OS: ${{ runner.os }}\n    strategy:'),
      /named-value: 'runner'/,
    ],
    ['a job that needs an unknown job', SOURCE.replace('needs: test', 'needs: tests'), /unknown job 'tests'/],
  ])('would fail that check with %s', async (_what, broken, message) => {
    expect(broken).not.toBe(SOURCE);
    expect((await workflowErrors(broken)).join('\n')).toMatch(message);
  });

  it('lints, then tests, on Linux, Windows and macOS', () => {
    expect(test.strategy.matrix.os).toEqual(OSES);
    expect(test['runs-on']).toBe('${{ matrix.os }}');
    const commands = runs(test);
    const lint = commands.indexOf('npm run lint');
    expect(commands.indexOf('npm ci')).toBeGreaterThanOrEqual(0);
    expect(lint).toBeGreaterThan(commands.indexOf('npm ci'));
    const tests = commands.map((command, index) => ({ command, index })).filter(({ command }) => /\bnpm test\b/.test(command));
    expect(tests.length).toBe(2);
    for (const { index } of tests) expect(index).toBeGreaterThan(lint);
  });

  it('runs the suite with the Electron binary under Xvfb on Linux, and without it elsewhere', () => {
    const linux = test.steps.find((step) => step.if === "runner.os == 'Linux'");
    const others = test.steps.find((step) => step.if === "runner.os != 'Linux'");
    expect(linux?.run).toMatch(/npx --no install-electron[\s\S]*xvfb-run .*npm test/);
    expect(others?.run).toBe('npm test');
    // The e2e test is part of the suite; the page tests get a Chromium through CHROMIUM_PATH.
    expect(readFileSync(`${ROOT}test/electron/e2e.test.ts`, 'utf8')).toContain('node_modules/electron');
    expect(runs(test).join('\n')).toMatch(/CHROMIUM_PATH=/);
  });

  it('uses a Node that Electron, the build and the engines field accept', () => {
    const engines = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { engines: { node: string } }).engines.node;
    const minimum = /^>=(\d+)\.(\d+)\.\d+$/.exec(engines);
    expect(minimum, `engines.node is ${engines}`).not.toBeNull();
    for (const job of [test, installers]) {
      const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
      // A major alone means its newest release, which is past any minimum within that major.
      expect(String(setup?.with?.['node-version'])).toMatch(/^\d+$/);
      expect(Number(setup?.with?.['node-version'])).toBeGreaterThanOrEqual(Number(minimum![1]));
    }
  });

  it('builds the installers as artifacts for a version tag only, after the tests pass', () => {
    expect(workflow.on.push?.tags).toEqual(['v*']);
    expect(installers.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(installers.needs).toBe('test');
    expect(installers.strategy.matrix.os).toEqual(OSES);
    expect(runs(installers)).toContain('npm run dist -- --publish never');
    const upload = installers.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    // What electron-builder.yml makes: AppImage and deb, NSIS (.exe), dmg, all in release/.
    const builder = readFileSync(`${ROOT}electron-builder.yml`, 'utf8');
    expect(builder).toMatch(/output: release/);
    for (const target of ['AppImage', 'deb', 'nsis', 'dmg']) expect(builder).toContain(`- ${target}`);
    expect(String(upload?.with?.path).split('\n').filter(Boolean)).toEqual([
      'release/*.AppImage',
      'release/*.deb',
      'release/*.exe',
      'release/*.dmg',
    ]);
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });
});
