/** Netskope's "Add OAuth Client Name" modal: one CLIENT NAME field, CANCEL / SAVE (docs/netskope.md §3.2). */
import { useState, type FormEvent } from 'react';
import type { NewToken } from '../../../../server/admin/contract';
import { errorMessage } from '../../api/admin-error';
import { Modal } from '../../components/modal';
import { useTokens } from '../../stores/tokens-store';

interface Props {
  onClose(): void;
  onCreated(token: NewToken): void;
}

/** The add-token form. */
export function AddTokenModal({ onClose, onCreated }: Props) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = useTokens((s) => s.create);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Enter a client name, e.g. OKTA.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await create(name.trim()));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Add OAuth Client Name"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            CANCEL
          </button>
          <button type="submit" form="add-token-form" className="button primary" disabled={busy}>
            {busy ? 'SAVING…' : 'SAVE'}
          </button>
        </>
      }
    >
      <form id="add-token-form" onSubmit={(e) => void save(e)} noValidate>
        <label className="field">
          CLIENT NAME
          <input
            type="text"
            value={name}
            maxLength={128}
            data-autofocus
            placeholder="OKTA"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
        </label>
        <p className="muted small">
          One token per SCIM client is recommended, so the log shows which one called.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
