// The console's commands against a real room host in this process: how people are named, how minutes
// are told from names, what Tab completes, and a terminal session with line editing.
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { HostConsole } from '../../../electron/cli/host-console.js';
import { complete, runLine } from '../../../electron/cli/console-commands.js';
import { RoomHost } from '../../../electron/room/room-host.js';
import { useCleanups } from '../../support/cleanup.js';
import { richClient, stopAll } from '../../support/room-fixture.js';

const { defer } = useCleanups('lan-chat-commands-');
afterEach(stopAll);

async function hostWith(...names: string[]): Promise<RoomHost> {
  const host = new RoomHost({ bindAddress: '127.0.0.1', port: 0, onEvent: () => {}, events: [] });
  defer(() => host.stop());
  await host.start();
  const url = `ws://127.0.0.1:${host.status().port}/`;
  for (const [i, name] of names.entries()) await richClient(url, { name }, { localAddress: `127.0.0.${i + 2}` });
  return host;
}

describe('runLine', () => {
  it('names people by their whole name or a unique beginning, any case, and says who is meant when unsure', async () => {
    const host = await hostWith('Ann', 'Anna', 'Bob Smith');
    expect(runLine(host, '/mute ann')).toBe('Muted Ann until you /unmute them.');
    expect(runLine(host, '/mute an')).toBe('Which one? Ann, Anna.');
    expect(runLine(host, '/mute "bob s" 3')).toBe('Muted Bob Smith for 3 minutes.');
    expect(runLine(host, '/ban Bob Smith 2')).toBe('Banned Bob Smith (127.0.0.4) for 2 minutes.');
    expect(runLine(host, '/ban anna 0')).toBe('Not done: minutes must be a whole number from 1 to 525600, or none for "until lifted".');
    expect(runLine(host, '/ban anna soon')).toBe('Nobody called "anna soon" is here (here: Ann, Anna).');
    expect(runLine(host, '/kick')).toBe('Say whom: /kick <name>.');
    expect(runLine(host, '   ')).toBeNull();
    expect(runLine(host, 'hi', true)).toBeNull();
    expect(runLine(host, 'hi')).toBe('Sent as #2.');
    expect(runLine(host, 'x'.repeat(20_000))).toBe('Not sent: the message is 20000 bytes; the limit is 16384.');
  });

  it('lifts a mute by the name it was given under or the name now', async () => {
    const host = await hostWith('Ann');
    runLine(host, '/mute ann');
    expect(runLine(host, '/unmute ANN')).toBe('Unmuted Ann.');
    expect(runLine(host, '/unmute ann')).toBe('Nobody is muted.');
  });
});

describe('complete', () => {
  it('completes commands, then names (quoted when they hold a space), then words a command takes', async () => {
    const host = await hostWith('Ann', 'Bob Smith');
    expect(complete(host, '/un')).toEqual([['/unban', '/unmute', '/unlock'], '/un']);
    expect(complete(host, '/kick b')).toEqual([['"Bob Smith"'], 'b']);
    expect(complete(host, '/ban ')).toEqual([['Ann', '"Bob Smith"'], '']);
    expect(complete(host, '/waiting o')).toEqual([['on', 'off'], 'o']);
    expect(complete(host, '/lock x')).toEqual([[], '/lock x']);
    expect(complete(host, 'plain text')).toEqual([[], 'plain text']);
  });
});

describe('HostConsole on a terminal', () => {
  it('edits the line, completes a name with Tab, answers above the prompt', async () => {
    const host = await hostWith('Alice');
    const input = new PassThrough();
    let screen = '';
    const output = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          screen += String(chunk);
          done();
        },
      }),
      { isTTY: true, columns: 120, rows: 30 },
    ) as unknown as NodeJS.WriteStream;
    const replies: string[] = [];
    const shell = new HostConsole({
      host,
      input,
      output,
      terminal: true,
      print: (line) => replies.push(line),
      chatShown: false,
      onInterrupt: () => {},
    });
    defer(() => shell.close());
    expect(screen).toContain('> ');
    input.write('/kick Al\t');
    await expect.poll(() => screen).toContain('/kick Alice');
    input.write('\r');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(replies).toEqual(['Removed Alice; they may join again.']);
    shell.writeAbove('- Alice left (kicked)\n');
    // The line is cleared, the room's line written, the prompt drawn again below it.
    expect(screen.lastIndexOf('> ')).toBeGreaterThan(screen.lastIndexOf('- Alice left (kicked)\n'));
    expect(screen).toMatch(/\x1b\[2K\r?(\x1b\[1G)?- Alice left \(kicked\)\n/);
  });
});
