// Chat text as React text nodes, with http(s) links opened in a new tab that gets no handle on this page.
// The text takes its direction from its own first letters and is isolated from what is around it; each
// link is isolated again, left to right, so no bidi control in the message can reorder how it reads
// (linkify.ts decides what a link shows). The full address is also its tooltip.
import { memo } from 'react';
import { linkify } from './linkify.js';

export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <span className="message-text" dir="auto">
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          <bdi key={i} dir="ltr">
            <a href={part.href} title={part.href} target="_blank" rel="noopener noreferrer">
              {part.text}
            </a>
          </bdi>
        ) : (
          part.text
        ),
      )}
    </span>
  );
});
