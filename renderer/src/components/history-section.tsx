/**
 * A user's or group's History (docs/history.md): versions newest first, each with its kind,
 * Okta action, time, token, a link to the request, and its diff (old → new) or the members
 * added and removed. Only the versions in view are drawn (@tanstack/react-virtual with measured
 * heights), and older pages load as the list nears its end, so thousands of versions and a
 * 100,000-member push stay smooth.
 */
import { useEffect } from 'react';
import { MeasuredList } from './measured-list';
import type { MemberRef, Version } from '../../../server/admin/contract';
import { formatPreciseTime } from '../lib/format-time';
import { ActionLabel } from './action-label';
import { useHistory } from '../stores/history-store';
import { useNav } from '../stores/nav-store';
import { ErrorBanner } from './notice';

const KIND_LABELS: Record<Version['kind'], string> = {
  create: 'Created',
  replace: 'Replaced (PUT)',
  patch: 'Patched',
  rename: 'Renamed',
  deactivate: 'Deactivated',
  reactivate: 'Reactivated',
  delete: 'Deleted',
  members: 'Membership',
  ignored: 'Ignored attributes',
  'dropped-members': 'Dropped members',
};

/** Member names shown per version; the count says the rest. */
const SHOWN = 12;

function show(v: unknown): string {
  if (v === null || v === undefined) return '∅';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function Members({ label, list, count }: { label: string; list: MemberRef[]; count: number }) {
  if (count === 0) return null;
  const names = list.slice(0, SHOWN).map((m) => m.display ?? m.id);
  return (
    <div className="history-members">
      <strong>{label}</strong> {count}: {names.join(', ')}
      {count > names.length && <span className="muted"> and {count - names.length} more</span>}
    </div>
  );
}

function VersionRow({ v }: { v: Version }) {
  const go = useNav((s) => s.go);
  return (
    <div className={`history-version kind-${v.kind}`} data-kind={v.kind}>
      <div className="history-head">
        <strong>{KIND_LABELS[v.kind]}</strong>
        {v.action && (
          <span className="history-action">
            {' '}
            · <ActionLabel action={v.action} />
          </span>
        )}
        <span className="muted mono"> · {formatPreciseTime(v.time)}</span>
        {v.tokenName && <span className="muted"> · {v.tokenName}</span>}
        {v.fault && <span className="form-error"> · fault rule {v.fault}</span>}
        {v.requestId && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => go('log', v.requestId)}>
              request
            </button>
          </>
        )}
      </div>
      {v.kind === 'ignored' ? (
        <div className="mono small">{v.diff.map((d) => d.path).join(', ')}</div>
      ) : (
        v.diff.length > 0 && (
          <ul className="history-diff">
            {v.diff.map((d) => (
              <li key={d.path}>
                <span className="mono">{d.path}</span>: <del className="old">{show(d.old)}</del> →{' '}
                <ins className="new">{show(d.new)}</ins>
              </li>
            ))}
          </ul>
        )
      )}
      {v.kind === 'dropped-members' ? (
        <Members label="Dropped" list={v.membersAdded} count={v.membersAddedCount} />
      ) : (
        <>
          <Members label="Added" list={v.membersAdded} count={v.membersAddedCount} />
          <Members label="Removed" list={v.membersRemoved} count={v.membersRemovedCount} />
        </>
      )}
    </div>
  );
}

/** The History section of a drawer. */
export function HistorySection({ id }: { id: string }) {
  const { versions, truncated, loading, error, nextBeforeSeq, open, more } = useHistory();
  useEffect(() => {
    open(id);
    return () => open(null);
  }, [id, open]);

  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      {error && <ErrorBanner onRetry={() => useHistory.getState().refresh()}>{error}</ErrorBanner>}
      {truncated && (
        <p className="muted small">
          Older versions were dropped by the history size cap (Settings › History).
        </p>
      )}
      {versions.length === 0 && !loading && !error && <p className="muted">No versions recorded.</p>}
      <MeasuredList
        items={versions}
        keyOf={(v) => v.seq}
        render={(v) => <VersionRow v={v} />}
        className="history-list"
        ariaLabel="History versions"
        estimateSize={64}
        overscan={6}
        nearEnd={10}
        onNearEnd={nextBeforeSeq !== null ? more : undefined}
      />
    </section>
  );
}
