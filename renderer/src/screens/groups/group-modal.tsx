/**
 * A group view as Netskope shows it: a modal titled with the group name, "Search for users in
 * this group", EMAIL | NAME and an OK button (docs/netskope.md §15). Members are paged and
 * virtualised, since a group may hold 100,000 of them.
 */
import { useEffect, useState } from 'react';
import { Modal } from '../../components/modal';
import { Busy, EmptyState, ErrorBanner } from '../../components/notice';
import { JsonView } from '../../components/json-view';
import { RangeFooter } from '../../components/range-footer';
import { RequestsList } from '../../components/requests-list';
import { HistorySection } from '../../components/history-section';
import { VirtualTable } from '../../components/virtual-table';
import { SEARCH_DEBOUNCE_MS } from '../../lib/search-debounce';
import { MEMBERS_SEARCH } from '../../lib/search-boxes';
import { useDebounced } from '../../lib/use-debounced';
import { useRange } from '../../lib/use-range';
import { useGroupDetail } from '../../stores/detail-store';
import { useMembers } from '../../stores/members-store';
import { useNav } from '../../stores/nav-store';
import { MEMBER_COLUMNS } from './group-columns';
import { MemberWarnings } from './member-warnings';

/** The group modal, open while mounted. */
export function GroupModal({ id, onClose }: { id: string; onClose(): void }) {
  const { item: group, error, open } = useGroupDetail();
  const members = useMembers();
  const go = useNav((s) => s.go);
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, SEARCH_DEBOUNCE_MS);
  const { first, last, onRange } = useRange(members.ensureRange);

  useEffect(() => {
    open(id);
    return () => open(null);
  }, [id, open]);

  useEffect(() => {
    useMembers.getState().setQuery({ id, search: debounced });
  }, [id, debounced]);

  return (
    <Modal
      wide
      title={group ? group.displayName : 'Group'}
      onClose={onClose}
      actions={
        <button type="button" className="button primary" onClick={onClose}>
          OK
        </button>
      }
    >
      {error && <ErrorBanner onRetry={() => useGroupDetail.getState().refresh()}>{error}</ErrorBanner>}
      {group && <MemberWarnings warnings={group.warnings} />}
      <input
        type="search"
        aria-label={MEMBERS_SEARCH.label}
        placeholder={MEMBERS_SEARCH.placeholder}
        title={MEMBERS_SEARCH.title}
        data-autofocus
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {members.error && <ErrorBanner onRetry={() => members.refresh()}>{members.error}</ErrorBanner>}
      <div className="member-table">
        {members.total === null && !members.error ? (
          <Busy>Loading members…</Busy>
        ) : (
          <VirtualTable
            label="Members"
            columns={MEMBER_COLUMNS}
            rowCount={members.total ?? 0}
            rowAt={members.rowAt}
            rowKey={(m) => m.id}
            onRange={onRange}
            onOpen={(m) => go('users', m.id)}
            rowHeight={34}
            empty={
              <EmptyState title={debounced ? `No member matches “${debounced}”` : 'No members'}>
                {!debounced && 'Okta sends members with PATCH /Groups/{id} after pushing the group.'}
              </EmptyState>
            }
          />
        )}
      </div>
      <RangeFooter first={first} last={last} total={members.total} loading={members.loading} noun="members" />
      {group && (
        <>
          <details>
            <summary>Facts and requests</summary>
            <dl className="facts">
              <dt>SCIM id</dt>
              <dd className="mono">{group.id}</dd>
              <dt>externalId</dt>
              <dd className="mono">{group.externalId ?? '—'}</dd>
            </dl>
            <RequestsList requests={group.requests} />
          </details>
          <details>
            <summary>History</summary>
            <HistorySection id={group.id} />
          </details>
          <details>
            <summary>SCIM resource</summary>
            <JsonView value={group.resource} label="Group SCIM JSON" />
          </details>
        </>
      )}
    </Modal>
  );
}
