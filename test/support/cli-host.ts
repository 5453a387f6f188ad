// The headless host (`dist/electron/cli.js`) as a child process: start it, wait for what it prints,
// signal it, wait for its exit. Tests must `npx tsc -b` (or `npm test`, which builds) first.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../dist/electron/cli.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];
  private exit: Exit | null = null;

  /**
   * Runs `command args` (default `node cli.js args`) with the repository as the working directory.
   * `group` starts it in a process group of its own, as a terminal would, for `signalGroup`.
   */
  constructor(
    args: readonly string[],
    command: string = process.execPath,
    commandArgs: readonly string[] = [cliPath],
    private readonly group = false,
    /** 'pipe': standard input is a pipe the test writes to (`type`, `endInput`); default none. */
    stdin: 'ignore' | 'pipe' = 'ignore',
  ) {
    this.child = spawn(command, [...commandArgs, ...args], { cwd: repoRoot, stdio: [stdin, 'pipe', 'pipe'], detached: group });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exit = { code, signal };
        this.notify();
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exit === null;
  }

  /**
   * Resolves with the first match in stdout+stderr (from `stdoutFrom` on: standard output only, past
   * that offset); rejects when the process exits or time runs out.
   */
  waitFor(pattern: RegExp, timeoutMs = 10_000, stdoutFrom?: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      const check = () => {
        const match = (stdoutFrom === undefined ? this.stdout + this.stderr : this.stdout.slice(stdoutFrom)).match(pattern);
        if (!match && this.exit === null) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        if (match) resolve(match);
        else
          reject(
            new Error(`exited (${JSON.stringify(this.exit)}) before printing ${pattern}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`),
          );
      };
      this.waiters.push(check);
      check();
    });
  }

  /** Waits for the `listening on http://host:port/` line and returns the port. */
  async listeningPort(): Promise<number> {
    const [, port] = await this.waitFor(/listening on http:\/\/[^\s]+:(\d+)\//);
    return Number(port);
  }

  /** Writes `line` and a newline to standard input (started with `stdin: 'pipe'`). */
  type(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** Ends standard input, as Ctrl-D or the end of a piped file does. */
  endInput(): void {
    this.child.stdin!.end();
  }

  /**
   * Types `line` and resolves with the first match of `reply` in what standard output prints from then
   * on (the console's answer); rejects when the process exits or time runs out.
   */
  ask(line: string, reply: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const from = this.stdout.length;
    this.type(line);
    return this.waitFor(reply, timeoutMs, from);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** What Ctrl-C in a terminal does: the signal goes to every process of the group. */
  signalGroup(signal: NodeJS.Signals): void {
    if (this.running) process.kill(-this.pid, signal);
  }

  /** For afterEach: ends the process (its whole group, when it has one) if a test left it running. */
  async stop(): Promise<void> {
    if (!this.running) return;
    if (this.group) process.kill(-this.pid, 'SIGKILL');
    else this.child.kill('SIGKILL');
    await this.exited;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Runs the CLI to completion (export, --help). */
export async function runCli(args: readonly string[]): Promise<{ stdout: string; stderr: string } & Exit> {
  const cli = new CliProcess(args);
  const exit = await cli.exited;
  return { stdout: cli.stdout, stderr: cli.stderr, ...exit };
}
