// One line of the chat log: what is written, and what is read back as a record and what is skipped.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, RoomEvent } from '../../../common/model.js';
import { applyTombstones, encodeRecord, lastCompleteLineEnd, parseRecords } from '../../../electron/room/history-records.js';

const message: ChatMessage = {
  seq: 7,
  ts: 1_700_000_000_000,
  from: { id: 'p3', name: 'Bo 博', kind: 'rich' },
  text: 'two\nlines "quoted"',
  clientMsgId: 'c-1',
};

function parse(text: string) {
  const bytes = Buffer.from(text);
  return parseRecords(bytes, lastCompleteLineEnd(bytes));
}

const withFiles: ChatMessage = {
  seq: 9,
  ts: 1_700_000_000_000,
  from: { id: 'p3', name: 'Bo', kind: 'rich' },
  text: '',
  files: [
    {
      id: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      name: '照片.jpg',
      size: 12,
      type: 'image/jpeg',
      sha256: 'a'.repeat(64),
      image: { width: 4, height: 3 },
    },
    { id: 'BBBBBBBBBBBBBBBBBBBBBBBB', name: 'a.zip', size: 0, type: 'application/zip', sha256: 'b'.repeat(64) },
  ],
};

describe('records', () => {
  it('keeps the files a message shared, exactly their fields', () => {
    const extra = { ...withFiles, files: withFiles.files!.map((f) => ({ ...f, path: '/secret' })) } as ChatMessage;
    expect(parse(encodeRecord(extra)).records).toEqual([withFiles]);
  });

  it('counts a record whose files are malformed as corrupt', () => {
    const bad = (files: unknown) => {
      const json = JSON.stringify({ ...withFiles, files });
      return `${createHash('sha1').update(json).digest('hex').slice(0, 8)} ${json}\n`;
    };
    const file = withFiles.files![1]!;
    for (const files of [
      'x',
      [{ ...file, id: '../x' }],
      [{ ...file, size: -1 }],
      [{ ...file, sha256: 'zz' }],
      [{ ...file, image: 'big' }],
    ]) {
      expect(parse(bad(files)), JSON.stringify(files)).toEqual({ records: [], corrupt: 1 });
    }
  });

  it('writes one line per message, checksum first, and reads it back as it was', () => {
    const line = encodeRecord(message);
    expect(line).toMatch(/^[0-9a-f]{8} \{.*\}\n$/);
    expect(line.split('\n')).toHaveLength(2);
    expect(parse(line + encodeRecord({ ...message, seq: 8, clientMsgId: undefined }))).toEqual({
      records: [message, { seq: 8, ts: message.ts, from: message.from, text: message.text }],
      corrupt: 0,
    });
  });

  it('stores only the fields of a chat message', () => {
    const extra = { ...message, type: 'chat', from: { ...message.from, address: '10.0.0.7' } } as ChatMessage;
    expect(parse(encodeRecord(extra)).records).toEqual([message]);
  });

  it('counts a line whose checksum, JSON or shape is wrong as corrupt and keeps the lines around it', () => {
    const good = encodeRecord(message);
    const flipped = good.replace('two', 'tw0');
    const notJson = '00000000 {"seq":\n';
    const json = JSON.stringify({ seq: 0, ts: 1, from: { id: 'x', name: 'y', kind: 'robot' }, text: 't' });
    const wrongShape = `${createHash('sha1').update(json).digest('hex').slice(0, 8)} ${json}\n`;
    expect(parse(good + flipped + notJson + wrongShape + '\n' + good)).toEqual({ records: [message, message], corrupt: 3 });
  });

  it('leaves out a last line without its newline: it is still being written', () => {
    const good = encodeRecord(message);
    const bytes = Buffer.from(good + good.slice(0, 20));
    expect(lastCompleteLineEnd(bytes)).toBe(Buffer.byteLength(good));
    expect(parse(good + good.slice(0, 20))).toEqual({ records: [message], corrupt: 0 });
  });

  it('keeps room events with the messages and reads each back as it was', () => {
    const events: RoomEvent[] = [
      { type: 'join', ts: 1, afterSeq: 0, participant: message.from },
      { type: 'leave', ts: 2, afterSeq: 7, participant: message.from, reason: 'banned' },
      { type: 'rename', ts: 3, afterSeq: 7, participant: { ...message.from, name: 'Bo' }, oldName: 'Bo 博' },
      { type: 'moderation', ts: 4, afterSeq: 7, action: 'mute', target: { name: 'Bo', id: 'p3' }, until: null },
      { type: 'moderation', ts: 5, afterSeq: 7, action: 'room-name', name: 'New', oldName: 'Old' },
      { type: 'moderation', ts: 6, afterSeq: 7, action: 'slow-mode', seconds: 0 },
    ];
    const text = [message, ...events].map(encodeRecord).join('');
    expect(parse(text)).toEqual({ records: [message, ...events], corrupt: 0 });
  });

  it('counts an event without the fields its kind shows as corrupt', () => {
    const line = (value: object) => {
      const json = JSON.stringify(value);
      return `${createHash('sha1').update(json).digest('hex').slice(0, 8)} ${json}\n`;
    };
    const broken = [
      { type: 'join', ts: 1, afterSeq: 0 },
      { type: 'moderation', ts: 1, afterSeq: 0, action: 'mute', target: 'Bo', until: null },
      { type: 'moderation', ts: 1, afterSeq: 0, action: 'explode' },
      { type: 'rename', ts: 1, afterSeq: 0, participant: message.from },
    ];
    expect(parse(broken.map(line).join(''))).toEqual({ records: [], corrupt: 4 });
  });

  it('a tombstone takes the place of its message and is not a record of its own', () => {
    const stone: ChatMessage = { seq: 7, ts: message.ts, from: message.from, text: '', removed: true };
    const other = { ...message, seq: 8 };
    const { records } = parse([message, other, stone, { ...stone, seq: 3 }].map(encodeRecord).join(''));
    expect(applyTombstones(records)).toEqual([stone, other]);
  });
});
