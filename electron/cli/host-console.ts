// The headless host's console on standard input: one line at a time to console-commands.ts, one reply
// each, in order (a command that stores settings is waited for before the next line). On a terminal,
// Node's readline gives line editing, history and Tab completion of names, and the prompt stays below
// what the room prints. The end of the input closes the console, not the room.
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { RoomHost } from '../room/room-host.js';
import { complete, runLine } from './console-commands.js';

export interface HostConsoleOptions {
  host: RoomHost;
  input: NodeJS.ReadableStream;
  /** Where the prompt and the echo go on a terminal (standard output). */
  output: NodeJS.WriteStream;
  /** A terminal: line editing, Tab completion, a prompt. Piped input is read line by line, silently. */
  terminal: boolean;
  /** Where replies go (the CLI's line writer, so they keep their order with the room's lines). */
  print: (line: string) => void;
  /** The room's chat lines are printed: a message sent needs no reply of its own. */
  chatShown: boolean;
  /** Ctrl-C at the prompt (readline takes it from the process). */
  onInterrupt: () => void;
}

const PROMPT = '> ';

export class HostConsole {
  private readonly lines: Interface;
  private pending: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: HostConsoleOptions) {
    const { host, input, output, terminal } = options;
    this.lines = createInterface({
      input,
      output: terminal ? output : undefined,
      terminal,
      completer: terminal ? (line: string) => complete(host, line) : undefined,
    });
    this.lines.setPrompt(PROMPT);
    this.lines.on('line', (line) => {
      this.pending = this.pending.then(() => this.answer(line));
    });
    this.lines.on('SIGINT', options.onInterrupt);
    this.lines.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      void this.pending.then(() => options.print('The console is closed; the room keeps running (Ctrl-C or SIGTERM stops it).'));
    });
    if (terminal) this.lines.prompt();
  }

  /** Writes `text` (whole lines) to the terminal above the prompt, then draws the prompt again. */
  writeAbove(text: string): void {
    const { output, terminal } = this.options;
    if (!terminal || this.closed) {
      output.write(text);
      return;
    }
    clearLine(output, 0);
    cursorTo(output, 0);
    output.write(text);
    this.lines.prompt(true);
  }

  close(): void {
    this.closed = true;
    this.lines.close();
  }

  private async answer(line: string): Promise<void> {
    const reply = await runLine(this.options.host, line, this.options.chatShown);
    if (reply !== null) this.options.print(reply);
    else if (this.options.terminal && !this.closed) this.lines.prompt();
    // One line per turn of the event loop: what it did (chat, leaves) is printed before the next one's.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
