// A short two-tone chime made with WebAudio (no audio file to download). Browsers only let audio start
// after a user gesture, so `unlockSound` is called from the click that turns sound on.

let context: AudioContext | null = null;
let lastPlayed = 0;
/** Several messages in a burst make one chime. */
const MIN_GAP_MS = 1_500;

export function unlockSound(): void {
  context ??= new AudioContext();
  void context.resume();
}

export function playChime(): void {
  const now = Date.now();
  if (!context || now - lastPlayed < MIN_GAP_MS) return;
  lastPlayed = now;
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.12, 1320],
  ] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.3);
  }
}
