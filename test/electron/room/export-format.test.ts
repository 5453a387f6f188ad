// Stored history as files: json parses back, txt and md read as the chat did. The md is checked with a
// real CommonMark parser (markdown-it): what a reader sees is the text that was sent, no more markup.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { formatHistory, type HistoryExport } from '../../../electron/room/export-format.js';
import type { ChatMessage, HistoryRecord } from '../../../common/model.js';

const at = (iso: string): number => Date.parse(iso);
const options = { roomName: 'Kitchen', timeZone: 'UTC', exportedAt: at('2026-03-02T10:00:00Z') };

const messages: ChatMessage[] = [
  { seq: 1, ts: at('2026-03-01T09:05:07Z'), from: { id: 'h', name: 'Ana', kind: 'host' }, text: 'Welcome!' },
  { seq: 2, ts: at('2026-03-01T09:06:00Z'), from: { id: 'g1', name: 'Guest 7', kind: 'raw' }, text: 'hi\nsecond line' },
  {
    seq: 5,
    ts: at('2026-03-02T00:00:01Z'),
    from: { id: 'b', name: 'Bo 博', kind: 'rich' },
    text: '你好 🎉 "quoted" \\ back',
    clientMsgId: 'abc-1',
  },
];

describe('formatHistory', () => {
  it("writes json that parses back to exactly the messages, without the pages' internal clientMsgId", () => {
    const out = formatHistory(messages, 'json', options);
    const parsed = JSON.parse(out) as HistoryExport;
    expect(parsed).toEqual({
      format: 'lan-chat-history',
      version: 1,
      roomName: 'Kitchen',
      exportedAt: '2026-03-02T10:00:00.000Z',
      messages: messages.map(({ clientMsgId: _, ...message }) => message),
      events: [],
    });
    expect(out).not.toContain('clientMsgId');
    // One message per line keeps long exports readable.
    expect(out.split('\n').filter((line) => line.includes('"seq"'))).toHaveLength(3);
    expect((JSON.parse(formatHistory([], 'json', options)) as HistoryExport).messages).toEqual([]);
  });

  it('writes txt with local times, names, the host marked and gaps noted', () => {
    expect(formatHistory(messages, 'txt', options)).toBe(
      [
        'Kitchen — chat history exported 2026-03-02 10:00:00, 3 messages',
        '',
        '[2026-03-01 09:05:07] Ana (host): Welcome!',
        '[2026-03-01 09:06:00] Guest 7: hi',
        '    second line',
        '--- 2 messages are not in the saved history ---',
        '[2026-03-02 00:00:01] Bo 博: 你好 🎉 "quoted" \\ back',
        '',
      ].join('\n'),
    );
  });

  it('uses the time zone it is given', () => {
    const out = formatHistory(messages.slice(0, 1), 'txt', { ...options, timeZone: 'Asia/Shanghai' });
    expect(out).toContain('[2026-03-01 17:05:07] Ana (host): Welcome!');
  });

  it('writes md with a heading per day and the host marked', () => {
    expect(formatHistory(messages, 'md', options)).toBe(
      [
        '# Kitchen',
        '',
        '_Chat history exported 2026-03-02 10:00:00, 3 messages_',
        '',
        '## 2026-03-01',
        '',
        '- 09:05:07 **Ana** _(host)_: Welcome!',
        '- 09:06:00 **Guest 7**: hi  ',
        '  second line',
        '',
        '_2 messages are not in the saved history_',
        '',
        '## 2026-03-02',
        '',
        '- 00:00:01 **Bo 博**: 你好 🎉 "quoted" \\\\ back',
        '',
      ].join('\n'),
    );
  });

  it('escapes md so message text and names cannot inject markup', () => {
    const hostile: ChatMessage = {
      seq: 1,
      ts: at('2026-03-01T09:00:00Z'),
      from: { id: 'x', name: '**boss** <b>', kind: 'rich' },
      text: [
        '<script>alert(1)</script> [link](javascript:alert(1)) ![img](http://x/y.png) `code` &amp;',
        '# heading',
        '',
        '    indented code',
        '1. list',
        '---',
        '| a | b |',
        '> quote',
      ].join('\n'),
    };
    const out = formatHistory([hostile], 'md', options);
    const item = out.slice(out.indexOf('- 09:00:00'));
    const lines = item.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe(
      '- 09:00:00 **\\*\\*boss\\*\\* \\<b>**: \\<script>alert(1)\\</script> \\[link\\](javascript:alert(1)) ' +
        '!\\[img\\](http://x/y.png) \\`code\\` \\&amp;  ',
    );
    // Every continuation line stays inside the list item: indented by two, never blank, never a block start.
    expect(lines.slice(1)).toEqual([
      '  \\# heading  ',
      '  \u00a0  ',
      '  \u00a0\u00a0\u00a0\u00a0indented code  ',
      '  1\\. list  ',
      '  \\---  ',
      '  \\| a \\| b \\|  ',
      '  \\> quote',
    ]);
    // Rendered, the list item holds the name in bold and then exactly the text: no tag, link or block of its own.
    expect(renderedItem(out)).toEqual({
      name: hostile.from.name,
      text: hostile.text.replace('\n\n', '\n\u00a0\n').replace('    indented', '\u00a0\u00a0\u00a0\u00a0indented'),
    });
  });

  it('escapes md only where a character would change the meaning: dates, times, addresses and words stay as typed', () => {
    const plain: ChatMessage = {
      seq: 1,
      ts: at('2026-11-30T12:34:00Z'),
      from: { id: 'a', name: 'Ana-Lu (PM)', kind: 'rich' },
      text: 'Meet at 12:34 on 2026-11-30, see https://example.org/a_b?x=1&y=2 or 192.168.1.5:8080/file. snake_case, C++ & co. 50% off! "Yes"',
    };
    const out = formatHistory([plain], 'md', { ...options, exportedAt: plain.ts });
    expect(out).toContain('_Chat history exported 2026-11-30 12:34:00, 1 message_');
    expect(out).toContain(`- 12:34:00 **Ana-Lu (PM)**: ${plain.text}\n`);
    expect(renderedItem(out)).toEqual({ name: plain.from.name, text: plain.text });
  });

  it('keeps md text meaning what it said for every character that could be markup', () => {
    const tricky = ['_a_ *b* __c__ ~~d~~ `e` [f](g) <h> &copy; &#169; x|y \\', '# h', '> q', '- l', '+ l', '12) l', '===', '***', '___'];
    for (const text of tricky) {
      const message: ChatMessage = {
        seq: 1,
        ts: at('2026-03-01T09:00:00Z'),
        from: { id: 'a', name: '_x_ *y*', kind: 'rich' },
        text: `start\n${text}`,
      };
      expect(renderedItem(formatHistory([message], 'md', options)), text).toEqual({ name: '_x_ *y*', text: `start\n${text}` });
    }
  });

  it('shows control characters from raw clients as symbols in txt and md, and keeps them in json', () => {
    const raw: ChatMessage = {
      seq: 1,
      ts: at('2026-03-01T09:00:00Z'),
      from: { id: 'r', name: 'Guest 1', kind: 'raw' },
      text: 'red\u001b[31m\r\u0007\u009b\tok',
    };
    expect(formatHistory([raw], 'txt', options)).toContain('Guest 1: red\u241b[31m\u240d\u2407\ufffd\tok\n');
    expect(formatHistory([raw], 'md', options)).toContain('**Guest 1**: red\u241b\\[31m\u240d\u2407\ufffd\tok\n');
    expect((JSON.parse(formatHistory([raw], 'json', options)) as HistoryExport).messages).toEqual([raw]);
  });

  it('says how many messages there are, also for none', () => {
    expect(formatHistory([], 'txt', options)).toBe('Kitchen — chat history exported 2026-03-02 10:00:00, 0 messages\n\n');
    expect(formatHistory(messages.slice(0, 1), 'md', options)).toContain(', 1 message_');
  });

  it('shows room events as system lines where they happened, and a removed message without its text', () => {
    const ann = { id: 'a', name: 'Ann', kind: 'rich' } as const;
    const records: HistoryRecord[] = [
      { seq: 1, ts: at('2026-03-01T09:00:00Z'), from: ann, text: 'first' },
      { seq: 2, ts: at('2026-03-01T09:01:00Z'), from: ann, text: '', removed: true },
      // The log keeps a tick's events after its messages: this one happened before message 2.
      { type: 'rename', ts: at('2026-03-01T09:00:30Z'), afterSeq: 1, participant: { ...ann, name: 'Annie' }, oldName: 'Ann' },
      {
        type: 'moderation',
        ts: at('2026-03-01T09:02:00Z'),
        afterSeq: 2,
        action: 'mute',
        target: { name: 'Annie' },
        until: at('2026-03-01T09:12:00Z'),
      },
      { type: 'leave', ts: at('2026-03-01T09:03:00Z'), afterSeq: 2, participant: { ...ann, name: 'Annie' }, reason: 'banned' },
      { type: 'moderation', ts: at('2026-03-01T09:04:00Z'), afterSeq: 2, action: 'lock' },
    ];
    expect(formatHistory(records, 'txt', options)).toBe(
      [
        'Kitchen — chat history exported 2026-03-02 10:00:00, 2 messages',
        '',
        '[2026-03-01 09:00:00] Ann: first',
        '[2026-03-01 09:00:30] * Ann is now Annie',
        '[2026-03-01 09:01:00] Ann: (removed by the host)',
        '[2026-03-01 09:02:00] * The host muted Annie for 10 minutes',
        '[2026-03-01 09:03:00] * Annie was banned by the host',
        '[2026-03-01 09:04:00] * The host locked the room: nobody new can join',
        '',
      ].join('\n'),
    );
    const md = formatHistory(records, 'md', options);
    expect(md).toContain('- 09:00:30 _Ann is now Annie_');
    expect(md).toContain('- 09:01:00 **Ann**: _(removed by the host)_');
    expect(md).toContain('- 09:03:00 _Annie was banned by the host_');
    const json = JSON.parse(formatHistory(records, 'json', options)) as HistoryExport;
    expect(json.messages).toEqual(records.slice(0, 2));
    expect(json.events).toEqual(records.slice(2));
  });
});

describe('the host stays unforgeable in exports (issue 10, finding 5)', () => {
  it("shows a guest's stored name without a host marker, even from a log older than the rule", () => {
    const forged = [
      { seq: 1, ts: Date.UTC(2026, 0, 1), from: { id: 'a-1', name: 'Host (host)', kind: 'rich' as const }, text: 'the PIN changed' },
      { seq: 2, ts: Date.UTC(2026, 0, 1), from: { id: 'host', name: 'Host', kind: 'host' as const }, text: 'no it did not' },
    ];
    const txt = formatHistory(forged, 'txt', { timeZone: 'UTC', exportedAt: 0 });
    expect(txt).toContain('] Host host: the PIN changed');
    expect(txt).toContain('] Host (host): no it did not');
    const md = formatHistory(forged, 'md', { timeZone: 'UTC', exportedAt: 0 });
    expect(md).toContain('**Host host**: the PIN changed');
  });
});

/** The one list item of an exported md file, rendered as CommonMark (raw HTML on): its bold name and the text after it. */
function renderedItem(md: string): { name: string; text: string } {
  const html = new MarkdownIt({ html: true }).render(md);
  const item = /<li>([\s\S]*)<\/li>/.exec(html)![1]!;
  const match = /^\d\d:\d\d:\d\d <strong>([^<]*)<\/strong>: ([\s\S]*)$/.exec(item.trim());
  if (match === null) throw new Error(`unexpected markup in ${item}`);
  const text = match[2]!.replace(/<br>\n/g, '\n');
  // Only text is left: any tag means the message turned into markup.
  if (/<[a-z/]/i.test(text)) throw new Error(`markup in the text: ${text}`);
  return { name: decode(match[1]!), text: decode(text) };
}

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
