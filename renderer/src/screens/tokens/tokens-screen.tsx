/** Tokens, mimicking Netskope's Tools > Directory Tools > SCIM INTEGRATION tab (docs/netskope.md §3.2). */
import { useEffect, useState } from 'react';
import type { NewToken, TokenInfo } from '../../../../server/admin/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Busy, EmptyState, ErrorBanner } from '../../components/notice';
import { useConnect } from '../../stores/connect-store';
import { useNav } from '../../stores/nav-store';
import { useTokens } from '../../stores/tokens-store';
import { UrlRow } from '../connect/url-row';
import { AddTokenModal } from './add-token-modal';
import { TokenOnceModal } from './token-once-modal';
import { TokenTable } from './token-table';

/** The Tokens screen. */
export function TokensScreen() {
  const { tokens, loaded, error, load, revoke } = useTokens();
  const info = useConnect((s) => s.info);
  const go = useNav((s) => s.go);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<NewToken | null>(null);
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="screen">
      <header className="screen-head">
        <div>
          <div className="breadcrumb">Settings › Tools</div>
          <h1>Directory Tools</h1>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label="Directory tools">
        <button type="button" role="tab" className="tab" aria-selected="false" disabled title="Not emulated">
          ON-PREM INTEGRATION
        </button>
        <button type="button" role="tab" className="tab" aria-selected="true">
          SCIM INTEGRATION
        </button>
      </div>
      <p className="intro">
        The System for Cross-domain Identity Management (SCIM) allows users to be provisioned to Netskope. Use
        these settings to configure the Netskope SCIM server to receive user updates from other SCIM clients.{' '}
        <button type="button" className="link" onClick={() => go('connect')}>
          View Instructions
        </button>
      </p>
      {info && (
        <section className="panel" aria-label="SCIM Server URL">
          <UrlRow label="SCIM Server URL" url={info.publicBaseUrl ?? info.scimBaseUrl} />
        </section>
      )}
      <section className="panel" aria-labelledby="tokens-title">
        <div className="panel-head">
          <h2 id="tokens-title">OAUTH Token for SCIM Client (One Token for one instance recommended)</h2>
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            ADD TOKEN
          </button>
        </div>
        {error && <ErrorBanner onRetry={() => void load()}>{error}</ErrorBanner>}
        {!loaded ? (
          <Busy>Loading tokens…</Busy>
        ) : tokens.length === 0 ? (
          <EmptyState title="No tokens yet">
            Okta needs a token to call this tenant. Choose ADD TOKEN, name it after the client (e.g. OKTA),
            and paste the token into Okta.
          </EmptyState>
        ) : (
          <TokenTable tokens={tokens} onRevoke={setRevoking} />
        )}
      </section>
      {adding && (
        <AddTokenModal
          onClose={() => setAdding(false)}
          onCreated={(t) => {
            setAdding(false);
            setCreated(t);
          }}
        />
      )}
      {created && <TokenOnceModal token={created} onClose={() => setCreated(null)} />}
      {revoking && (
        <ConfirmDialog
          title="Revoke token?"
          confirmLabel="REVOKE"
          onConfirm={() => revoke(revoking.scimId)}
          onClose={() => setRevoking(null)}
        >
          <p>
            Requests with the token <strong>{revoking.clientName}</strong> ({revoking.tokenPrefix}…) will get
            401 at once. Okta will show provisioning errors until it is given a new token.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
