// The peer page in real Chromium against a real room: chatting, names, People, history, safety,
// languages, phone layout and the lws-minimal compatibility path.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { joinRich, rawClient } from '../../../scripts/lib/room-clients.js';
import { OVERRIDE_BEFORE, OVERRIDE_INSIDE, readLink } from '../../support/bidi.js';
import { brokenLabels } from '../../support/layout.js';
import { chatItems, confirmedTexts, log, messageBox, people, type RunningRoom, say, usePeerPages } from '../../support/peer-pages.js';

const pages = usePeerPages();
let running: RunningRoom | null = null;
afterEach(() => {
  running = null;
});

async function room() {
  running = await pages.startRoom({ settings: { roomName: 'Team Room', hostName: 'Hostess' } });
  return running;
}

async function joined(url: string, name: string, options = {}) {
  const peer = await pages.joinAs(`${url}${url.includes('?') ? '&' : '?'}lang=en`, name, options);
  return peer;
}

describe('chatting', () => {
  it('three pages exchange messages, see names, the People list (host first) and own/host marks', async () => {
    const { room: r, url } = await room();
    const alice = await joined(url, 'Alice');
    const bob = await joined(url, 'Bob');
    const carol = await joined(url, 'Carol');

    await say(alice.page, 'hello from alice');
    await say(bob.page, 'hi alice, bob here');
    r.send('welcome, says the host');
    await say(carol.page, 'carol too');

    const expected = ['hello from alice', 'hi alice, bob here', 'welcome, says the host', 'carol too'];
    for (const { page } of [alice, bob, carol]) {
      await expect.poll(() => confirmedTexts(page)).toEqual(expected);
      await expect.poll(() => people(page).allInnerTexts()).toHaveLength(4);
      const names = await people(page).allInnerTexts();
      expect(names[0]).toContain('Hostess');
      // You come right after the host; the others in order of arrival.
      const me = page === alice.page ? 'Alice' : page === bob.page ? 'Bob' : 'Carol';
      expect(names[1]).toContain(me);
      expect(names[1]).toContain('You');
      expect(names.slice(2).join('|')).toMatch(new RegExp(['Alice', 'Bob', 'Carol'].filter((n) => n !== me).join('.*'), 's'));
    }
    // Each message's own item names its author; the host's carries the host badge.
    const inBob = chatItems(bob.page);
    await expect.poll(() => inBob.filter({ hasText: 'hello from alice' }).textContent()).toContain('Alice');
    expect(await inBob.filter({ hasText: 'hi alice, bob here' }).textContent()).toContain('Bob');
    const hostItem = inBob.filter({ hasText: 'welcome, says the host' });
    expect(await hostItem.textContent()).toContain('Hostess');
    expect(await hostItem.locator('.badge-host').count()).toBe(1);
    // Own messages are marked as own, others' are not.
    expect(await inBob.filter({ hasText: 'hi alice, bob here' }).getAttribute('class')).toContain('own');
    expect(await inBob.filter({ hasText: 'hello from alice' }).getAttribute('class')).not.toContain('own');
    // Presence lines.
    await expect.poll(() => log(alice.page).getByText('\u2068Carol\u2069 joined').count()).toBe(1);
    await bob.close();
    await expect
      .poll(
        () =>
          log(alice.page)
            .getByText(/Bob\u2069 (left|lost connection)/)
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect.poll(() => people(alice.page).count()).toBe(3);
  });

  it('a typing indicator shows while someone types', async () => {
    const { url } = await room();
    const alice = await joined(url, 'Alice');
    const bob = await joined(url, 'Bob');
    await messageBox(alice.page).pressSequentially('typing…');
    await expect.poll(() => bob.page.locator('.typing').textContent()).toBe('\u2068Alice\u2069 is typing…');
    await messageBox(alice.page).press('Enter');
    await expect.poll(() => bob.page.locator('.typing').textContent()).toBe('');
  });

  it('a late joiner sees the history; after a reload the page is straight back in under the same name, listed once', async () => {
    const { url } = await room();
    const alice = await joined(url, 'Alice');
    await say(alice.page, 'first');
    await say(alice.page, 'second');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['first', 'second']);

    const late = await joined(url, 'Latecomer');
    await expect.poll(() => confirmedTexts(late.page)).toEqual(['first', 'second']);
    expect(await chatItems(late.page).first().textContent()).toContain('Alice');

    // No join screen: the remembered session takes the page back into the room with the history.
    await late.page.reload();
    await messageBox(late.page).waitFor();
    expect(await late.page.getByRole('textbox', { name: 'Your name', exact: true }).count()).toBe(0);
    await expect.poll(() => confirmedTexts(late.page)).toEqual(['first', 'second']);
    await say(late.page, 'back again');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['first', 'second', 'back again']);
    expect(await chatItems(alice.page).last().textContent()).toContain('Latecomer');
    // One entry for the latecomer on both pages: no ghost of the connection before the reload.
    for (const { page } of [alice, late]) {
      await expect.poll(() => people(page).allInnerTexts()).toHaveLength(3);
      expect((await people(page).allInnerTexts()).filter((text) => text.includes('Latecomer'))).toHaveLength(1);
    }
  });

  it('suggests a friendly random name to a first-time visitor and joins with Enter', async () => {
    const { url } = await room();
    const peer = await pages.openPeer(`${url}?lang=en`);
    const name = peer.page.getByRole('textbox', { name: 'Your name', exact: true });
    expect(await name.inputValue()).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    await name.press('Enter');
    await messageBox(peer.page).waitFor();
  });
});

describe('the room as the host sets it', () => {
  it('a new room name reaches the header and the tab title of every page at once', async () => {
    const { room: r, url } = await room();
    const alice = await joined(url, 'Alice');
    const bob = await joined(url, 'Bob');
    for (const { page } of [alice, bob]) await expect.poll(() => page.title()).toBe('Team Room');
    r.updateSettings({ roomName: 'Book club' });
    for (const { page } of [alice, bob]) {
      await page.getByRole('heading', { level: 1, name: 'Book club' }).waitFor();
      await expect.poll(() => page.title()).toBe('Book club');
      await log(page).getByText('The host renamed the room to \u2068Book club\u2069').waitFor();
    }
  });
});

describe('room PIN', () => {
  it('asks for the PIN when the room needs one, says when it is wrong, and takes it from ?pin=', async () => {
    running = await pages.startRoom({ settings: { pin: '2468' } });
    const guest = await pages.openPeer(`${running.url}?lang=en`);
    const { page } = guest;
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    const pin = page.getByRole('textbox', { name: 'Room PIN', exact: true });
    await pin.waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('needs a PIN');
    await pin.fill('1111');
    await pin.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');
    await pin.fill('2468');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await messageBox(page).waitFor();

    const fromLink = await joined(`${running.url}?pin=2468`, 'Linked');
    await say(fromLink.page, 'in via the link');
    await expect.poll(() => confirmedTexts(page)).toEqual(['in via the link']);
  });
});

describe('room PIN under a guessing attack (issue 10, finding 2)', () => {
  it('says the room takes no PIN for now when it had too many wrong ones, with a countdown', async () => {
    running = await pages.startRoom({ settings: { pin: 'k7m2q9' }, limits: { maxRoomPinFailures: 2 } });
    const { page } = await pages.openPeer(`${running.url}?lang=en`);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    const pin = page.getByRole('textbox', { name: 'Room PIN', exact: true });
    for (const wrong of ['1111', '2222']) {
      await pin.fill(wrong);
      await pin.press('Enter');
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');
      await expect.poll(() => page.getByRole('button', { name: 'Join', exact: true }).getAttribute('aria-busy')).toBe('false');
    }
    await pin.fill('k7m2q9');
    await pin.press('Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/^Too many wrong PINs were tried in this room lately\. Try again in \d+ s\.$/);
    const seconds = async () => Number(/in (\d+) s/.exec((await alert.textContent()) ?? '')?.[1]);
    const first = await seconds();
    expect(first).toBeGreaterThan(55);
    await expect.poll(seconds, { timeout: 3_000 }).toBeLessThan(first);
  });
});

describe('input', () => {
  it('Enter during IME composition does not send; Shift+Enter adds a line; Enter sends', async () => {
    const { url } = await room();
    const alice = await joined(url, 'Alice');
    const box = messageBox(alice.page);
    await box.fill('nihao');
    // What an input method does when Enter confirms a candidate.
    await box.dispatchEvent('compositionstart', { data: '' });
    await box.dispatchEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true });
    await box.dispatchEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, isComposing: true, bubbles: true, cancelable: true });
    await box.dispatchEvent('compositionend', { data: '你好' });
    await box.fill('你好');
    await box.press('Shift+Enter');
    await box.pressSequentially('世界');
    expect(await box.inputValue()).toBe('你好\n世界');
    expect(await chatItems(alice.page).count()).toBe(0);
    await box.press('Enter');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['你好\n世界']);
    expect(await box.inputValue()).toBe('');
  });

  it('counts characters near the limit (not bytes) and refuses an over-long message with a clear message, keeping the text', async () => {
    running = await pages.startRoom({ limits: { maxMessageBytes: 100 } });
    const alice = await joined(running.url, 'Alice');
    const box = messageBox(alice.page);
    const counter = alice.page.locator('.composer .counter');
    // Far from the limit, nothing is counted.
    await box.fill('x'.repeat(80));
    expect(await counter.count()).toBe(0);
    await box.fill('x'.repeat(90));
    await expect.poll(() => counter.textContent()).toBe('10 characters left');
    // Chinese takes three bytes a character: 32 of them leave room for one more, and the counter says one, not 4.
    await box.fill('好'.repeat(32));
    await expect.poll(() => counter.textContent()).toBe('1 character left');
    await box.fill('好'.repeat(40)); // 120 bytes in UTF-8: 7 characters too many
    await expect.poll(() => counter.textContent()).toBe('7 characters too many');
    await box.press('Enter');
    expect(await alice.page.getByRole('alert').textContent()).toContain('take out 7 characters');
    expect(await box.inputValue()).toBe('好'.repeat(40));
    expect(await chatItems(alice.page).count()).toBe(0);
  });
});

describe('safety', () => {
  it('shows hostile text literally: no script runs, no element is created; links are http(s) only', async () => {
    const { url } = await room();
    const alice = await joined(url, 'Alice');
    const bob = await joined(url, 'Bob');
    const payloads = [
      '<img src=x onerror=alert(1)>',
      '<script>alert(2)</script>',
      '"><svg onload=alert(3)>',
      'javascript:alert(4)',
      'see https://example.test/a_(b). and http://x.test',
    ];
    for (const text of payloads) await say(alice.page, text);
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(payloads);
    const logEl = log(bob.page);
    expect(await logEl.locator('img, script, svg:not(.icon)').count()).toBe(0);
    const links = logEl.locator('a');
    expect(
      await links.evaluateAll((as) =>
        as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target'), a.textContent]),
      ),
    ).toEqual([
      ['https://example.test/a_(b)', 'noopener noreferrer', '_blank', 'https://example.test/a_(b)'],
      ['http://x.test/', 'noopener noreferrer', '_blank', 'http://x.test'],
    ]);
  });
});

describe('right-to-left override link spoofing (issue 10, finding 7)', () => {
  it('shows every link isolated, left to right, reading where it really goes', async () => {
    const { url } = await room();
    const alice = await joined(url, 'Alice');
    const mallory = await joinRich(url.replace('http:', 'ws:'), 'Mallory \u05de\u05dc');
    mallory.say(OVERRIDE_BEFORE);
    mallory.say(OVERRIDE_INSIDE);
    const links = log(alice.page).locator('a');
    await expect.poll(() => links.count()).toBe(2);
    const before = await readLink(links.nth(0));
    expect(before).toEqual({
      text: 'http://evil.example/#nigol/moc.knab//:sptth',
      href: 'http://evil.example/#nigol/moc.knab//:sptth',
      title: 'http://evil.example/#nigol/moc.knab//:sptth',
      isolated: true,
      leftToRight: true,
    });
    const inside = await readLink(links.nth(1));
    expect(inside).toMatchObject({ text: inside.href, isolated: true, leftToRight: true });
    expect(inside.text).toBe('http://evil.example/%E2%80%AEnigol/moc.knab//:sptth');
    // Names are isolated too: right-to-left letters in one never reorder what is beside it.
    const author = log(alice.page).locator('.author').first();
    expect(await author.textContent()).toBe('Mallory \u05de\u05dc');
    expect(await author.evaluate((p) => getComputedStyle(p).display)).toBe('block');
    expect(await people(alice.page).filter({ hasText: 'Mallory' }).locator('bdi').textContent()).toBe('Mallory \u05de\u05dc');
    await mallory.ws.close();
  });
});

describe('languages and layout', () => {
  it('speaks Chinese with ?lang=zh-CN', async () => {
    const { url } = await room();
    const peer = await pages.openPeer(`${url}?lang=zh-CN`);
    const { page } = peer;
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const name = page.getByRole('textbox', { name: '你的名字', exact: true });
    expect(await name.inputValue()).toMatch(/^\p{Script=Han}{2,}$/u);
    await page.getByRole('button', { name: '加入', exact: true }).click();
    const box = page.getByRole('textbox', { name: '消息', exact: true });
    await box.fill('大家好');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await expect.poll(() => confirmedTexts(page)).toEqual(['大家好']);
    expect(await page.getByRole('list', { name: '成员', exact: true }).getByRole('listitem').count()).toBe(2);
    expect(await page.getByRole('log').getAttribute('aria-live')).toBe('polite');
  });

  it('shows the default room and host names in Chinese, and no button label breaks on a 320 px phone', async () => {
    running = await pages.startRoom();
    const { page } = await pages.openPeer(`${running.url}?lang=zh-CN`, {
      viewport: { width: 320, height: 600 },
      isMobile: true,
      hasTouch: true,
    });
    await page.getByRole('textbox', { name: '你的名字', exact: true }).fill('小明');
    await page.getByRole('button', { name: '加入', exact: true }).click();
    await page.getByRole('textbox', { name: '消息', exact: true }).waitFor();
    running.room.send('欢迎');
    await page.getByRole('heading', { name: '局域网聊天', level: 1 }).waitFor();
    const hostEntry = page.getByRole('list', { name: '成员', exact: true }).getByRole('listitem').first();
    expect(await hostEntry.locator('.person-name').textContent()).toBe('房主');
    const message = chatItems(page).filter({ hasText: '欢迎' });
    await message.waitFor();
    expect(await message.locator('.author').textContent()).toContain('房主');
    expect(await page.getByText('Host', { exact: true }).count()).toBe(0);
    // An lws-minimal client cannot give a name: the room calls it "Guest 1", the page says it in Chinese.
    const raw = await rawClient(running.url.replace('http', 'ws'));
    raw.say('大家好');
    const rawMessage = chatItems(page).filter({ hasText: '大家好' });
    await rawMessage.waitFor();
    expect(await rawMessage.locator('.author').textContent()).toContain('访客 1');
    await page.getByRole('list', { name: '成员', exact: true }).getByRole('listitem').filter({ hasText: '访客 1' }).waitFor();
    expect(await page.getByText('Guest 1').count()).toBe(0);
    raw.ws.close();
    // The menu's question about leaving: every button label on one line.
    await page.getByRole('button', { name: '菜单', exact: true }).click();
    await page.getByRole('button', { name: '退出房间', exact: true }).click();
    expect(await brokenLabels(page)).toEqual([]);
  });

  it('follows the browser language without ?lang=', async () => {
    const { url } = await room();
    const peer = await pages.openPeer(url, { locale: 'zh-CN' });
    await peer.page.getByRole('button', { name: '加入', exact: true }).waitFor();
  });

  it('fits a 375x667 phone and a 320 px screen with no horizontal scroll, long words included', async () => {
    const { url } = await room();
    const phone = await joined(url, 'A rather long display name for a phone', {
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
    });
    await say(phone.page, `${'averyveryverylongwordwithoutanyspaces'.repeat(8)} https://example.test/${'path/'.repeat(40)}`);
    await expect.poll(() => chatItems(phone.page).count()).toBe(1);
    const overflow = () => phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await phone.page.setViewportSize({ width: 320, height: 568 });
    expect(await overflow()).toBe(0);
    // Everything needed is on screen: the People list, the box and the Send button.
    await phone.page.getByRole('list', { name: 'People', exact: true }).waitFor({ state: 'visible' });
    await phone.page.getByRole('button', { name: 'Send', exact: true }).waitFor({ state: 'visible' });
  });
});

describe('lws-minimal compatibility', () => {
  it('a raw lws-minimal client and a peer page see each other’s messages', async () => {
    const { url, port } = await room();
    const raw = new WebSocket(`ws://127.0.0.1:${port}/`, 'lws-minimal');
    const received: string[] = [];
    raw.on('message', (data) => received.push(data.toString()));
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    try {
      const alice = await joined(url, 'Alice');
      raw.send('hello from a raw client');
      await expect.poll(() => confirmedTexts(alice.page)).toEqual(['hello from a raw client']);
      await say(alice.page, 'hello raw');
      await expect.poll(() => received).toContain('Alice: hello raw');
    } finally {
      raw.close();
    }
  });
});
