/**
 * A modal on the native <dialog> element: showModal() gives focus trapping, Esc to close and an
 * inert page behind it without any script of ours (WHATWG HTML §4.11.4), so keyboard users get
 * the same modal as mouse users.
 */
import { useEffect, useEffectEvent, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: ReactNode;
  /** called on Esc, on the close button and on a backdrop click */
  onClose(): void;
  children: ReactNode;
  /** the buttons row */
  actions?: ReactNode;
  wide?: boolean;
}

/** A titled modal dialog, open while mounted. */
export function Modal({ title, onClose, children, actions, wide }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCancelEvent = useEffectEvent(() => onClose());

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // React implements autoFocus with a focus() call before this effect runs, and showModal()
    // then moves focus to the first focusable element; mark the intended one with data-autofocus.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCancelEvent();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal-wide' : 'modal'}
      aria-labelledby={titleId}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="modal-box">
        <header className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {actions && <footer className="modal-actions">{actions}</footer>}
      </div>
    </dialog>
  );
}
