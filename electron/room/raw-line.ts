// What `lws-minimal` readers get for a message the room composes itself, from a rich sender or the
// host: `Name: text`. A raw reader tells who wrote a line only by its start, so a composed message must
// not start a line that the room did not write: every further line of a multi-line message is indented
// by four spaces (as in the txt export), and control characters (terminal escapes) never get through.
// A raw sender's own bytes are not composed: raw-to-raw stays byte-exact (the compatibility contract).

// Whatever a raw reader may take as the end of a line.
const LINE_BREAKS = /\r\n?|[\n\u000b\u000c\u0085\u2028\u2029]/g;
// C0 and C1 controls but the tab (line breaks are handled above).
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
const CONTINUATION = '\n    ';

/** `name: text` as the frame raw readers get: further lines indented, controls removed. */
export function rawLine(name: string, text: string): Buffer {
  return Buffer.from(`${name}: ${text.replace(CONTROLS, '').replace(LINE_BREAKS, CONTINUATION)}`);
}
