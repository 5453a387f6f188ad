// A round badge with a person's initials in a colour derived from their name (styles in chat.css).
import { hueIndex, initials } from './initials.js';

/** Names repeat on every message; working out initials (grapheme segmentation) once per name is enough. */
const MAX_CACHED = 1_000;
const looks = new Map<string, { text: string; hue: number }>();

function look(name: string): { text: string; hue: number } {
  let found = looks.get(name);
  if (!found) {
    if (looks.size >= MAX_CACHED) looks.clear();
    looks.set(name, (found = { text: initials(name), hue: hueIndex(name) }));
  }
  return found;
}

export function Avatar({ name, size = 'normal' }: { name: string; size?: 'normal' | 'small' }) {
  const { text, hue } = look(name);
  return (
    <span className={`avatar avatar-${size} hue-${hue}`} aria-hidden="true">
      {text}
    </span>
  );
}
