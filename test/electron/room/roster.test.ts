// The roster: unique names (the host's reserved), guest names, sessions, resume grace and the encoded
// participant list; on its own with plain seats, and through a real room.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeaveReason, Participant } from '../../../common/model.js';
import type { EndReason } from '../../../electron/room/connection.js';
import { HOST_ID, Roster, type Member, type Seat } from '../../../electron/room/roster.js';
import { rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('names in the room', () => {
  it('makes names unique, gives empty names a guest name, and reserves the host name', async () => {
    const { url, room } = await startRoom({ settings: { hostName: 'Teacher' } });
    const { welcome: a } = await richClient(url, { name: 'Ann' });
    const { welcome: b } = await richClient(url, { name: ' ann ' });
    const { welcome: c } = await richClient(url, { name: '\u202e\u0000' });
    const { welcome: d } = await richClient(url, { name: 'teacher' });
    expect([a, b, c, d].map((w) => w.you.name)).toEqual(['Ann', 'ann (2)', expect.stringMatching(/^Guest \d+$/), 'teacher (2)']);
    expect(room.clients().map((x) => x.name)).toEqual(['Ann', 'ann (2)', c.you.name, 'teacher (2)']);
  });

  it('frees a name when its holder leaves and suffixes a rename collision', async () => {
    const { url } = await startRoom();
    const { client: ann } = await richClient(url, { name: 'Ann' });
    const { client: bob } = await richClient(url, { name: 'Bob' });
    bob.json({ type: 'rename', name: 'ANN' });
    const rename = await ann.next((m) => m.type === 'rename');
    expect(rename).toMatchObject({ participant: { name: 'ANN (2)' }, oldName: 'Bob' });
    ann.ws.close(1000);
    await bob.next((m) => m.type === 'leave');
    const { welcome } = await richClient(url, { name: 'Ann' });
    expect(welcome.you.name).toBe('Ann');
  });

  it('renames a guest who holds the name the host switches to', async () => {
    const { url, room } = await startRoom();
    const { client: ann } = await richClient(url, { name: 'Boss' });
    room.updateSettings({ hostName: 'boss' });
    const renames = () => ann.messages().filter((m) => m.type === 'rename');
    await ann.until(() => renames().length === 2);
    expect(renames()).toMatchObject([
      { participant: { name: 'Boss (2)' }, oldName: 'Boss' },
      { participant: { id: 'host', name: 'boss' }, oldName: 'Host' },
    ]);
  });

  it('numbers raw guests distinctly', async () => {
    const { url, room } = await startRoom();
    await Promise.all([rawClient(url), rawClient(url)]);
    const names = room.clients().map((c) => c.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => /^Guest \d+$/.test(n))).toBe(true);
  });
});

/** A member's connection as the roster sees it, remembering how it was ended. */
class TestSeat implements Seat {
  member: Member<this> | null = null;
  endedBy: EndReason | null = null;
  ended: { code: number; reason: string } | null = null;
  readonly connectedAt = Date.now();
  constructor(
    readonly address = '10.0.0.7',
    readonly protocol: Seat['protocol'] = 'lan-chat.v1',
  ) {}
  end(why: EndReason, code: number, reason: string): void {
    this.endedBy ??= why;
    this.ended = { code, reason };
  }
}

type Said = [string, ...unknown[]];

function roster(limits: Partial<{ resumeGraceMs: number; awayMs: number; pageGoneGraceMs: number; maxConnections: number }> = {}) {
  const said: Said[] = [];
  const r = new Roster<TestSeat>(
    'Host',
    { maxNameLength: 32, resumeGraceMs: 1000, awayMs: 0, pageGoneGraceMs: 100, maxConnections: 100, ...limits },
    {
      joined: (p: Participant, conn: TestSeat) => said.push(['joined', p.name, conn]),
      renamed: (p: Participant, oldName: string) => said.push(['renamed', p.name, oldName]),
      left: (p: Participant, reason: LeaveReason) => said.push(['left', p.name, reason]),
      away: (p: Participant) => said.push(['away', p.name, p.away]),
      back: (p: Participant) => said.push(['back', p.name, p.away]),
      changed: () => said.push(['changed']),
    },
  );
  return { roster: r, said };
}

const listOf = (r: Roster<TestSeat>) => JSON.parse(`[${r.participantList().bytes().toString()}]`) as Participant[];

describe('Roster on its own', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives each member an id, a unique name and (rich only) a session, and says who joined', () => {
    const { roster: r, said } = roster();
    const seat = new TestSeat();
    const ann = r.join(seat, '  Ann ', 'rich');
    const raw = r.join(new TestSeat('10.0.0.8', 'lws-minimal'), '', 'raw');
    expect(ann.participant).toEqual({ id: expect.stringMatching(/^[0-9a-f]{12}-1$/), name: 'Ann', kind: 'rich' });
    expect(raw.participant).toEqual({ id: ann.participant.id.replace(/1$/, '2'), name: 'Guest 1', kind: 'raw' });
    expect(ann.session).toMatch(/^[\w-]{24}$/);
    expect(raw.session).toBeNull();
    expect(seat.member).toBe(ann);
    expect(r.bySession(ann.session!)).toBe(ann);
    expect(r.get(raw.participant.id)).toBe(raw);
    expect(r.size).toBe(2);
    expect(said.slice(0, 2)).toEqual([['joined', 'Ann', seat], ['changed']]);
    expect(r.clients()).toEqual([
      { id: ann.participant.id, name: 'Ann', kind: 'rich', address: '10.0.0.7', protocol: 'lan-chat.v1', connectedAt: seat.connectedAt },
      {
        id: raw.participant.id,
        name: 'Guest 1',
        kind: 'raw',
        address: '10.0.0.8',
        protocol: 'lws-minimal',
        connectedAt: expect.any(Number),
      },
    ]);
  });

  it('never hands out an id of an earlier roster (a room restarted while pages kept their ids)', () => {
    const ids = new Set<string>();
    for (let run = 0; run < 50; run++) {
      const { roster: r } = roster();
      for (let i = 0; i < 3; i++) ids.add(r.join(new TestSeat(), `Guest`, 'rich').participant.id);
    }
    expect(ids.size).toBe(150);
  });

  it("keeps names unique ignoring case, the host's included, and frees a name when its holder leaves", () => {
    const { roster: r } = roster();
    const members = ['Ann', 'ANN', 'host', 'ann (2)'].map((n) => r.join(new TestSeat(), n, 'rich'));
    expect(members.map((m) => m.participant.name)).toEqual(['Ann', 'ANN (2)', 'host (2)', 'ann (2) (2)']);
    r.remove(members[0]!, 'left');
    expect(r.join(new TestSeat(), 'ann', 'rich').participant.name).toBe('ann');
  });

  it('refuses look-alikes of a member and of the host, and any host marker (issue 10, finding 5)', () => {
    const { roster: r } = roster();
    r.join(new TestSeat(), 'Alice', 'rich');
    const alikes = ['Alice\u2060', 'Alice\u200d', 'Al\u00adice', 'Alice\u034f', 'Alice\ufe0f', 'Alice\u{e0020}', 'Аlice', 'ALICE', 'AIice'];
    const names = alikes.map((name) => r.join(new TestSeat(), name, 'rich').participant.name);
    // Each one is told apart by a suffix; nobody is shown as "Alice" but Alice.
    expect(names.filter((name) => name === 'Alice')).toEqual([]);
    expect(names.every((name) => / \(\d+\)$/.test(name))).toBe(true);
    const hostAlikes = ['Ηost', 'Ｈｏｓｔ', 'Host\u3164', 'host', 'Host (host)', 'Ηost (host)', 'Hοst ❨host❩'];
    const guests = hostAlikes.map((name) => r.join(new TestSeat(), name, 'rich').participant.name);
    expect(guests).toEqual(['Ηost (2)', 'Ｈｏｓｔ (3)', 'Host (4)', 'host (5)', 'Host host', 'Ηost host (2)', 'Hοst host (3)']);
    expect(guests.filter((name) => /\(host\)/i.test(name))).toEqual([]);
  });

  it('renames members (unique again) and the host (the guest holding that name gets a suffix)', () => {
    const { roster: r, said } = roster();
    const bob = r.join(new TestSeat(), 'Bob', 'rich');
    const asJoined = bob.participant;
    r.join(new TestSeat(), 'Ann', 'rich');
    said.length = 0;
    r.rename(bob, 'ann');
    r.rename(bob, 'ann (2)');
    expect(bob.participant.name).toBe('ann (2)');
    r.renameHost('Bob');
    r.renameHost('Bob');
    r.renameHost('ANN');
    expect(r.host).toEqual({ id: HOST_ID, name: 'ANN', kind: 'host' });
    expect(said).toEqual([
      ['renamed', 'ann (2)', 'Bob'],
      ['changed'],
      ['renamed', 'Bob', 'Host'],
      ['renamed', 'Ann (3)', 'Ann'],
      ['changed'],
      ['renamed', 'ANN', 'Bob'],
    ]);
    // Messages keep the participant they were sent under: a rename makes a new object.
    expect(asJoined).toEqual({ id: bob.participant.id, name: 'Bob', kind: 'rich' });
  });

  it("keeps the welcome's participant list encoded: extended on a join, rebuilt after a leave or rename", () => {
    const { roster: r } = roster();
    const ann = r.join(new TestSeat(), 'Ann', 'rich');
    const first = r.participantList();
    expect(listOf(r).map((p) => p.name)).toEqual(['Host', 'Ann']);
    r.join(new TestSeat(), 'Bob', 'rich');
    expect(r.participantList()).toBe(first);
    expect(listOf(r).map((p) => p.name)).toEqual(['Host', 'Ann', 'Bob']);
    r.rename(ann, 'Anna');
    expect(r.participantList()).not.toBe(first);
    expect(listOf(r).map((p) => p.name)).toEqual(['Host', 'Anna', 'Bob']);
    r.remove(ann, 'kicked');
    expect(listOf(r).map((p) => p.name)).toEqual(['Host', 'Bob']);
  });

  it('kicks: ends the connection with 4002 and removes the member at once', () => {
    const { roster: r, said } = roster();
    const seat = new TestSeat();
    const ann = r.join(seat, 'Ann', 'rich');
    said.length = 0;
    expect(r.kick(ann.participant.id)).toBe(true);
    expect(seat.ended).toEqual({ code: 4002, reason: 'removed by the host' });
    expect(seat.member).toBeNull();
    expect(r.bySession(ann.session!)).toBeUndefined();
    expect(said).toEqual([['left', 'Ann', 'kicked'], ['changed']]);
    expect(r.kick(ann.participant.id)).toBe(false);
  });

  it('on a close: leaves at once for 1000 and raw members, waits the grace for a drop, a short one for 1001', () => {
    vi.useFakeTimers();
    const { roster: r, said } = roster();
    const clean = new TestSeat();
    const raw = new TestSeat('10.0.0.8', 'lws-minimal');
    const dropped = new TestSeat();
    const reloading = new TestSeat();
    const failed = new TestSeat();
    r.join(clean, 'Clean', 'rich');
    r.join(raw, '', 'raw');
    r.join(dropped, 'Dropped', 'rich');
    r.join(reloading, 'Reloading', 'rich');
    r.join(failed, 'Failed', 'rich');
    said.length = 0;
    r.connectionClosed(clean, 1000);
    r.connectionClosed(raw, 1006);
    r.connectionClosed(dropped, 1006);
    r.connectionClosed(reloading, 1001);
    failed.endedBy = 'error';
    r.connectionClosed(failed, 1006);
    expect(said.filter(([what]) => what === 'left')).toEqual([
      ['left', 'Clean', 'left'],
      ['left', 'Guest 1', 'timeout'],
    ]);
    expect(r.size).toBe(3);
    vi.advanceTimersByTime(100);
    expect(said.filter(([what]) => what === 'left').slice(2)).toEqual([['left', 'Reloading', 'left']]);
    vi.advanceTimersByTime(900);
    expect(said.filter(([what]) => what === 'left').slice(3)).toEqual([
      ['left', 'Dropped', 'timeout'],
      ['left', 'Failed', 'error'],
    ]);
    expect(r.size).toBe(0);
  });

  it('resumes a member on a new connection: the grace ends', () => {
    vi.useFakeTimers();
    const { roster: r, said } = roster();
    const first = new TestSeat();
    const ann = r.join(first, 'Ann', 'rich');
    r.connectionClosed(first, 1006);
    const second = new TestSeat('10.0.0.9');
    r.resume(ann, second);
    vi.advanceTimersByTime(5000);
    expect(r.get(ann.participant.id)).toBe(ann);
    expect(r.clients()[0]!.address).toBe('10.0.0.9');
    expect(said.filter(([what]) => what === 'left')).toEqual([]);
  });

  it('keeps one person in several tabs: a second connection of the session joins the first, neither is ended', () => {
    vi.useFakeTimers();
    const { roster: r, said } = roster();
    const first = new TestSeat();
    const ann = r.join(first, 'Ann', 'rich');
    const second = new TestSeat('10.0.0.9');
    r.resume(ann, second);
    expect([first.ended, second.ended]).toEqual([null, null]);
    expect([first.member, second.member]).toEqual([ann, ann]);
    expect(r.size).toBe(1);
    // One tab closes, even deliberately: the person stays on the other, nobody is told anything.
    said.length = 0;
    r.connectionClosed(second, 1000);
    expect(ann.conn).toBe(first);
    expect(r.clients()[0]!.address).toBe('10.0.0.7');
    r.connectionClosed(first, 1006);
    vi.advanceTimersByTime(999);
    expect(said.filter(([what]) => what !== 'changed')).toEqual([]);
    // The last one closing is a drop like any other.
    vi.advanceTimersByTime(1);
    expect(said.filter(([what]) => what === 'left')).toEqual([['left', 'Ann', 'timeout']]);
  });

  it('kicks a person out of every tab', () => {
    const { roster: r } = roster();
    const first = new TestSeat();
    const second = new TestSeat();
    const ann = r.join(first, 'Ann', 'rich');
    r.resume(ann, second);
    r.kick(ann.participant.id);
    expect([first.ended?.code, second.ended?.code]).toEqual([4002, 4002]);
    expect([first.member, second.member]).toEqual([null, null]);
  });

  it('after the resume grace shows a dropped member as away, then lets them leave; a resume while away is "back"', () => {
    vi.useFakeTimers();
    const { roster: r, said } = roster({ resumeGraceMs: 1000, awayMs: 10_000 });
    const phone = new TestSeat();
    const ann = r.join(phone, 'Ann', 'rich');
    const bobSeat = new TestSeat();
    r.join(bobSeat, 'Bob', 'rich');
    said.length = 0;
    r.connectionClosed(phone, 1006);
    vi.advanceTimersByTime(999);
    expect(said.filter(([what]) => what !== 'changed')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(said.filter(([what]) => what !== 'changed')).toEqual([['away', 'Ann', true]]);
    expect(r.clients().find((c) => c.name === 'Ann')).toMatchObject({ away: true });
    expect(listOf(r).find((p) => p.name === 'Ann')).toMatchObject({ away: true });
    // Back within the away time: the same member, no longer away.
    vi.advanceTimersByTime(9_000);
    r.resume(ann, new TestSeat());
    expect(said.filter(([what]) => what !== 'changed').slice(1)).toEqual([['back', 'Ann', undefined]]);
    expect(ann.participant).toEqual({ id: ann.participant.id, name: 'Ann', kind: 'rich' });
    // Dropped again and never back: away, then gone.
    r.connectionClosed(ann.conn!, 1006);
    vi.advanceTimersByTime(11_000);
    expect(said.filter(([what]) => what !== 'changed').slice(2)).toEqual([
      ['away', 'Ann', true],
      ['left', 'Ann', 'timeout'],
    ]);
    expect(r.bySession(ann.session!)).toBeUndefined();
  });

  it('keeps at most maxConnections members waiting without a connection: the longest waiting leaves first', () => {
    vi.useFakeTimers();
    const { roster: r, said } = roster({ maxConnections: 2, awayMs: 60_000 });
    for (const name of ['One', 'Two', 'Three']) {
      const seat = new TestSeat();
      r.join(seat, name, 'rich');
      r.connectionClosed(seat, 1006);
    }
    expect(said.filter(([what]) => what === 'left')).toEqual([['left', 'One', 'timeout']]);
    expect(r.clients().map((c) => c.name)).toEqual(['Two', 'Three']);
  });

  it('keeps every spelling of the default host name for the host: no guest looks like the host in any language', () => {
    const { roster: r } = roster();
    expect(['Host', '房主', 'HOST'].map((n) => r.join(new TestSeat(), n, 'rich').participant.name)).toEqual([
      'Host (2)',
      '房主 (2)',
      'HOST (3)',
    ]);
    // A host with a name of their own leaves the default words free; back to the default, they are taken back.
    r.renameHost('Mia');
    const guest = r.join(new TestSeat(), '房主', 'rich');
    expect(guest.participant.name).toBe('房主');
    r.renameHost('Host');
    expect(guest.participant.name).toBe('房主 (3)');
  });

  it('says nothing and waits for nobody while shutting down, and forgets everyone after', () => {
    vi.useFakeTimers();
    const { roster: r, said } = roster();
    const waiting = new TestSeat();
    const open = new TestSeat();
    r.join(waiting, 'Waiting', 'rich');
    r.join(open, 'Open', 'rich');
    r.connectionClosed(waiting, 1006);
    said.length = 0;
    r.shutDown();
    r.connectionClosed(open, 1001);
    vi.advanceTimersByTime(5000);
    expect(said).toEqual([]);
    expect(r.size).toBe(1);
    r.clear();
    expect([r.size, r.clients()]).toEqual([0, []]);
    expect(listOf(r)).toEqual([r.host]);
    r.join(new TestSeat(), 'Waiting', 'rich');
    expect(said).toEqual([['joined', 'Waiting', expect.any(TestSeat)], ['changed']]);
  });
});
