/** Members of the open group ("Search for users in this group", docs/netskope.md §15), paged. */
import type { MemberRow, UserRow } from '../../../server/admin/contract';
import { api } from '../api/client';
import { createPagedList } from './paged-list';

/** The group and the search text. */
export interface MembersQuery {
  id: string;
  search: string;
}

/**
 * Members are listed in the order they were stored, so only a search can move one. The member
 * search matches values a member row does not carry (every email, displayName, externalId;
 * server/store/search-text.ts), so while one is typed every user change refetches the members
 * (see ./live.ts); without one a member never moves.
 */
export function memberPlacement(m: MemberRow, q: MembersQuery): string {
  return q.search ? JSON.stringify([m.userName, m.email, m.givenName, m.familyName]) : '';
}

/** A user row as the member list shows it. */
export function toMemberRow(u: UserRow): MemberRow {
  return {
    id: u.id,
    userName: u.userName,
    email: u.email,
    givenName: u.givenName,
    familyName: u.familyName,
    active: u.active,
  };
}

export const useMembers = createPagedList<MemberRow, MembersQuery>(
  (q, offset, limit) => api().listGroupMembers({ id: q.id, search: q.search || undefined, offset, limit }),
  { id: '', search: '' },
  { idOf: (m) => m.id, placementOf: memberPlacement },
);
