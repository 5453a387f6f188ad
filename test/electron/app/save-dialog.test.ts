// Saving where the host chooses, with the save dialog faked: the dialog sits over the window when there
// is one, nothing is written when the host cancels, and a failed write is an answer, not a crash.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const dialog = vi.hoisted(() => ({
  answer: { canceled: false, filePath: '' as string | undefined },
  calls: [] as unknown[][],
}));

vi.mock('electron', () => ({
  dialog: {
    showSaveDialog: async (...args: unknown[]) => {
      dialog.calls.push(args);
      return dialog.answer;
    },
  },
}));

const { saveWithDialog } = await import('../../../electron/app/save-dialog.js');

beforeEach(() => {
  dialog.calls = [];
});

describe('saveWithDialog', () => {
  it('opens the dialog over the window, then writes to the chosen path', async () => {
    dialog.answer = { canceled: false, filePath: '/home/host/notes.txt' };
    const window = { id: 1 } as unknown as Parameters<typeof saveWithDialog>[0];
    const write = vi.fn(async () => {});
    expect(await saveWithDialog(window, { title: 'notes.txt' }, write)).toEqual({ saved: true, path: '/home/host/notes.txt' });
    expect(dialog.calls).toEqual([[window, { title: 'notes.txt' }]]);
    expect(write).toHaveBeenCalledWith('/home/host/notes.txt');
  });

  it('writes nothing when the host cancels', async () => {
    dialog.answer = { canceled: true, filePath: undefined };
    const write = vi.fn(async () => {});
    expect(await saveWithDialog(undefined, {}, write)).toEqual({ saved: false, reason: 'cancelled' });
    expect(dialog.calls).toEqual([[{}]]);
    expect(write).not.toHaveBeenCalled();
  });

  it('answers a failed write with its message', async () => {
    dialog.answer = { canceled: false, filePath: '/read-only/notes.txt' };
    const result = await saveWithDialog(undefined, {}, async () => {
      throw new Error('EACCES: permission denied');
    });
    expect(result).toEqual({ saved: false, reason: 'error', message: 'EACCES: permission denied' });
  });
});
