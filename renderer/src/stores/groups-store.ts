/** The Groups table ("Search for groups", docs/netskope.md §15) through `listGroups`. */
import type { GroupRow } from '../../../server/admin/contract';
import { api } from '../api/client';
import { createPagedList } from './paged-list';

/** What the Groups table asks the server for. */
export interface GroupsQuery {
  search: string;
  sortBy: string;
  sortOrder: 'ascending' | 'descending';
}

const SORT_VALUE: Record<string, (g: GroupRow) => unknown> = {
  displayName: (g) => g.displayName,
  externalId: (g) => g.externalId,
  'meta.created': (g) => g.created,
  'meta.lastModified': (g) => g.modified,
};

/**
 * What places a group in the table: the sort value, the fields the search matches (displayName,
 * externalId and the id, which never changes; server/store/search-text.ts), and
 * `deleted` (the table never lists deleted groups). Member and warning counts are not among
 * them, so a push that changes only members patches the counts in place.
 */
export function groupPlacement(g: GroupRow, q: GroupsQuery): string {
  const sort = SORT_VALUE[q.sortBy];
  return JSON.stringify([sort ? sort(g) : g, q.search ? [g.displayName, g.externalId] : null, g.deleted]);
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
  { idOf: (g) => g.id, placementOf: groupPlacement },
);
