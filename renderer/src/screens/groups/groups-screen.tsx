/** Groups, mirroring Settings › Security Cloud Platform › Groups (docs/netskope.md §15). */
import { useEffect, useState } from 'react';
import { Busy, EmptyState, ErrorBanner } from '../../components/notice';
import { RangeFooter } from '../../components/range-footer';
import { VirtualTable } from '../../components/virtual-table';
import { nextSort } from '../../lib/sort';
import { SEARCH_DEBOUNCE_MS } from '../../lib/search-debounce';
import { GROUPS_SEARCH } from '../../lib/search-boxes';
import { useDebounced } from '../../lib/use-debounced';
import { useRange } from '../../lib/use-range';
import { useGroups } from '../../stores/groups-store';
import { useNav } from '../../stores/nav-store';
import { GROUP_COLUMNS } from './group-columns';
import { GroupModal } from './group-modal';

/** The Groups screen. */
export function GroupsScreen() {
  const { query, total, loading, error, setQuery, ensureRange, rowAt } = useGroups();
  const itemId = useNav((s) => s.itemId);
  const go = useNav((s) => s.go);
  const closeItem = useNav((s) => s.closeItem);
  const [search, setSearch] = useState(query.search);
  const debounced = useDebounced(search, SEARCH_DEBOUNCE_MS);
  const { first, last, onRange } = useRange(ensureRange);

  useEffect(() => {
    const s = useGroups.getState();
    if (debounced !== s.query.search || s.total === null) s.setQuery({ ...s.query, search: debounced });
    else s.refresh();
  }, [debounced]);

  return (
    <div className="screen fill">
      <header className="screen-head">
        <div>
          <div className="breadcrumb">Settings › Security Cloud Platform</div>
          <h1>Groups</h1>
        </div>
      </header>
      <div className="toolbar">
        <input
          type="search"
          aria-label={GROUPS_SEARCH.label}
          placeholder={GROUPS_SEARCH.placeholder}
          title={GROUPS_SEARCH.title}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {search !== debounced && <span className="muted small">Searching…</span>}
      </div>
      {error && <ErrorBanner onRetry={() => useGroups.getState().refresh()}>{error}</ErrorBanner>}
      <div className="table-column">
        {total === null && !error ? (
          <Busy>Loading groups…</Busy>
        ) : (
          <VirtualTable
            label="Groups"
            columns={GROUP_COLUMNS}
            rowCount={total ?? 0}
            rowAt={rowAt}
            rowKey={(g) => g.id}
            onRange={onRange}
            onOpen={(g) => go('groups', g.id)}
            selectedKey={itemId}
            sort={{ by: query.sortBy, order: query.sortOrder }}
            onSort={(key) => {
              const sort = nextSort({ by: query.sortBy, order: query.sortOrder }, key);
              setQuery({ ...query, sortBy: sort.by, sortOrder: sort.order });
            }}
            empty={
              query.search ? (
                <EmptyState title={`No group matches “${query.search}”`} />
              ) : (
                <EmptyState title="No groups yet">
                  In Okta, open Push Groups and push a group: it appears here with its members.
                </EmptyState>
              )
            }
          />
        )}
        <RangeFooter first={first} last={last} total={total} loading={loading} noun="groups" />
      </div>
      {itemId && <GroupModal id={itemId} onClose={closeItem} />}
    </div>
  );
}
