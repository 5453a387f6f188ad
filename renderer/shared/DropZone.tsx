// What covers the page while files are dragged over it (styles in chat.css): where to let go.
export function DropZone({ text }: { text: string }) {
  return (
    <div className="drop-zone" aria-hidden="true">
      <p>{text}</p>
    </div>
  );
}
