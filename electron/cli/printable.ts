// Text from anyone on the network, made safe for a terminal: control characters (escape sequences) are
// shown as escapes, never sent to the terminal, and a message stays on one line.
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => (c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
