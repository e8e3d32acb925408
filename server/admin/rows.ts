/**
 * Stored users, groups and tokens as the console's tables show them. One mapping each, used by
 * the list reads (./directory-queries.ts) and by the live events (./live-events.ts), so a row
 * patched in from an event is exactly the row a refetch would have returned.
 */
import type { StoredGroup } from '../store/groups-repo';
import type { StoredUser } from '../store/users-repo';
import type { GroupRow, TokenInfo, UserRow } from './contract';

export function toUserRow(u: StoredUser): UserRow {
  return {
    id: u.id,
    userName: u.userName,
    email: u.email,
    givenName: u.givenName,
    familyName: u.familyName,
    displayName: u.displayName,
    externalId: u.externalId,
    active: u.active,
    deleted: u.deleted,
    created: u.created,
    modified: u.modified,
  };
}

export function toGroupRow(g: StoredGroup, warningCount: number): GroupRow {
  return {
    id: g.id,
    displayName: g.displayName,
    externalId: g.externalId,
    memberCount: g.memberCount,
    warningCount,
    deleted: g.deleted,
    created: g.created,
    modified: g.modified,
  };
}

/** Never the token itself, nor its hash: only what the Tokens table shows. */
export function toTokenInfo(t: TokenInfo): TokenInfo {
  return {
    scimId: t.scimId,
    clientName: t.clientName,
    tokenPrefix: t.tokenPrefix,
    creationTime: t.creationTime,
    lastUsedTime: t.lastUsedTime,
  };
}
