// "Export history" with the save dialog faked and real files in a temp folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../common/model.js';

const dialog = vi.hoisted(() => ({
  answer: { canceled: false, filePath: '' as string | undefined },
  options: [] as { defaultPath?: string; filters?: { extensions: string[] }[] }[],
}));

vi.mock('electron', () => ({
  app: { getPath: () => '/home/host/Documents' },
  dialog: {
    showSaveDialog: async (...args: unknown[]) => {
      dialog.options.push(args.at(-1) as (typeof dialog.options)[number]);
      return dialog.answer;
    },
  },
}));

const { exportHistory } = await import('../../../electron/app/export.js');

const dir = mkdtempSync(join(tmpdir(), 'lan-chat-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  dialog.options = [];
});

const messages: ChatMessage[] = [
  { seq: 1, ts: Date.UTC(2026, 0, 2, 3, 4, 5), from: { id: 'h', name: 'Host', kind: 'host' }, text: 'welcome' },
  { seq: 2, ts: Date.UTC(2026, 0, 2, 3, 4, 6), from: { id: 'p', name: 'Ann', kind: 'rich' }, text: '<b>hi</b>' },
];

describe('exportHistory', () => {
  it('writes the chosen file in the chosen format', async () => {
    const path = join(dir, 'history.json');
    dialog.answer = { canceled: false, filePath: path };
    const result = await exportHistory(undefined, { format: 'json', roomName: 'Book club', messages: () => messages });
    expect(result).toEqual({ saved: true, path });
    const written = readFileSync(path, 'utf8');
    expect(written).toContain('Book club');
    expect(written).toContain('<b>hi</b>');
    expect(dialog.options[0]!.filters).toEqual([{ name: 'JSON', extensions: ['json'] }]);
    expect(dialog.options[0]!.defaultPath).toMatch(/^\/home\/host\/Documents\/lan-chat-\d{4}-\d{2}-\d{2}\.json$/);
  });

  it('reports a cancelled dialog without reading the history', async () => {
    dialog.answer = { canceled: true, filePath: undefined };
    const read = vi.fn(() => messages);
    expect(await exportHistory(undefined, { format: 'md', roomName: 'x', messages: read })).toEqual({
      saved: false,
      reason: 'cancelled',
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('reports a file that cannot be written as an error, not a crash', async () => {
    dialog.answer = { canceled: false, filePath: join(dir, 'missing-folder', 'history.txt') };
    const result = await exportHistory(undefined, { format: 'txt', roomName: 'x', messages: () => messages });
    expect(result).toMatchObject({ saved: false, reason: 'error', message: expect.stringContaining('ENOENT') });
  });
});
