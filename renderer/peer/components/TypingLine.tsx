// "Alice is typing…" under the log. Not a live region: announcing every keystroke pause would drown
// out the messages themselves.
import { memo } from 'react';
import type { Typist } from '../chat-state.js';
import { isolated } from '../../shared/Name.js';
import { useText } from '../peer-i18n.js';

export const TypingLine = memo(function TypingLine({ typing }: { typing: readonly Typist[] }) {
  const t = useText();
  const [a, b] = typing;
  let text = '';
  if (typing.length === 1) text = t('typingOne', { name: isolated(a!.participant.name) });
  else if (typing.length === 2) text = t('typingTwo', { a: isolated(a!.participant.name), b: isolated(b!.participant.name) });
  else if (typing.length > 2) text = t('typingMany');
  return <p className="typing">{text}</p>;
});
