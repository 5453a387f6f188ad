// What the headless host's console understands: a line of text is the host's message, a line starting
// with `/` a command. Each answers with one line that confirms or says what was wrong. People are named
// as they appear (case does not matter, a unique beginning is enough; quotes keep a name with spaces
// apart from the minutes after it).
import { messageOf } from '../../common/errors.js';
import type { ClientInfo } from '../../common/host-view.js';
import type { RoomHost } from '../room/room-host.js';
import { printable } from './printable.js';

interface Command {
  usage: string;
  help: string;
  /** `args`: the rest of the line, trimmed. */
  run(host: RoomHost, args: string): string | Promise<string>;
  /** What Tab completes after the command (names), when it takes one. */
  completes?: (host: RoomHost) => string[];
}

const people = (host: RoomHost) => host.room.clients().map((c) => c.name);
const waiting = (host: RoomHost) => host.room.moderationState().waiting.map((w) => w.name);

const COMMANDS: Record<string, Command> = {
  help: {
    usage: '/help [command]',
    help: 'lists the commands, or explains one',
    run: (_host, args) => help(args),
    completes: () => Object.keys(COMMANDS),
  },
  who: {
    usage: '/who',
    help: 'who is here, who waits, and how the room is set',
    run: (host) => who(host),
  },
  kick: {
    usage: '/kick <name>',
    help: 'removes someone now; they may join again',
    completes: people,
    run: (host, args) =>
      withPerson(host, args, 'kick', (client) =>
        host.room.kick(client.id) ? `Removed ${client.name}; they may join again.` : gone(client),
      ),
  },
  ban: {
    usage: '/ban <name> [minutes]',
    help: 'removes someone (and everyone from their address) and keeps them out for the minutes given, or until /unban',
    completes: people,
    run: (host, args) =>
      withMinutes(host, args, 'ban', (client, minutes) => {
        const ban = host.room.ban(client.id, minutes);
        return ban === null ? gone(client) : `Banned ${client.name} (${ban.address}) ${forHowLong(minutes, 'unban')}.`;
      }),
  },
  unban: {
    usage: '/unban <name>|all',
    help: 'lifts a ban, or all of them',
    completes: (host) => [...host.room.moderationState().bans.map((b) => b.name), 'all'],
    run: (host, args) => {
      const bans = host.room.moderationState().bans;
      if (bans.length === 0) return 'Nobody is banned.';
      if (args.toLowerCase() === 'all') return `Lifted ${count(host.room.unbanAll(), 'ban')}.`;
      const found = pick(args, bans, 'banned', '/unban <name>|all');
      if (typeof found === 'string') return found;
      host.room.unban(found.id);
      return `Lifted the ban on ${printable(found.name)}; they may join again.`;
    },
  },
  mute: {
    usage: '/mute <name> [minutes]',
    help: 'someone stays and reads but cannot send, for the minutes given or until /unmute',
    completes: people,
    run: (host, args) =>
      withMinutes(host, args, 'mute', (client, minutes) =>
        host.room.mute(client.id, minutes) === null ? gone(client) : `Muted ${client.name} ${forHowLong(minutes, 'unmute')}.`,
      ),
  },
  unmute: {
    usage: '/unmute <name>',
    help: 'lets someone muted send again',
    completes: (host) => mutes(host).map((m) => m.name),
    run: (host, args) => {
      const muted = mutes(host);
      if (muted.length === 0) return 'Nobody is muted.';
      const found = pick(args, muted, 'muted', '/unmute <name>');
      if (typeof found === 'string') return found;
      host.room.unmute(found.id);
      return `Unmuted ${printable(found.name)}.`;
    },
  },
  lock: {
    usage: '/lock',
    help: 'nobody new gets in; those here stay and may reconnect',
    run: (host) => (host.room.setLocked(true) ? 'Locked: nobody new can join; those here stay.' : 'The room is locked already.'),
  },
  unlock: {
    usage: '/unlock',
    help: 'newcomers may join again',
    run: (host) => (host.room.setLocked(false) ? 'Unlocked: newcomers can join.' : 'The room is not locked.'),
  },
  approve: {
    usage: '/approve <name>|all',
    help: 'lets someone in from the waiting room, or everyone waiting',
    completes: (host) => [...waiting(host), 'all'],
    run: (host, args) => fromWaitingRoom(host, args, 'approve'),
  },
  deny: {
    usage: '/deny <name>|all',
    help: 'turns someone (or everyone) in the waiting room away',
    completes: (host) => [...waiting(host), 'all'],
    run: (host, args) => fromWaitingRoom(host, args, 'deny'),
  },
  waiting: {
    usage: '/waiting on|off',
    help: 'newcomers wait until you /approve them; off lets everyone waiting in',
    completes: () => ['on', 'off'],
    run: (host, args) => {
      const on = onOff(args);
      if (on === null) return 'Say /waiting on or /waiting off.';
      const letIn = on ? 0 : host.room.moderationState().waiting.length;
      if (!host.room.setWaitingRoom(on)) return `The waiting room is ${on ? 'on' : 'off'} already.`;
      return on ? 'Waiting room on: newcomers wait for /approve.' : `Waiting room off; ${count(letIn, 'person', 'people')} let in.`;
    },
  },
  slow: {
    usage: '/slow <seconds>|off',
    help: 'each guest may send one message per that many seconds (you are exempt)',
    completes: () => ['off'],
    run: (host, args) => {
      const seconds = args.toLowerCase() === 'off' ? 0 : wholeNumber(args);
      if (seconds === null) return 'Say /slow <seconds> (1 to 3600) or /slow off.';
      try {
        const changed = host.room.setSlowMode(seconds);
        if (seconds === 0) return changed ? 'Slow mode off.' : 'Slow mode is off already.';
        return `Slow mode: one message every ${seconds} s per guest.`;
      } catch (error) {
        return `Not changed: ${messageOf(error)}.`;
      }
    },
  },
  pin: {
    usage: '/pin <pin>|off [remove]',
    help: 'sets, changes or removes the PIN; sessions without the new PIN end, and "remove" also takes out those here without it',
    completes: () => ['off'],
    run: async (host, args) => {
      const [value = '', choice = '', ...extra] = args.split(/\s+/);
      if (value === '' || extra.length > 0 || (choice !== '' && choice.toLowerCase() !== 'remove')) {
        return 'Say /pin <pin>, /pin <pin> remove, or /pin off.';
      }
      const pin = value.toLowerCase() === 'off' ? null : value;
      try {
        await host.updateSettings({ pin }, { removeConnected: choice !== '' });
      } catch (error) {
        return `Not changed: ${messageOf(error)}.`;
      }
      if (pin === null) return 'PIN removed: anyone on the network can join.';
      return choice !== ''
        ? `PIN is now ${pin}; everyone here without it was taken out.`
        : `PIN is now ${pin}; people here stay, but must give it if they drop (/pin ${pin} remove takes them out now).`;
    },
  },
  name: {
    usage: '/name <room name>',
    help: 'renames the room for everyone at once',
    run: async (host, args) => {
      if (args === '') return 'Say /name <room name>.';
      try {
        const { roomName } = await host.updateSettings({ roomName: args });
        return `The room is now called ${printable(roomName)}.`;
      } catch (error) {
        return `Not renamed: ${messageOf(error)}.`;
      }
    },
  },
  remove: {
    usage: '/remove <#number>',
    help: 'removes one message (its number is shown as #12 in the chat lines) for everyone',
    run: (host, args) => {
      const seq = wholeNumber(args.replace(/^#/, ''));
      if (seq === null) return 'Say /remove <#number>, the number shown in the chat line.';
      return host.room.removeMessage(seq) ? `Removed message #${seq}.` : `No message #${seq} to remove (too old, or removed already).`;
    },
  },
  clear: {
    usage: '/clear',
    help: "deletes the chat history, here and in the room's storage",
    run: (host) => {
      host.room.clearHistory();
      return 'History cleared.';
    },
  },
};

/**
 * The reply to one line of the console; an empty line has none, and neither has a message sent when
 * `chatShown` (the chat line the room prints is the reply).
 */
export function runLine(host: RoomHost, line: string, chatShown = false): string | null | Promise<string> {
  const trimmed = line.trim();
  if (trimmed === '') return null;
  if (!trimmed.startsWith('/')) {
    try {
      const { seq } = host.room.send(line);
      return chatShown ? null : `Sent as #${seq}.`;
    } catch (error) {
      return `Not sent: ${messageOf(error)}.`;
    }
  }
  const [, name = '', rest = ''] = /^\/(\S*)\s*(.*)$/s.exec(trimmed)!;
  const command = COMMANDS[name.toLowerCase()];
  if (command === undefined) return `Unknown command /${printable(name)}; /help lists them.`;
  return command.run(host, rest.trim());
}

/** Tab completion: command names after `/`, then what the command takes (names). */
export function complete(host: RoomHost, line: string): [string[], string] {
  const match = /^\/(\S*)$/.exec(line);
  if (match) {
    const hits = Object.keys(COMMANDS)
      .filter((c) => c.startsWith(match[1]!.toLowerCase()))
      .map((c) => `/${c}`);
    return [hits, line];
  }
  const args = /^\/(\S+)\s+(.*)$/s.exec(line);
  const command = args ? COMMANDS[args[1]!.toLowerCase()] : undefined;
  if (!args || command?.completes === undefined) return [[], line];
  const typed = args[2]!.replace(/^"/, '');
  const hits = command.completes(host).filter((name) => name.toLowerCase().startsWith(typed.toLowerCase()));
  // A name with spaces goes in quotes, so minutes typed after it are told apart.
  return [hits.map((name) => (/\s/.test(name) ? `"${name}"` : name)), args[2]!];
}

function help(args: string): string {
  const name = args.replace(/^\//, '').toLowerCase();
  if (name === '') {
    return `Commands: ${Object.values(COMMANDS)
      .map((c) => c.usage)
      .join(', ')}. A line without / is sent as your message; /help <command> explains one; Tab completes names.`;
  }
  const command = COMMANDS[name];
  return command === undefined ? `No command /${printable(name)}; /help lists them.` : `${command.usage}: ${command.help}.`;
}

function who(host: RoomHost): string {
  const { room } = host;
  const { waiting: inLine, locked, waitingRoom, slowModeSeconds } = room.moderationState();
  const names = room.clients().map((c) => `${printable(c.name)}${c.kind === 'raw' ? ' [raw]' : ''}${c.muted ? ' [muted]' : ''}`);
  const parts = [`Here: ${[`${printable(room.settings().hostName)} (you)`, ...names].join(', ')}`];
  if (waitingRoom || inLine.length > 0) parts.push(`waiting: ${inLine.map((w) => printable(w.name)).join(', ') || 'nobody'}`);
  if (locked) parts.push('locked');
  if (slowModeSeconds > 0) parts.push(`slow mode ${slowModeSeconds} s`);
  return `${parts.join(' · ')}.`;
}

function withPerson(host: RoomHost, args: string, command: string, act: (client: ClientInfo) => string): string {
  const found = pick(args, host.room.clients(), 'here', `/${command} <name>`);
  return typeof found === 'string' ? found : act({ ...found, name: printable(found.name) });
}

/** `<name> [minutes]`: a name that is someone's whole name wins over a name and minutes. */
function withMinutes(host: RoomHost, args: string, command: string, act: (client: ClientInfo, minutes: number | null) => string): string {
  const clients = host.room.clients();
  const quoted = /^"([^"]*)"\s*(.*)$/.exec(args);
  let name = quoted ? quoted[1]! : args;
  let minutesText = quoted ? quoted[2]! : '';
  const split = /^(.*\S)\s+(\S+)$/.exec(args);
  if (!quoted && split && !clients.some((c) => c.name.toLowerCase() === args.toLowerCase()) && /^\d+$/.test(split[2]!)) {
    [name, minutesText] = [split[1]!, split[2]!];
  }
  const minutes = minutesText === '' ? null : wholeNumber(minutesText);
  if (minutes === null && minutesText !== '') return `Minutes must be a whole number: /${command} <name> [minutes].`;
  const found = pick(name, clients, 'here', `/${command} <name> [minutes]`);
  if (typeof found === 'string') return found;
  try {
    return act({ ...found, name: printable(found.name) }, minutes);
  } catch (error) {
    return `Not done: ${messageOf(error)}.`;
  }
}

function fromWaitingRoom(host: RoomHost, args: string, command: 'approve' | 'deny'): string {
  const list = host.room.moderationState().waiting;
  if (list.length === 0) return 'Nobody is waiting.';
  const act = (id: string) => (command === 'approve' ? host.room.admit(id) : host.room.turnAway(id));
  if (args.toLowerCase() === 'all') {
    const done = list.filter((w) => act(w.id)).length;
    return command === 'approve' ? `Let ${count(done, 'person', 'people')} in.` : `Turned ${count(done, 'person', 'people')} away.`;
  }
  const found = pick(args, list, 'waiting', `/${command} <name>|all`);
  if (typeof found === 'string') return found;
  act(found.id);
  return command === 'approve' ? `Let ${printable(found.name)} in.` : `Turned ${printable(found.name)} away.`;
}

/**
 * The one of `list` called `wanted` (ignoring case), or the only one whose name starts so; otherwise
 * the reply that says why not.
 */
function pick<T extends { name: string }>(wanted: string, list: readonly T[], where: string, usage: string): T | string {
  const name = wanted.replace(/^"(.*)"$/, '$1').trim();
  if (name === '') return `Say whom: ${usage}.`;
  const lower = name.toLowerCase();
  const exact = list.filter((item) => item.name.toLowerCase() === lower);
  if (exact.length === 1) return exact[0]!;
  const starts = exact.length > 1 ? exact : list.filter((item) => item.name.toLowerCase().startsWith(lower));
  if (starts.length === 1) return starts[0]!;
  if (starts.length > 1) return `Which one? ${starts.map((item) => printable(item.name)).join(', ')}.`;
  const known = list.map((item) => printable(item.name)).join(', ');
  return `Nobody called "${printable(name)}" is ${where}${known === '' ? '' : ` (${where}: ${known})`}.`;
}

/** The mutes that can be lifted: someone here by the name they have now, a stored mute by the name it was given under. */
function mutes(host: RoomHost): { id: string; name: string }[] {
  const byId = new Map<string, { id: string; name: string }>();
  for (const c of host.room.clients()) if (c.muted) byId.set(c.muted.id, { id: c.muted.id, name: c.name });
  for (const m of host.room.moderationState().mutes) if (!byId.has(m.id)) byId.set(m.id, m);
  return [...byId.values()];
}

function gone(client: ClientInfo): string {
  return `${client.name} has just left.`;
}

function forHowLong(minutes: number | null, lift: string): string {
  return minutes === null ? `until you /${lift} them` : `for ${count(minutes, 'minute')}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function onOff(text: string): boolean | null {
  const word = text.toLowerCase();
  return word === 'on' ? true : word === 'off' ? false : null;
}

function wholeNumber(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}
