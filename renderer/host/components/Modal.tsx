// A modal on the native <dialog>: the browser traps focus, makes the rest inert and closes on Esc.
// Mounted only while open; closing (Esc, a button, the backdrop) goes through `onClose`.
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({
  label,
  onClose,
  className = '',
  children,
}: {
  /** Accessible name of the dialog. */
  label: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    dialog.showModal();
    const close = () => onCloseRef.current();
    dialog.addEventListener('close', close);
    return () => {
      dialog.removeEventListener('close', close);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`modal ${className}`}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself, outside its content box.
        if (event.target === ref.current) ref.current.close();
      }}
    >
      {children}
    </dialog>
  );
}

/** Asks before something that can't be undone; the confirm button is the dangerous one. */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal label={title} onClose={onClose} className="confirm">
      <div className="modal-body">
        <h2>{title}</h2>
        <p>{body}</p>
      </div>
      <div className="modal-actions">
        <button type="button" className="button" autoFocus onClick={onClose}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
