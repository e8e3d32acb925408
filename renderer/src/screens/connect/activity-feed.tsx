/**
 * The activity feed (docs/history.md "Activity feed"): what the IdP did, in plain language,
 * live and newest first; each line links to its request in the Request log and to its user or
 * group. Long feeds are drawn a window at a time.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
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
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void reload();
  }, [reload]);
  // The console is not built with React Compiler (as in virtual-table.tsx).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 28,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];
  useEffect(() => {
    if (last && last.index >= items.length - 5 && !atEnd) void more();
  }, [last, items.length, atEnd, more]);

  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      {error && <ErrorBanner onRetry={() => void reload()}>{error}</ErrorBanner>}
      {items.length === 0 && !loading && !error && (
        <p className="muted">Nothing yet: Okta&apos;s requests will be told here as they arrive.</p>
      )}
      <div ref={scrollRef} className="activity-list" role="list" aria-label="Activity feed">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={item.requestId}
                role="listitem"
                data-index={row.index}
                ref={virtualizer.measureElement}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${row.start}px)`,
                }}
              >
                <Line item={item} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
