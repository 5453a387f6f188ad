// The Linux autostart entry on real files: where it goes, what it says, and an Exec line that gives back
// exactly the program and arguments, however odd the install path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { autostartDir, autostartPath, desktopEntry, execLine, setAutostart } from '../../../electron/app/linux-autostart.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-autostart-');

/** GLib's `gio`, whose launcher reads desktop entries the way GNOME and most sessions do. */
const gio = spawnSync('gio', ['version'], { encoding: 'utf8' }).status === 0;
if (!gio) console.log("[skip] launching the autostart entry with GLib's launcher: `gio` is not installed here.");

const entry = {
  id: 'lan-chat',
  name: 'LAN Chat',
  comment: 'Host a chat room on your local network',
  command: ['/opt/LAN Chat/lan-chat', '--start-in-tray'],
};

/**
 * What a desktop session makes of an Exec value, by the Desktop Entry spec: first the string escapes
 * (`\\` is one backslash), then the quoting (in double quotes a backslash escapes the next character),
 * then `%%` is a `%`.
 */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\(.)/g, (_, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r' })[c] ?? c);
  const args: string[] = [];
  let arg: string | null = null;
  for (let i = 0; i < unescaped.length; i++) {
    const c = unescaped[i]!;
    if (c === ' ') {
      if (arg !== null) args.push(arg);
      arg = null;
    } else if (c === '"') {
      arg ??= '';
      for (i++; unescaped[i] !== '"'; i++) {
        if (i >= unescaped.length) throw new Error(`unterminated quote in ${value}`);
        arg += unescaped[i] === '\\' ? unescaped[++i] : unescaped[i];
      }
    } else {
      arg = (arg ?? '') + c;
    }
  }
  if (arg !== null) args.push(arg);
  return args.map((a) => a.replaceAll('%%', '%'));
}

describe('autostartDir', () => {
  it('is $XDG_CONFIG_HOME/autostart, or ~/.config/autostart without it or with a relative one', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/home/ana/.cfg' }, '/home/ana')).toBe('/home/ana/.cfg/autostart');
    expect(autostartDir({}, '/home/ana')).toBe('/home/ana/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ana')).toBe('/home/ana/.config/autostart');
  });
});

describe('execLine', () => {
  it('leaves plain arguments alone and quotes the rest as the spec says', () => {
    expect(execLine(['/usr/bin/lan-chat', '--start-in-tray'])).toBe('/usr/bin/lan-chat --start-in-tray');
    expect(execLine(['/opt/LAN Chat/lan-chat'])).toBe('"/opt/LAN Chat/lan-chat"');
    expect(execLine(['/tmp/100%/x'])).toBe('/tmp/100%%/x');
    // A backslash inside quotes is escaped for the quoting, then again for the string: four in the file.
    expect(execLine(['/a b\\c'])).toBe('"/a b\\\\\\\\c"');
  });

  it.each([
    [['/opt/LAN Chat/lan-chat', '--start-in-tray']],
    [['/home/ana/Apps/LAN "Chat" $HOME `x`/app.AppImage']],
    [["/home/o'neil/a;b|c&d>e<f~g*h?i#j(k)l/lan-chat"]],
    [['/tmp/100% sure\\dir/lan-chat', '']],
    [['/home/张伟/应用/LAN Chat.AppImage', '--start-in-tray']],
  ])('gives back exactly %j', (command) => {
    expect(parseExec(execLine(command))).toEqual(command);
  });

  it('refuses what an Exec line cannot hold', () => {
    expect(() => execLine([])).toThrow(RangeError);
    expect(() => execLine(['/opt/a\nb'])).toThrow(/control character/);
  });
});

describe.skipIf(!gio)("the entry, launched by GLib's own launcher", () => {
  it('starts exactly the program and arguments, odd characters and all', async () => {
    const dir = tempDir();
    const odd = join(dir, 'LAN "Chat" $HOME 100% (x86)');
    mkdirSync(odd);
    const recorder = join(odd, 'record argv.mjs');
    const out = join(dir, 'argv.json');
    writeFileSync(
      recorder,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(out)}, JSON.stringify(process.argv.slice(2)));\n`,
    );
    const args = ['--start-in-tray', `o'neil;|&<>~*?#\`tick\` back\\slash`, '张伟', ''];
    setAutostart(true, dir, { ...entry, command: [process.execPath, recorder, ...args] });

    const launched = spawnSync('gio', ['launch', autostartPath(dir, 'lan-chat')], { encoding: 'utf8', timeout: 10_000 });
    expect(launched.stderr).toBe('');
    const argv = await vi.waitFor(() => JSON.parse(readFileSync(out, 'utf8')) as string[], { timeout: 10_000 });
    expect(argv).toEqual(args);
  });
});

describe('setAutostart', () => {
  it('writes the entry into a folder it creates, and removes it again', () => {
    const dir = join(tempDir(), 'config', 'autostart');
    setAutostart(true, dir, entry);
    const path = autostartPath(dir, 'lan-chat');
    expect(readFileSync(path, 'utf8')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=LAN Chat',
        'Comment=Host a chat room on your local network',
        'Exec="/opt/LAN Chat/lan-chat" --start-in-tray',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
    setAutostart(false, dir, entry);
    expect(existsSync(path)).toBe(false);
    // Removing what is not there is fine.
    setAutostart(false, dir, entry);
  });

  it('replaces an older entry (the app moved)', () => {
    const dir = tempDir();
    writeFileSync(autostartPath(dir, 'lan-chat'), desktopEntry({ ...entry, command: ['/old/place/lan-chat'] }));
    setAutostart(true, dir, entry);
    expect(readFileSync(autostartPath(dir, 'lan-chat'), 'utf8')).toContain('Exec="/opt/LAN Chat/lan-chat" --start-in-tray\n');
  });

  it('throws when the folder cannot be made', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    expect(() => setAutostart(true, join(file, 'autostart'), entry)).toThrow();
  });
});
