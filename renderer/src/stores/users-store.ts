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
);
