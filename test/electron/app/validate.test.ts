// Argument parsers of the IPC channels: what the renderer may send, and the errors for everything else.
import { describe, expect, it } from 'vitest';
import {
  parseExportArgs,
  parseKickArgs,
  parseNoArgs,
  parseSendArgs,
  parseSetWifiArgs,
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
