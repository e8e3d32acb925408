/**
 * Users, mirroring Settings › Security Cloud Platform › Netskope Client › Users (docs/netskope.md
 * §15): server-side search and sort through `listUsers`, rows fetched in pages as the table
 * scrolls, so 100,000 users stay smooth. Live: `users-changed` patches the rows shown and
 * refetches only when one may move, appear or go (docs/live-updates.md).
 */
import { useEffect, useState } from 'react';
import { Icon } from '../../components/icons';
import { Busy, EmptyState, ErrorBanner } from '../../components/notice';
import { RangeFooter } from '../../components/range-footer';
import { VirtualTable } from '../../components/virtual-table';
import { nextSort } from '../../lib/sort';
import { SEARCH_DEBOUNCE_MS } from '../../lib/search-debounce';
import { USERS_SEARCH } from '../../lib/search-boxes';
import { useDebounced } from '../../lib/use-debounced';
import { useRange } from '../../lib/use-range';
import { useNav } from '../../stores/nav-store';
import { useUsers } from '../../stores/users-store';
import { USER_COLUMNS, USER_COLUMNS_COMPACT } from './user-columns';
import { UserDrawer } from './user-drawer';

/** The Users screen. */
export function UsersScreen() {
  const { query, total, loading, error, setQuery, ensureRange, rowAt } = useUsers();
  const itemId = useNav((s) => s.itemId);
  const go = useNav((s) => s.go);
  const [search, setSearch] = useState(query.search);
  const debounced = useDebounced(search, SEARCH_DEBOUNCE_MS);
  const { first, last, onRange } = useRange(ensureRange);

  useEffect(() => {
    const s = useUsers.getState();
    if (debounced !== s.query.search || s.total === null) s.setQuery({ ...s.query, search: debounced });
    else s.refresh();
  }, [debounced]);

  return (
    <div className="screen fill">
      <header className="screen-head">
        <div>
          <div className="breadcrumb">Settings › Security Cloud Platform › Netskope Client</div>
          <h1>Users</h1>
        </div>
        <div className="toolbar">
          <button type="button" className="button" disabled title="Not emulated: users arrive over SCIM">
            Add Users
          </button>
          <button type="button" className="button" disabled title="Not emulated">
            EXPORT USER KEYS
          </button>
        </div>
      </header>
      <div className="toolbar">
        <span className="funnel">
          <Icon name="funnel" />
        </span>
        <input
          type="search"
          aria-label={USERS_SEARCH.label}
          placeholder={USERS_SEARCH.placeholder}
          title={USERS_SEARCH.title}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={query.includeDeleted}
            onChange={(e) => setQuery({ ...query, includeDeleted: e.target.checked })}
          />
          Show deleted
        </label>
        {search !== debounced && <span className="muted small">Searching…</span>}
      </div>
      {error && <ErrorBanner onRetry={() => useUsers.getState().refresh()}>{error}</ErrorBanner>}
      <div className={itemId ? 'split' : 'split closed'}>
        <div className="table-column">
          {total === null && !error ? (
            <Busy>Loading users…</Busy>
          ) : (
            <VirtualTable
              label="Users"
              columns={itemId ? USER_COLUMNS_COMPACT : USER_COLUMNS}
              rowCount={total ?? 0}
              rowAt={rowAt}
              rowKey={(u) => u.id}
              onRange={onRange}
              onOpen={(u) => go('users', u.id)}
              selectedKey={itemId}
              sort={{ by: query.sortBy, order: query.sortOrder }}
              onSort={(key) => {
                const sort = nextSort({ by: query.sortBy, order: query.sortOrder }, key);
                setQuery({ ...query, sortBy: sort.by, sortOrder: sort.order });
              }}
              empty={
                query.search ? (
                  <EmptyState title={`No user matches “${query.search}”`}>
                    Search looks at userName, email, first and last name, externalId and id.
                  </EmptyState>
                ) : (
                  <EmptyState title="No users yet">
                    Assign users to the app in Okta (or POST /Users with a token): they appear here as they
                    arrive.
                  </EmptyState>
                )
              }
            />
          )}
          <RangeFooter first={first} last={last} total={total} loading={loading} noun="users" />
        </div>
        {itemId && <UserDrawer id={itemId} />}
      </div>
    </div>
  );
}
