/**
 * A user's detail: "clicking on the username of a user to see which groups they belong to"
 * (docs/netskope.md §15), plus the raw SCIM JSON, the attributes the tenant ignored (opt-in
 * attributes not enabled, §5.3), its history (docs/history.md) and the requests that touched the user.
 */
import { useEffect } from 'react';
import { Drawer } from '../../components/drawer';
import { Busy, ErrorBanner } from '../../components/notice';
import { JsonView } from '../../components/json-view';
import { RequestsList } from '../../components/requests-list';
import { HistorySection } from '../../components/history-section';
import { StatusBadge } from '../../components/status-badge';
import { formatTime } from '../../lib/format-time';
import { useUserDetail } from '../../stores/detail-store';
import { useNav } from '../../stores/nav-store';

/** The side drawer for one user. */
export function UserDrawer({ id }: { id: string }) {
  const { item: user, error, open } = useUserDetail();
  const go = useNav((s) => s.go);
  const close = useNav((s) => s.closeItem);

  useEffect(() => {
    open(id);
    return () => open(null);
  }, [id, open]);

  return (
    <Drawer label="User detail" title={user ? user.userName : 'User'} itemKey={id} onClose={close}>
      {error && <ErrorBanner onRetry={() => useUserDetail.getState().refresh()}>{error}</ErrorBanner>}
      {!user && !error && <Busy>Loading the user…</Busy>}
      {user && (
        <>
          <section>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <StatusBadge active={user.active} deleted={user.deleted} />
              </dd>
              <dt>Email</dt>
              <dd>{user.email ?? '—'}</dd>
              <dt>Name</dt>
              <dd>{[user.givenName, user.familyName].filter(Boolean).join(' ') || '—'}</dd>
              <dt>displayName</dt>
              <dd>{user.displayName ?? '—'}</dd>
              <dt>SCIM id</dt>
              <dd className="mono">{user.id}</dd>
              <dt>externalId</dt>
              <dd className="mono">{user.externalId ?? '—'}</dd>
              <dt>Created</dt>
              <dd className="mono">{formatTime(user.created)}</dd>
              <dt>Updated</dt>
              <dd className="mono">{formatTime(user.modified)}</dd>
            </dl>
          </section>
          <section aria-labelledby="user-groups">
            <h3 id="user-groups">Groups ({user.groups.length})</h3>
            {user.groups.length === 0 ? (
              <p className="muted">Not a member of any group.</p>
            ) : (
              <ul className="plain-list">
                {user.groups.map((g) => (
                  <li key={g.id}>
                    <button type="button" className="link" onClick={() => go('groups', g.id)}>
                      {g.displayName}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="user-ignored">
            <h3 id="user-ignored">Ignored attributes</h3>
            {user.ignored.length === 0 ? (
              <p className="muted">None on the last write.</p>
            ) : (
              <>
                <p className="muted small">
                  Sent by the IdP but not stored: Netskope keeps these only once enabled (Settings › Enabled
                  attributes).
                </p>
                <ul className="warning-list">
                  {user.ignored.map((a) => (
                    <li key={a} className="mono">
                      {a}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <HistorySection id={user.id} />
          <section aria-labelledby="user-requests">
            <h3 id="user-requests">Requests</h3>
            <RequestsList requests={user.requests} />
          </section>
          <section aria-labelledby="user-json">
            <h3 id="user-json">SCIM resource</h3>
            <JsonView value={user.resource} label="User SCIM JSON" />
          </section>
        </>
      )}
    </Drawer>
  );
}
