// The files of one message, as both pages show them: pictures as previews in a grid (each a link to the
// full picture, which opens in the picture viewer), every other file as a card with a type tile, its
// name as the download link, and its size. Previews load lazily and are never the originals: a long
// conversation of photos fetches only the small previews of what is on screen.
import { memo, type MouseEvent } from 'react';
import { downloadUrl, fileKind, fileUrl, formatFileSize, previewUrl } from '../../common/files.js';
import type { FileRef } from '../../common/model.js';

/** A preview is drawn within this box (CSS pixels); its width and height attributes keep the layout still while it loads. */
const BOX = 240;

export interface FileActions {
  /** Shows a picture at full size. */
  openPicture(file: FileRef): void;
  /** Set in the host window: a download is saved through a dialog instead of following the link. */
  save?(file: FileRef): void;
  /** Set in the host window: shows the file in the system's file manager. */
  show?: { label: string; run(file: FileRef): void };
}

export const FileList = memo(function FileList({ files, actions }: { files: readonly FileRef[]; actions: FileActions }) {
  const pictures = files.filter((file) => file.image !== undefined);
  const others = files.filter((file) => file.image === undefined);
  return (
    <div className="files">
      {pictures.length > 0 && (
        <div className={`pictures pictures-${Math.min(pictures.length, 3)}`}>
          {pictures.map((file) => (
            <Picture key={file.id} file={file} single={pictures.length === 1} open={actions.openPicture} />
          ))}
        </div>
      )}
      {others.map((file) => (
        <FileCard key={file.id} file={file} actions={actions} />
      ))}
    </div>
  );
});

function Picture({ file, single, open }: { file: FileRef; single: boolean; open: (file: FileRef) => void }) {
  const { width, height } = file.image!;
  const scale = single ? Math.min(1, BOX / Math.max(width, height)) : Math.min(1, BOX / 2 / Math.min(width, height));
  const onClick = (event: MouseEvent) => {
    // A plain click shows the picture here; a middle click or Ctrl+click still opens the link.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open(file);
  };
  return (
    <a className="picture" href={fileUrl(file)} onClick={onClick}>
      <img
        src={previewUrl(file)}
        alt={file.name}
        width={Math.max(1, Math.round(width * scale))}
        height={Math.max(1, Math.round(height * scale))}
        loading="lazy"
        decoding="async"
      />
    </a>
  );
}

/** A download link's click handler where `save` is given (the host window): the file is saved through it, not by the link. */
export function saveInstead(save: FileActions['save'], file: FileRef): ((event: MouseEvent) => void) | undefined {
  return (
    save &&
    ((event) => {
      event.preventDefault();
      save(file);
    })
  );
}

/** The extension people know a file by ("PDF", "ZIP"), at most four letters. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  return /^[\p{L}\p{N}]{1,4}$/u.test(extension) ? extension.toUpperCase() : '';
}

function FileCard({ file, actions: { save, show } }: { file: FileRef; actions: FileActions }) {
  const kind = fileKind(file.type);
  return (
    <div className={`file-card kind-${kind}`}>
      <span className="file-tile" aria-hidden="true">
        {extensionOf(file.name) || kind.slice(0, 3).toUpperCase()}
      </span>
      <span className="file-text">
        <a className="file-name" href={downloadUrl(file)} download={file.name} onClick={saveInstead(save, file)}>
          {file.name}
        </a>
        <span className="file-size">{formatFileSize(file.size)}</span>
      </span>
      {show && (
        <button type="button" className="link-button file-show" onClick={() => show.run(file)}>
          {show.label}
        </button>
      )}
    </div>
  );
}
