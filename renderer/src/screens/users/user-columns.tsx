/**
 * Users table columns: EMAIL | FIRST NAME | LAST NAME as Netskope's newer Users page
 * (docs/netskope.md §15), then emulator additions (status, externalId, times), marked as such.
 * Sort keys are SCIM attribute paths, sorted server-side (RFC 7644 §3.4.2.3).
 */
import type { UserRow } from '../../../../server/admin/contract';
import { StatusBadge } from '../../components/status-badge';
import type { Column } from '../../components/virtual-table';
import { formatTime } from '../../lib/format-time';

export const USER_COLUMNS: Column<UserRow>[] = [
  {
    key: 'email',
    header: 'Email',
    width: 'minmax(200px, 2fr)',
    sortKey: 'userName',
    render: (u) => (
      <span title={u.userName}>
        {u.email ?? u.userName}
        {u.email && u.email.toLowerCase() !== u.userName.toLowerCase() && (
          <span className="muted"> ({u.userName})</span>
        )}
      </span>
    ),
  },
  {
    key: 'given',
    header: 'First name',
    width: '1fr',
    sortKey: 'name.givenName',
    render: (u) => u.givenName ?? '',
  },
  {
    key: 'family',
    header: 'Last name',
    width: '1fr',
    sortKey: 'name.familyName',
    render: (u) => u.familyName ?? '',
  },
  {
    key: 'status',
    header: 'Status',
    width: '118px',
    emulator: true,
    render: (u) => <StatusBadge active={u.active} deleted={u.deleted} />,
  },
  {
    key: 'externalId',
    header: 'externalId',
    width: 'minmax(150px, 1fr)',
    emulator: true,
    sortKey: 'externalId',
    render: (u) => <span className="mono">{u.externalId ?? ''}</span>,
  },
  {
    key: 'created',
    header: 'Created',
    width: '160px',
    emulator: true,
    sortKey: 'meta.created',
    render: (u) => <span className="mono">{formatTime(u.created)}</span>,
  },
  {
    key: 'modified',
    header: 'Updated',
    width: '160px',
    emulator: true,
    sortKey: 'meta.lastModified',
    render: (u) => <span className="mono">{formatTime(u.modified)}</span>,
  },
];

/** With the detail drawer open the table is narrower: Netskope's own columns plus status. */
export const USER_COLUMNS_COMPACT = USER_COLUMNS.filter((c) =>
  ['email', 'given', 'family', 'status'].includes(c.key),
);
