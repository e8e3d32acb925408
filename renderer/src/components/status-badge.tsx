/**
 * A user's status as the tenant shows it: Active or Deactivated (`active`), Deleted (Netskope
 * keeps a `deleted` flag, docs/netskope.md §15 "Other facts").
 */
export function userStatus(u: { active: boolean; deleted: boolean }): 'Active' | 'Deactivated' | 'Deleted' {
  if (u.deleted) return 'Deleted';
  return u.active ? 'Active' : 'Deactivated';
}

/** The status as a coloured badge. */
export function StatusBadge({ active, deleted }: { active: boolean; deleted: boolean }) {
  const status = userStatus({ active, deleted });
  return <span className={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}

/** An HTTP status code coloured by class. */
export function HttpStatus({ status }: { status: number }) {
  return <span className={`http-status http-${Math.floor(status / 100)}xx`}>{status}</span>;
}
