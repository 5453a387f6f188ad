// Files that come into a page by paste or by drag and drop, the same on both pages.
import { useEffect, useState } from 'react';

/** Files on the clipboard of a paste (a screenshot, files copied in a file manager); none for plain text. */
export function filesFromClipboard(data: DataTransfer | null): File[] {
  return Array.from(data?.files ?? []);
}

/** A message box's paste handler: pasted files go to `onFiles` instead of into the box; text pastes as usual. */
export function pasteFiles(onFiles: (files: File[]) => void) {
  return (event: { clipboardData: DataTransfer | null; preventDefault(): void }) => {
    const files = filesFromClipboard(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    onFiles(files);
  };
}

/** Whether a drag carries files (not a selection of text being moved). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Files dropped anywhere on the page go to `onFiles`; while files are dragged over it, the page shows
 * a drop zone. Listens on the document, so no part of the page is a dead spot.
 */
export function useFileDrop(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      onFiles(Array.from(event.dataTransfer!.files));
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [onFiles]);
  return dragging;
}
