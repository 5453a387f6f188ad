// "Start when I log in" on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<name>.desktop`
// (~/.config/autostart without XDG_CONFIG_HOME), which desktop sessions run at login. Plain Node: no
// electron here, tested on real files in a temporary folder.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export interface AutostartEntry {
  /** File name without `.desktop`. */
  id: string;
  /** What the session shows for it. */
  name: string;
  comment: string;
  /** The program and its arguments. */
  command: readonly string[];
}

/** The autostart folder: `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart` (a relative XDG path is ignored, as the spec says). */
export function autostartDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME;
  return join(configHome !== undefined && isAbsolute(configHome) ? configHome : join(home, '.config'), 'autostart');
}

export function autostartPath(dir: string, id: string): string {
  return join(dir, `${id}.desktop`);
}

/** Writes (enabled) or removes (disabled) the entry in `dir`. Throws when the folder cannot be written. */
export function setAutostart(enabled: boolean, dir: string, entry: AutostartEntry): void {
  const path = autostartPath(dir, entry.id);
  if (!enabled) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, desktopEntry(entry));
}

export function desktopEntry({ name, comment, command }: AutostartEntry): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${stringValue(name)}`,
    `Comment=${stringValue(comment)}`,
    `Exec=${execLine(command)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Characters that make the Desktop Entry spec ask for an argument in double quotes. */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * The `Exec` value for `command`, by the Desktop Entry spec: an argument with a reserved character goes
 * in double quotes with `"`, `` ` ``, `$` and `\` escaped by a backslash; `%` is doubled (it starts a
 * field code); then the value's own escaping doubles every backslash again.
 */
export function execLine(command: readonly string[]): string {
  if (command.length === 0) throw new RangeError('the autostart command is empty');
  return stringValue(
    command
      .map((arg) => {
        // A line break or other control character cannot be written in an Exec line at all.
        if (/[\u0000-\u001f\u007f]/.test(arg))
          throw new RangeError(`the autostart command has a control character: ${JSON.stringify(arg)}`);
        const escaped = arg.replaceAll('%', '%%');
        return escaped === '' || RESERVED.test(escaped) ? `"${escaped.replace(/["`$\\]/g, '\\$&')}"` : escaped;
      })
      .join(' '),
  );
}

/** A value of type string: backslashes doubled, line breaks escaped (names come from the app). */
function stringValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t');
}
