/**
 * One request in full: request and response headers and bodies (pretty JSON; the server
 * redacted Authorization, Netskope-Api-Token and password before storing), duration, the
 * resources touched (links), warnings and the PATCH style (path-less as Okta sends it, or
 * path-scoped, and op casing: docs/okta.md §2.11, docs/netskope.md "Emulator requirements").
 */
import { useEffect } from 'react';
import { Drawer } from '../../components/drawer';
import { HeadersView } from '../../components/headers-view';
import { JsonView } from '../../components/json-view';
import { Busy, ErrorBanner } from '../../components/notice';
import { HttpStatus } from '../../components/status-badge';
import { PreciseTime } from '../../components/precise-time';
import { formatDuration } from '../../lib/format-time';
import { useLogDetail } from '../../stores/detail-store';
import { useNav } from '../../stores/nav-store';

/** The log entry drawer. */
export function LogDetail({ id }: { id: string }) {
  const { item: e, error, open } = useLogDetail();
  const go = useNav((s) => s.go);
  const close = useNav((s) => s.closeItem);

  useEffect(() => {
    open(id);
    return () => open(null);
  }, [id, open]);

  return (
    <Drawer
      label="Request detail"
      title={e ? `${e.method} ${e.path}` : 'Request'}
      titleClassName="mono"
      itemKey={id}
      onClose={close}
    >
      {error && <ErrorBanner onRetry={() => useLogDetail.getState().refresh()}>{error}</ErrorBanner>}
      {!e && !error && <Busy>Loading the request…</Busy>}
      {e && (
        <>
          <section>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <HttpStatus status={e.status} />
              </dd>
              <dt>Time</dt>
              <dd>
                <PreciseTime iso={e.time} />
              </dd>
              <dt>Duration</dt>
              <dd className="mono">{formatDuration(e.durationMs)}</dd>
              <dt>Token</dt>
              <dd>
                {e.tokenName ?? <span className="muted">none / rejected</span>}
                {e.simulated && (
                  <>
                    {' '}
                    <span className="badge badge-sim" title="Sent by Simulate Okta, not by an IdP">
                      simulated
                    </span>
                  </>
                )}
              </dd>
              <dt>User-Agent</dt>
              <dd className="mono">{e.userAgent ?? '—'}</dd>
              {e.query && (
                <>
                  <dt>Query</dt>
                  <dd className="mono">{decodeQuery(e.query)}</dd>
                </>
              )}
              {e.fault && (
                <>
                  <dt>Fault</dt>
                  <dd>
                    Injected by rule “{e.fault.rule}” ({e.fault.action}
                    {e.fault.afterWrite ? ', after the request was applied' : ''})
                  </dd>
                </>
              )}
              {e.patchStyle && (
                <>
                  <dt>PATCH style</dt>
                  <dd>{e.patchStyle}</dd>
                </>
              )}
            </dl>
          </section>
          {e.warnings.length > 0 && (
            <section aria-labelledby="log-warnings">
              <h3 id="log-warnings">Warnings</h3>
              <ul className="warning-list">
                {e.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </section>
          )}
          {e.resources.length > 0 && (
            <section aria-labelledby="log-resources">
              <h3 id="log-resources">Resources touched</h3>
              <ul className="plain-list">
                {e.resources.map((r) => (
                  <li key={`${r.type}-${r.id}`}>
                    {r.type}:{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => go(r.type === 'User' ? 'users' : 'groups', r.id)}
                    >
                      {r.name ?? r.id}
                    </button>
                    {r.externalId && <span className="muted mono"> externalId {r.externalId}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="log-req">
            <h3 id="log-req">Request</h3>
            <HeadersView headers={e.requestHeaders} />
            <JsonView value={e.requestBody} label="Request body" />
          </section>
          <section aria-labelledby="log-res">
            <h3 id="log-res">Response</h3>
            <HeadersView headers={e.responseHeaders} />
            <JsonView value={e.responseBody} label="Response body" />
          </section>
        </>
      )}
    </Drawer>
  );
}

function decodeQuery(q: string): string {
  try {
    return decodeURIComponent(q.replace(/\+/g, ' '));
  } catch {
    return q;
  }
}
