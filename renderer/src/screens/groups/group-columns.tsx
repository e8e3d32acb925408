/**
 * Groups table: GROUP as Netskope's Groups page (docs/netskope.md §15), then emulator additions:
 * member count, externalId and warnings (members Okta tried to add before the user existed).
 */
import type { GroupRow, MemberRow } from '../../../../server/admin/contract';
import type { Column } from '../../components/virtual-table';

export const GROUP_COLUMNS: Column<GroupRow>[] = [
  {
    key: 'group',
    header: 'Group',
    width: 'minmax(220px, 2fr)',
    sortKey: 'displayName',
    render: (g) => (
      <span>
        {g.displayName}
        {g.deleted && <span className="badge badge-deleted"> Deleted</span>}
      </span>
    ),
  },
  {
    key: 'members',
    header: 'Members',
    width: '120px',
    emulator: true,
    render: (g) => <span className="mono">{g.memberCount.toLocaleString()}</span>,
  },
  {
    key: 'externalId',
    header: 'externalId',
    width: 'minmax(160px, 1fr)',
    emulator: true,
    sortKey: 'externalId',
    render: (g) => <span className="mono">{g.externalId ?? ''}</span>,
  },
  {
    key: 'warnings',
    header: 'Warnings',
    width: '140px',
    emulator: true,
    render: (g) =>
      g.warningCount > 0 ? (
        <span className="badge badge-warn">
          {g.warningCount} warning{g.warningCount === 1 ? '' : 's'}
        </span>
      ) : (
        ''
      ),
  },
];

/** The group view's EMAIL | NAME columns (docs/netskope.md §15), plus status. */
export const MEMBER_COLUMNS: Column<MemberRow>[] = [
  { key: 'email', header: 'Email', width: 'minmax(200px, 1.4fr)', render: (m) => m.email ?? m.userName },
  {
    key: 'name',
    header: 'Name',
    width: '1fr',
    render: (m) => [m.givenName, m.familyName].filter(Boolean).join(' '),
  },
  {
    key: 'status',
    header: 'Status',
    width: '110px',
    emulator: true,
    render: (m) => (m.active ? 'Active' : 'Deactivated'),
  },
];
