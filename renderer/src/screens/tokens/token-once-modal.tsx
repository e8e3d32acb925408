/**
 * The new token, shown once. Netskope's REST API v2 page says "This token can not be retrieved
 * in the future" (docs/netskope.md §3.3); ScimDesk stores only a SHA-256 of it (docs/architecture.md).
 */
import type { NewToken } from '../../../../server/admin/contract';
import { CopyButton } from '../../components/copy-button';
import { Modal } from '../../components/modal';

/** Confirmation with the secret and its copy button. */
export function TokenOnceModal({ token, onClose }: { token: NewToken; onClose(): void }) {
  return (
    <Modal
      title="SCIM Account information saved."
      onClose={onClose}
      actions={
        <button type="button" className="button primary" onClick={onClose}>
          OK
        </button>
      }
    >
      <p>
        Token for <strong>{token.clientName}</strong>:
      </p>
      <div className="secret">
        <code className="secret-text" data-testid="new-token" tabIndex={0}>
          {token.token}
        </code>
        <CopyButton text={token.token} label="Copy token" />
      </div>
      <p className="banner banner-info" role="note">
        Copy it now: this token won't be shown again. ScimDesk keeps only a hash of it. Paste it into Okta as
        the API token (Provisioning › Integration).
      </p>
    </Modal>
  );
}
