// The three ways files come into the page, and how their uploads show: the attach button (a file input
// named "Attach files", several at once; on phones it offers the photo library, the camera and files),
// a camera button on touch screens, paste into the message box and drag and drop anywhere on the page
// (renderer/shared/file-drop.ts) with a drop zone that says so; then each upload with its progress,
// speed, a cancel button, and a failure in words.
import { memo, useState, useSyncExternalStore, type InputHTMLAttributes, type ReactNode } from 'react';
import { formatFileSize } from '../../../common/files.js';
import { useText, type Key, type Text } from '../peer-i18n.js';
import type { UploadFailure, UploadItem, UploadManager } from '../upload-manager.js';
import { CameraIcon, PaperclipIcon } from './peer-icons.js';

/** `disabled` while the person may not send (muted by the host). */
export function AttachButtons({ onFiles, disabled = false }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const t = useText();
  // A camera of its own only where there is one to hand: phones and tablets.
  const [touch] = useState(() => window.matchMedia('(pointer: coarse)').matches);
  return (
    <>
      {/* No `accept`: phones then offer the photo library, the camera and their files alike. */}
      <FileButton label={t('attachFiles')} icon={<PaperclipIcon />} onFiles={onFiles} disabled={disabled} multiple />
      {touch && (
        <FileButton
          label={t('takePhoto')}
          icon={<CameraIcon />}
          onFiles={onFiles}
          disabled={disabled}
          accept="image/*,video/*"
          capture="environment"
        />
      )}
    </>
  );
}

type FileButtonProps = { label: string; icon: ReactNode; onFiles: (files: File[]) => void } & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'disabled' | 'multiple' | 'accept' | 'capture'
>;

/** A file input drawn as an icon button: the input is visually hidden inside the label that shows the icon. */
function FileButton({ label, icon, onFiles, ...input }: FileButtonProps) {
  return (
    <label className="attach-button" title={label}>
      <input
        type="file"
        className="sr-only"
        aria-label={label}
        onChange={(e) => {
          // Copied out, so the input can be cleared for the next pick.
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          onFiles(files);
        }}
        {...input}
      />
      {icon}
    </label>
  );
}

const FAILURE_TEXT: Record<UploadFailure, Key> = {
  'too-large': 'failTooLarge',
  'storage-full': 'failStorageFull',
  'disk-full': 'failDiskFull',
  'too-many-uploads': 'failTooMany',
  'rate-limited': 'failRateLimited',
  unauthorized: 'failUnauthorized',
  'not-found': 'failNotFound',
  unreachable: 'failUnreachable',
  'bad-request': 'failOther',
  'offset-mismatch': 'failOther',
  'length-required': 'failOther',
  timeout: 'failOther',
  'bad-preview': 'failOther',
  cancelled: 'failOther',
};

/** The uploads under way and those that failed, above the message box. */
export const UploadTray = memo(function UploadTray({ uploads, maxFileBytes }: { uploads: UploadManager; maxFileBytes: number }) {
  const t = useText();
  const items = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
  if (items.length === 0) return null;
  return (
    <ul className="uploads" aria-label={t('uploads')}>
      {items.map((item) => (
        <li key={item.key} className={`upload upload-${item.phase}`}>
          {item.phase === 'failed' ? (
            <>
              <span className="upload-text" role="alert">
                {t('uploadFailed', {
                  name: item.name,
                  reason: t(FAILURE_TEXT[item.failure ?? 'bad-request'], { max: formatFileSize(maxFileBytes) }),
                })}
              </span>
              <button type="button" className="link-button" onClick={() => uploads.dismiss(item.key)}>
                {t('dismissUpload')}
              </button>
            </>
          ) : (
            <>
              <span className="upload-text">
                <span className="upload-name">{item.name}</span>
                <span className="upload-state">{stateText(item, t)}</span>
              </span>
              <progress max={Math.max(1, item.size)} value={item.sent} aria-label={item.name} />
              <button
                type="button"
                className="link-button"
                aria-label={t('cancelUpload', { name: item.name })}
                onClick={() => uploads.cancel(item.key)}
              >
                {t('cancel')}
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
});

function stateText(item: UploadItem, t: Text): string {
  if (item.phase === 'queued') return t('uploadQueued');
  if (item.phase === 'reconnecting') return t('uploadReconnecting', { sent: formatFileSize(item.sent) });
  const percent = item.size === 0 ? 100 : Math.floor((item.sent * 100) / item.size);
  return t('uploadProgress', {
    percent,
    sent: formatFileSize(item.sent),
    size: formatFileSize(item.size),
    speed: formatFileSize(Math.round(item.speed)),
  });
}
