/** The live Request log: newest first, filters, detail drawer, pause, clear and export. */
import { useCallback, useEffect } from 'react';
import { Busy, EmptyState, ErrorBanner } from '../../components/notice';
import { VirtualTable } from '../../components/virtual-table';
import { isUnfiltered } from '../../stores/log-filters';
import { useLog } from '../../stores/log-store';
import { useNav } from '../../stores/nav-store';
import { useTokens } from '../../stores/tokens-store';
import { LOG_COLUMNS, LOG_COLUMNS_COMPACT } from './log-columns';
import { LogDetail } from './log-detail';
import { LogFilterBar } from './log-filter-bar';
import { LogToolbar } from './log-toolbar';

/** The Request log screen. */
export function LogScreen() {
  const entries = useLog((s) => s.entries);
  const loading = useLog((s) => s.loading);
  const error = useLog((s) => s.error);
  const filters = useLog((s) => s.filters);
  const itemId = useNav((s) => s.itemId);
  const go = useNav((s) => s.go);

  useEffect(() => {
    void useLog.getState().reload();
    void useTokens.getState().load();
  }, []);

  // Older entries load as the table nears its end (keyset paging by seq).
  const onRange = useCallback((_first: number, last: number) => {
    const s = useLog.getState();
    if (last >= s.entries.length - 20) s.loadOlder();
  }, []);
  const rowAt = useCallback((i: number) => entries[i], [entries]);

  return (
    <div className="screen fill">
      <header className="screen-head">
        <div>
          <div className="breadcrumb">Every SCIM request and response, newest first</div>
          <h1>Request log</h1>
        </div>
      </header>
      <LogFilterBar />
      <LogToolbar />
      {error && <ErrorBanner onRetry={() => void useLog.getState().reload()}>{error}</ErrorBanner>}
      <div className={itemId ? 'split log-split' : 'split closed'}>
        <div className="table-column">
          {entries.length === 0 && loading ? (
            <Busy>Loading the log…</Busy>
          ) : (
            <VirtualTable
              label="Request log"
              columns={itemId ? LOG_COLUMNS_COMPACT : LOG_COLUMNS}
              rowCount={entries.length}
              rowAt={rowAt}
              rowKey={(e) => e.id}
              onRange={onRange}
              onOpen={(e) => go('log', e.id)}
              selectedKey={itemId}
              rowHeight={32}
              keepPosition
              empty={
                isUnfiltered(filters) ? (
                  <EmptyState title="No requests yet">
                    Requests appear here the moment they arrive. Run Test API Credentials in Okta to see the
                    first one.
                  </EmptyState>
                ) : (
                  <EmptyState title="No request matches these filters" />
                )
              }
            />
          )}
        </div>
        {itemId && <LogDetail id={itemId} />}
      </div>
    </div>
  );
}
