/**
 * The activity feed (docs/history.md "Activity feed"): what the IdP did, in plain language,
 * live and newest first; each line links to its request in the Request log and to its user or
 * group. Long feeds are drawn a window at a time.
 */
import { useCallback, useEffect } from 'react';
import { MeasuredList } from '../../components/measured-list';
import type { ActivityItem } from '../../../../server/admin/contract';
import { ErrorBanner } from '../../components/notice';
import { formatPreciseTime } from '../../lib/format-time';
import { useActivity } from '../../stores/activity-store';
import { useNav } from '../../stores/nav-store';

function Line({ item }: { item: ActivityItem }) {
  const go = useNav((s) => s.go);
  const r = item.resource;
  return (
    <div className={`activity-line level-${item.level}`} data-action={item.action}>
      <span className="muted mono small">{formatPreciseTime(item.time)}</span>{' '}
      <span className="activity-text">{item.text}</span>{' '}
      <button type="button" className="link small" onClick={() => go('log', item.requestId)}>
        request
      </button>
      {r && (
        <>
          {' · '}
          <button
            type="button"
            className="link small"
            onClick={() => go(r.type === 'User' ? 'users' : 'groups', r.id)}
          >
            {r.type === 'User' ? 'user' : 'group'}
          </button>
        </>
      )}
    </div>
  );
}

/** The feed panel. */
export function ActivityFeed() {
  const { items, error, loading, atEnd, reload, more } = useActivity();
  useEffect(() => {
    void reload();
  }, [reload]);
  const loadMore = useCallback(() => void more(), [more]);

  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      {error && <ErrorBanner onRetry={() => void reload()}>{error}</ErrorBanner>}
      {items.length === 0 && !loading && !error && (
        <p className="muted">Nothing yet: Okta&apos;s requests will be told here as they arrive.</p>
      )}
      <MeasuredList
        items={items}
        keyOf={(item) => item.requestId}
        render={(item) => <Line item={item} />}
        className="activity-list"
        ariaLabel="Activity feed"
        estimateSize={28}
        overscan={8}
        nearEnd={5}
        onNearEnd={atEnd ? undefined : loadMore}
      />
    </section>
  );
}
