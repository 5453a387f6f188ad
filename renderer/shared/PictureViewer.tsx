// A picture at full size over the page, with its name, a download button and a way back (the close
// button, Escape, or a click beside the picture). The original loads only here, when someone asks.
import { useEffect, useRef } from 'react';
import { downloadUrl, fileUrl, formatFileSize } from '../../common/files.js';
import type { FileRef } from '../../common/model.js';
import { saveInstead, type FileActions } from './FileList.js';
import type { SharedKey } from './shared-strings.js';

interface Props {
  file: FileRef;
  t: (key: SharedKey, values?: Record<string, string | number>) => string;
  onClose(): void;
  /** The host window saves through a dialog instead of following the link. */
  save?: FileActions['save'];
}

export function PictureViewer({ file, t, onClose, save }: Props) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);
  return (
    <div
      className="picture-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={file.name}
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <img src={fileUrl(file)} alt={file.name} />
      <div className="picture-bar">
        <span className="picture-title">
          {file.name} · {formatFileSize(file.size)}
        </span>
        <a
          className="picture-download"
          href={downloadUrl(file)}
          download={file.name}
          aria-label={t('downloadFile', { name: file.name })}
          onClick={saveInstead(save, file)}
        >
          {t('download')}
        </a>
        <button ref={close} type="button" className="picture-close" onClick={onClose}>
          {t('closePicture')}
        </button>
      </div>
    </div>
  );
}
