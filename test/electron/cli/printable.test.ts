// Text from the network on a terminal: escapes shown, never run; one line per message.
import { describe, expect, it } from 'vitest';
import { printable } from '../../../electron/cli/printable.js';

describe('printable', () => {
  it('shows control characters as escapes and keeps everything else', () => {
    expect(printable('red \u001b[31m bell \u0007 two\nlines 你好 \u009b')).toBe('red \\x1b[31m bell \\x07 two\\nlines 你好 \\x9b');
  });
});
