/** The Users table: server-side search, sort and paging through `listUsers` (issue 6, "Users"). */
import type { UserRow } from '../../../server/admin/contract';
import { api } from '../api/client';
import { createPagedList } from './paged-list';

/** What the Users table asks the server for. */
export interface UsersQuery {
  search: string;
  sortBy: string;
  sortOrder: 'ascending' | 'descending';
  includeDeleted: boolean;
}

/** The row's value for each sort key the Users table offers (SCIM paths, user-columns.tsx). */
const SORT_VALUE: Record<string, (u: UserRow) => unknown> = {
  userName: (u) => u.userName,
  displayName: (u) => u.displayName,
  'name.givenName': (u) => u.givenName,
  'name.familyName': (u) => u.familyName,
  externalId: (u) => u.externalId,
  'meta.created': (u) => u.created,
  'meta.lastModified': (u) => u.modified,
};

/**
 * What places a user in the table: the sort value, and `deleted` when deleted users are hidden.
 * With a search, the whole row: the search also matches values the row does not carry (every
 * email, the formatted name; server/store/search-text.ts), so any change to a user shown
 * (its `modified` moves on every write) refetches rather than guess whether it still matches.
 * A sort key not listed here counts the whole row too.
 */
export function userPlacement(u: UserRow, q: UsersQuery): string {
  const sort = SORT_VALUE[q.sortBy];
  return JSON.stringify([sort ? sort(u) : u, q.search ? u : null, q.includeDeleted ? null : u.deleted]);
}

export const useUsers = createPagedList<UserRow, UsersQuery>(
  (q, offset, limit) =>
    api().listUsers({
      search: q.search || undefined,
      sortBy: q.sortBy,
      sortOrder: q.sortOrder,
      includeDeleted: q.includeDeleted,
      offset,
      limit,
    }),
  { search: '', sortBy: 'userName', sortOrder: 'ascending', includeDeleted: true },
  { idOf: (u) => u.id, placementOf: userPlacement },
);
