/**
 * Resolving member references for group writes. SCIM groups here hold users only: a group id
 * as a member is refused (no nested groups: Okta and Entra do not push them, docs/netskope.md
 * §6). A member that is not (yet) a user is dropped with a recorded warning, or refused in
 * strict mode — Netskope says only "provision all users before pushing the group".
 */
import { invalidValue } from '../domain/errors';
import type { GroupsRepo } from './groups-repo';
import type { WriteContext } from './resource-change';
import type { Tx } from './types';
import type { UsersRepo } from './users-repo';

export interface MemberRef {
  value: string;
  display?: string;
}

/** How many dropped members get their own warning row per request. */
const MAX_WARNING_ROWS = 200;

/** Returns the seqs of the users named, in order, without duplicates. */
export function resolveMembers(
  repos: { users: UsersRepo; groups: GroupsRepo },
  tx: Tx,
  ctx: WriteContext,
  groupSeq: number,
  refs: readonly MemberRef[],
  strict: boolean,
  at: string,
): number[] {
  const seen = new Set<string>();
  const unique: MemberRef[] = [];
  for (const r of refs) {
    if (!seen.has(r.value)) {
      seen.add(r.value);
      unique.push(r);
    }
  }
  const found = repos.users.seqsForIds(
    tx,
    unique.map((r) => r.value),
  );
  if (found.size === unique.length) return unique.map((r) => found.get(r.value) as number);

  const missing = unique.filter((r) => !found.has(r.value));
  const nested = repos.groups.groupIdsAmong(
    tx,
    missing.map((r) => r.value),
  );
  if (nested.size) {
    throw invalidValue(
      `nested groups are not supported: ${[...nested].slice(0, 5).join(', ')} is a group, not a user`,
    );
  }
  if (strict) {
    throw invalidValue(
      `unknown member(s): ${missing
        .slice(0, 10)
        .map((m) => m.value)
        .join(
          ', ',
        )}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''} — provision the users before pushing the group`,
    );
  }
  ctx.warnings.push(
    `${missing.length} member(s) dropped because no such user exists (provision users before pushing the group): ${missing
      .slice(0, 10)
      .map((m) => (m.display ? `${m.value} (${m.display})` : m.value))
      .join(', ')}${missing.length > 10 ? ', …' : ''}`,
  );
  for (const m of missing.slice(0, MAX_WARNING_ROWS)) {
    repos.groups.addWarning(tx, groupSeq, {
      value: m.value,
      display: m.display ?? null,
      reason: 'no such user: provision users before pushing the group',
      at,
      requestId: ctx.requestId,
    });
  }
  return unique.filter((r) => found.has(r.value)).map((r) => found.get(r.value) as number);
}
