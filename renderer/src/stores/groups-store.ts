/** The Groups table ("Search for groups", spec/netskope.md §15) through `listGroups`. */
import type { GroupRow } from '../../../server/admin/contract';
import { api } from '../api/client';
import { createPagedList } from './paged-list';

/** What the Groups table asks the server for. */
export interface GroupsQuery {
  search: string;
  sortBy: string;
  sortOrder: 'ascending' | 'descending';
}

export const useGroups = createPagedList<GroupRow, GroupsQuery>(
  (q, offset, limit) =>
    api().listGroups({
      search: q.search || undefined,
      sortBy: q.sortBy,
      sortOrder: q.sortOrder,
      offset,
      limit,
    }),
  { search: '', sortBy: 'displayName', sortOrder: 'ascending' },
);
