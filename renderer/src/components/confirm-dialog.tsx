import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/admin-error';
import { Modal } from './modal';

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** may be async: the dialog shows progress and any error, and closes when it resolves */
  onConfirm(): unknown;
  onClose(): void;
}

/** A destructive-action confirmation (revoke token, clear log). Cancel has the initial focus. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            CANCEL
          </button>
          <button type="button" className="button danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
