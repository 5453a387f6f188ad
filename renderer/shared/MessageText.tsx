// Chat text as React text nodes, with http(s) links opened in a new tab that gets no handle on this page.
import { memo } from 'react';
import { linkify } from './linkify.js';

export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <span className="message-text">
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </span>
  );
});
