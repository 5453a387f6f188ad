// The headless host's console, as a script drives it: `serve --console` with commands on a pipe, real
// guests connected over ws, one reply line per command, and the effect on the guests at once.
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type ErrorMessage, type ServerMessage } from '../../../common/protocol.js';
import { cliPath, CliProcess } from '../../support/cli-host.js';
import { useCleanups } from '../../support/cleanup.js';
import { Client, handshakeAnswer, richClient, stopAll } from '../../support/room-fixture.js';

const { defer, tempDir } = useCleanups('lan-chat-console-');
afterEach(stopAll);

/** `serve --console` with a pipe for standard input; resolves with it and the room's ws URL. */
async function serve(...args: string[]): Promise<{ cli: CliProcess; url: string }> {
  const cli = new CliProcess(
    ['serve', '--host', '127.0.0.1', '--port', '0', '--console', ...args],
    process.execPath,
    [cliPath],
    false,
    'pipe',
  );
  defer(() => cli.stop());
  const port = await cli.listeningPort();
  await cli.waitFor(/\/help for the commands/);
  return { cli, url: `ws://127.0.0.1:${port}/` };
}

/** A raw lws-minimal client from `localAddress`. */
function rawFrom(url: string, localAddress: string): Promise<Client> {
  return new Client(url, 'lws-minimal', { localAddress }).open();
}

const error = (code: string) => (m: ServerMessage) => m.type === 'error' && m.code === code;

describe('serve --console', () => {
  it('sends text as the host, answers /help and /who in one line, and keeps the room when the input ends', async () => {
    const { cli, url } = await serve();
    const { client: alice } = await richClient(url, { name: 'Alice' });
    const raw = await rawFrom(url, '127.0.0.2');

    await cli.ask('hello from the terminal', /#1 Host \(host\): hello from the terminal\n/);
    expect(await alice.next((m) => m.type === 'chat')).toMatchObject({ text: 'hello from the terminal', from: { kind: 'host' } });
    await raw.until(() => raw.texts().includes('Host: hello from the terminal'));

    const [help] = await cli.ask('/help', /^Commands: .*\n/m);
    for (const usage of [
      '/who',
      '/kick <name>',
      '/ban <name> [minutes]',
      '/unban <name>|all',
      '/mute <name> [minutes]',
      '/unmute <name>',
    ]) {
      expect(help).toContain(usage);
    }
    for (const usage of [
      '/lock',
      '/unlock',
      '/approve <name>|all',
      '/waiting on|off',
      '/slow <seconds>|off',
      '/pin <pin>|off',
      '/name <room name>',
      '/clear',
    ]) {
      expect(help).toContain(usage);
    }
    expect(help.trim().split('\n')).toHaveLength(1);
    await cli.ask('/help mute', /^\/mute <name> \[minutes\]: someone stays and reads but cannot send.*\n/m);
    await cli.ask('/who', /^Here: Host \(you\), Alice, Guest \d \[raw\]\.\n/m);
    await cli.ask('/frobnicate', /^Unknown command \/frobnicate; \/help lists them\.\n/m);

    cli.endInput();
    await cli.waitFor(/The console is closed; the room keeps running/);
    const late = await richClient(url, { name: 'Late' });
    expect(late.welcome.history.map((m) => m.text)).toEqual(['hello from the terminal']);
    cli.signal('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });

  it('kicks, bans (by address, with minutes or until lifted) and unbans, each visible to the guests at once', async () => {
    const { cli, url } = await serve();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: bob } = await richClient(url, { name: 'Bob' }, { localAddress: '127.0.0.2' });
    const raw = await rawFrom(url, '127.0.0.3');

    await cli.ask('/kick bo', /^Removed Bob; they may join again\.\n/m);
    expect((await bob.closed).code).toBe(CloseCode.kicked);
    expect(await watcher.next((m) => m.type === 'leave')).toMatchObject({ reason: 'kicked', participant: { name: 'Bob' } });
    const { client: bobAgain } = await richClient(url, { name: 'Bob' }, { localAddress: '127.0.0.2' });

    await cli.ask('/ban Bob 10', /^Banned Bob \(127\.0\.0\.2\) for 10 minutes\.\n/m);
    expect((await bobAgain.next(error('banned'))) as ErrorMessage).toMatchObject({
      message: 'You are banned from this room for another 10 minutes.',
    });
    expect((await bobAgain.closed).code).toBe(CloseCode.banned);
    expect((await handshakeAnswer(url, 'lws-minimal', { localAddress: '127.0.0.2' })).status).toBe(403);

    const rawName = (await cli.ask('/who', /^Here: Host \(you\), Watcher, (Guest \d+) \[raw\]\.\n/m))[1]!;
    await cli.ask(`/ban "${rawName}"`, new RegExp(`^Banned ${rawName} \\(127\\.0\\.0\\.3\\) until you /unban them\\.\\n`, 'm'));
    expect((await raw.closed).code).toBe(CloseCode.banned);
    await watcher.until(() => watcher.messages().filter((m) => m.type === 'leave' && m.reason === 'banned').length === 2);

    await cli.ask('/unban bob', /^Lifted the ban on Bob; they may join again\.\n/m);
    await richClient(url, { name: 'Bob' }, { localAddress: '127.0.0.2' });
    await cli.ask('/unban all', /^Lifted 1 ban\.\n/m);
    await cli.ask('/unban all', /^Nobody is banned\.\n/m);
    await rawFrom(url, '127.0.0.3');
    await cli.ask('/kick nobody', /^Nobody called "nobody" is here \(here: .*\)\.\n/m);
  });

  it('mutes and unmutes, enforced by the room', async () => {
    const { cli, url } = await serve();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const { client: ann } = await richClient(url, { name: 'Ann Lee' });
    await cli.ask('/mute Ann Lee 5', /^Muted Ann Lee for 5 minutes\.\n/m);
    await cli.waitFor(/\* The host muted Ann Lee for 5 minutes/);
    ann.json({ type: 'chat', text: 'let me speak', clientMsgId: 'x' });
    expect(await ann.next(error('muted'))).toMatchObject({ clientMsgId: 'x' });
    await cli.ask('/who', /Ann Lee \[muted\]/);
    await cli.ask('/unmute ann', /^Unmuted Ann Lee\.\n/m);
    ann.json({ type: 'chat', text: 'thank you' });
    await watcher.until(() => watcher.messages().some((m) => m.type === 'chat' && m.text === 'thank you'));
    expect(watcher.messages().some((m) => m.type === 'chat' && m.text === 'let me speak')).toBe(false);
    await cli.ask('/unmute ann', /^Nobody is muted\.\n/m);
  });

  it('locks, runs a waiting room (approve, deny, all) and slows the room down', async () => {
    const { cli, url } = await serve();
    const { client: ann } = await richClient(url, { name: 'Ann' });
    await cli.ask('/lock', /^Locked: nobody new can join; those here stay\.\n/m);
    const refused = await new Client(url, 'lan-chat.v1').open();
    refused.json({ type: 'hello', v: 1, name: 'Newcomer' });
    expect((await refused.closed).code).toBe(CloseCode.locked);
    await cli.ask('/unlock', /^Unlocked: newcomers can join\.\n/m);

    await cli.ask('/waiting on', /^Waiting room on: newcomers wait for \/approve\.\n/m);
    // One after the other, so that they wait in this order.
    const waiters: Client[] = [];
    for (const name of ['Carol', 'Dave', 'Erin']) {
      const client = await new Client(url, 'lan-chat.v1').open();
      client.json({ type: 'hello', v: 1, name });
      await client.next((m) => m.type === 'waiting');
      waiters.push(client);
    }
    await cli.ask('/who', /waiting: Carol, Dave, Erin/);
    await cli.ask('/approve car', /^Let Carol in\.\n/m);
    await waiters[0]!.next((m) => m.type === 'welcome');
    await cli.ask('/deny Dave', /^Turned Dave away\.\n/m);
    expect((await waiters[1]!.closed).code).toBe(CloseCode.turnedAway);
    await cli.ask('/approve all', /^Let 1 person in\.\n/m);
    await waiters[2]!.next((m) => m.type === 'welcome');
    await cli.ask('/waiting off', /^Waiting room off; 0 people let in\.\n/m);

    await cli.ask('/slow 30', /^Slow mode: one message every 30 s per guest\.\n/m);
    expect(await ann.next((m) => m.type === 'room' && m.room.slowModeSeconds === 30)).toBeTruthy();
    ann.json({ type: 'chat', text: 'one', clientMsgId: '1' });
    ann.json({ type: 'chat', text: 'two', clientMsgId: '2' });
    expect(await ann.next(error('slow-mode'))).toMatchObject({ clientMsgId: '2' });
    await cli.ask('/slow off', /^Slow mode off\.\n/m);
    await cli.ask('/slow soon', /^Say \/slow <seconds> \(1 to 3600\) or \/slow off\.\n/m);
  });

  it('changes the PIN (removing those without it), renames the room, removes a message and clears the history', async () => {
    const dataDir = tempDir();
    const { cli, url } = await serve('--data-dir', dataDir);
    const { client: ann } = await richClient(url, { name: 'Ann' });
    const { client: bob } = await richClient(url, { name: 'Bob' });

    await cli.ask('/name Book club', /^The room is now called Book club\.\n/m);
    expect(await ann.next((m) => m.type === 'room')).toMatchObject({ room: { name: 'Book club' } });

    bob.json({ type: 'chat', text: 'a regrettable message' });
    const [, seq] = await cli.waitFor(/#(\d+) Bob: a regrettable message/);
    await cli.ask(`/remove #${seq}`, new RegExp(`^Removed message #${seq}\\.\\n`, 'm'));
    expect(await ann.next((m) => m.type === 'message-removed')).toEqual({ type: 'message-removed', seq: Number(seq) });
    await cli.ask('/clear', /^History cleared\.\n/m);
    await ann.next((m) => m.type === 'history-cleared');

    await cli.ask('/pin 12', /^Not changed: a PIN is 4 to 32 letters or digits\.\n/m);
    await cli.ask('/pin 4321 remove', /^PIN is now 4321; everyone here without it was taken out\.\n/m);
    expect(await ann.next(error('pin-changed'))).toBeTruthy();
    expect((await ann.closed).code).toBe(CloseCode.pinChanged);
    expect((await bob.closed).code).toBe(CloseCode.pinChanged);
    await richClient(url, { name: 'Ann', pin: '4321' });
    await cli.ask('/pin off', /^PIN removed: anyone on the network can join\.\n/m);
  });
});
