// A round badge with a person's initials in a colour derived from their name (styles in chat.css).
import { hueIndex, initials } from './names.js';

export function Avatar({ name, size = 'normal' }: { name: string; size?: 'normal' | 'small' }) {
  return (
    <span className={`avatar avatar-${size} hue-${hueIndex(name)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
