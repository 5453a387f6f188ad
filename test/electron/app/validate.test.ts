// Argument parsers of the IPC channels: what the renderer may send, and the errors for everything else.
import { describe, expect, it } from 'vitest';
import {
  parseExportArgs,
  parseFileIdArgs,
  parseIdArgs,
  parseKickArgs,
  parseNoArgs,
  parseRestrictArgs,
  parseSendArgs,
  parseSeqArgs,
  parseSetPinArgs,
  parseSetWifiArgs,
  parseShareFilesArgs,
  parseSlowModeArgs,
  parseSwitchArgs,
  parseUpdateSettingsArgs,
} from '../../../electron/app/validate.js';

describe('parseSendArgs', () => {
  const parse = parseSendArgs(16);

  it('accepts text up to the byte limit, newlines and tabs included', () => {
    expect(parse(['hello'])).toEqual(['hello']);
    expect(parse(['line 1\n\tline 2'])).toEqual(['line 1\n\tline 2']);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(parse(['一二三四五'])).toEqual(['一二三四五']); // 15 bytes
    expect(() => parse(['一二三四五六'])).toThrow('18 bytes, over the limit of 16');
    expect(() => parse(['x'.repeat(17)])).toThrow(TypeError);
  });

  it.each([
    [[42], 'must be a string'],
    [[null], 'must be a string'],
    [[{ toString: () => 'hi' }], 'must be a string'],
    [[''], 'empty'],
    [['  \n '], 'empty'],
    [['bell\u0007'], 'control characters'],
    [['esc\u001b[31m'], 'control characters'],
    [[], 'expected 1 argument(s), got 0'],
    [['a', 'b'], 'expected 1 argument(s), got 2'],
  ])('rejects %j (%s)', (args, message) => {
    expect(() => parse(args)).toThrow(message);
  });
});

describe('parseKickArgs', () => {
  it('accepts a client id', () => {
    expect(parseKickArgs(['c1'])).toEqual(['c1']);
  });
  it.each([[[1]], [['']], [['x'.repeat(129)]], [[]], [['a', 'b']]])('rejects %j', (args) => {
    expect(() => parseKickArgs(args)).toThrow(TypeError);
  });
});

describe('parseUpdateSettingsArgs', () => {
  it('returns the validated update', () => {
    expect(parseUpdateSettingsArgs([{ port: 8080, theme: 'dark' }])).toEqual([{ port: 8080, theme: 'dark' }]);
  });
  it.each([
    [[{ port: 70000 }], 'port'],
    [[{ port: '8080' }], 'port'],
    [[{ nodeIntegration: true }], 'unknown setting'],
    [['port=1'], 'settings must be an object'],
    [[null], 'settings must be an object'],
    [[], 'expected 1 argument'],
  ])('rejects %j', (args, message) => {
    expect(() => parseUpdateSettingsArgs(args)).toThrow(message);
    expect(() => parseUpdateSettingsArgs(args)).toThrow(/^lan-chat:update-settings: /);
  });
});

describe('parseExportArgs', () => {
  it.each(['txt', 'json', 'md'])('accepts %s', (format) => {
    expect(parseExportArgs([format])).toEqual([format]);
  });
  it.each([[['pdf']], [['../../etc/passwd']], [[1]], [[]]])('rejects %j', (args) => {
    expect(() => parseExportArgs(args)).toThrow(TypeError);
  });
});

describe('parseNoArgs', () => {
  it('accepts no arguments and nothing else', () => {
    const parse = parseNoArgs('lan-chat:get-snapshot');
    expect(parse([])).toEqual([]);
    expect(() => parse([{}])).toThrow('lan-chat:get-snapshot: expected 0 argument(s), got 1');
  });
});

describe('parseSetWifiArgs', () => {
  const home = { ssid: 'Home', password: 'correct horse', security: 'WPA', hidden: false };
  it('accepts a valid network or null (remove)', () => {
    expect(parseSetWifiArgs([home])).toEqual([home]);
    expect(parseSetWifiArgs([null])).toEqual([null]);
  });
  it.each([
    [[], 'expected 1 argument(s), got 0'],
    [['Home'], 'must be an object'],
    [[{ ...home, password: 'short' }], 'password.WPA'],
    [[{ ...home, ssid: 'bad\u0000' }], 'characters'],
    [[{ ...home, security: 'WPA9' }], 'security must be one of'],
  ])('rejects %j (%s)', (args, message) => {
    expect(() => parseSetWifiArgs(args)).toThrow(message);
  });
});

describe('file arguments', () => {
  const parse = parseShareFilesArgs(100);
  it('takes absolute paths and bytes with a name, and a caption', () => {
    const preview = { bytes: new Uint8Array(10), width: 4, height: 3 };
    const bytes = new Uint8Array([1, 2]);
    expect(
      parse([
        [
          { path: '/home/ann/a.pdf', preview },
          { bytes, name: 'x.png', type: 'image/png' },
        ],
        'look',
      ]),
    ).toEqual([
      [
        { path: '/home/ann/a.pdf', preview },
        { bytes, name: 'x.png', type: 'image/png' },
      ],
      'look',
    ]);
  });

  it.each([
    [[[], ''], /share 1 to 20 files/],
    [[[{ path: '/a' }], 'x'.repeat(101)], /caption/],
    [[[{ path: 'relative/a.pdf' }], ''], /absolute/],
    [[[{ path: '/a\0b' }], ''], /absolute/],
    [[[{ bytes: 'not bytes', name: 'a', type: '' }], ''], /bytes/],
    [[[{ bytes: new Uint8Array(1) }], ''], /name and a type/],
    [[[{ path: '/a', preview: { bytes: new Uint8Array(1), width: 0, height: 1 } }], ''], /preview/],
    [[Array.from({ length: 21 }, () => ({ path: '/a' })), ''], /share 1 to 20 files/],
  ])('refuses %j', (args, message) => {
    expect(() => parse(args as unknown[])).toThrow(message);
  });

  it('takes only file ids', () => {
    expect(parseFileIdArgs('lan-chat:save-file')(['AAAAAAAAAAAAAAAAAAAAAAAA'])).toEqual(['AAAAAAAAAAAAAAAAAAAAAAAA']);
    for (const id of ['../x', '', 42, 'a'.repeat(100)]) expect(() => parseFileIdArgs('lan-chat:show-file')([id])).toThrow('not a file id');
  });
});

describe('the moderation parsers', () => {
  it('take ids, minutes or null, switches, slow-mode seconds, a PIN and a choice, a seq', () => {
    expect(parseIdArgs('lan-chat:unban')(['b1'])).toEqual(['b1']);
    expect(parseRestrictArgs('lan-chat:ban')(['p2', 10])).toEqual(['p2', 10]);
    expect(parseRestrictArgs('lan-chat:mute')(['p2', null])).toEqual(['p2', null]);
    expect(parseSwitchArgs('lan-chat:set-locked')([true])).toEqual([true]);
    expect(parseSlowModeArgs([0])).toEqual([0]);
    expect(parseSlowModeArgs([3600])).toEqual([3600]);
    expect(parseSetPinArgs(['2468', false])).toEqual(['2468', false]);
    expect(parseSetPinArgs(['', true])).toEqual([null, true]);
    expect(parseSeqArgs([12])).toEqual([12]);
  });

  it.each<[string, () => unknown, string]>([
    ['an id that is not a string', () => parseIdArgs('lan-chat:admit')([7]), 'lan-chat:admit: the id must be a non-empty string'],
    ['an over-long id', () => parseIdArgs('lan-chat:unmute')(['x'.repeat(129)]), 'the id must be'],
    ['minutes of 0', () => parseRestrictArgs('lan-chat:ban')(['p1', 0]), 'lan-chat:ban: minutes must be a whole number'],
    ['minutes as text', () => parseRestrictArgs('lan-chat:mute')(['p1', '10']), 'minutes must be'],
    ['minutes missing', () => parseRestrictArgs('lan-chat:ban')(['p1']), 'expected 2 argument(s)'],
    ['a switch as text', () => parseSwitchArgs('lan-chat:set-waiting-room')(['on']), 'expected true or false'],
    ['slow mode past an hour', () => parseSlowModeArgs([3601]), 'seconds must be a whole number from 0'],
    ['slow mode in fractions', () => parseSlowModeArgs([1.5]), 'seconds must be'],
    ['a PIN of the wrong form', () => parseSetPinArgs(['12', false]), 'lan-chat:set-pin: a PIN is 4 to 32'],
    ['a PIN without the choice', () => parseSetPinArgs(['2468', 'yes']), 'removeConnected must be true or false'],
    ['seq 0', () => parseSeqArgs([0]), 'seq must be a whole number'],
  ])('rejects %s', (_what, parse, message) => {
    expect(parse).toThrow(TypeError);
    expect(parse).toThrow(message);
  });
});
