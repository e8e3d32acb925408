/** Members of the open group ("Search for users in this group", spec/netskope.md §15), paged. */
import type { MemberRow } from '../../../server/admin/contract';
import { api } from '../api/client';
import { createPagedList } from './paged-list';

/** The group and the search text. */
export interface MembersQuery {
  id: string;
  search: string;
}

export const useMembers = createPagedList<MemberRow, MembersQuery>(
  (q, offset, limit) => api().listGroupMembers({ id: q.id, search: q.search || undefined, offset, limit }),
  { id: '', search: '' },
);
