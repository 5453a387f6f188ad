// A person's name, isolated from the text around it: right-to-left letters in a name never reorder
// the words, numbers or badges beside it (the room has already removed bidi controls from names).

/** As an element: `<bdi>`. */
export function Name({ name }: { name: string }) {
  return <bdi>{name}</bdi>;
}

/** Inside a sentence built as a string (presence lines, "is typing"): between FSI and PDI, the same isolation. */
export function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}
