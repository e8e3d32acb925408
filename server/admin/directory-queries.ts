/**
 * The console's reads of users and groups. They run through the same filter and sort
 * compilers as the SCIM endpoint (so a filter typed in the console means what it means to
 * Okta) and the same repositories, paged server-side for 100,000-row tables.
 */
import type { ScimDeskCore } from '../core';
import { compileFilter, compileSort, parseFilter } from '../query';
import { groupJson, groupToScim, membersJson } from '../scim/group-representation';
import { PROFILES } from '../domain/profiles';
import { userToScim } from '../scim/user-representation';
import { groupsTarget, usersTarget } from '../store/sql-targets';
import { searchCondition, searchWords } from '../store/search-text';
import type { SqlValue } from '../store/types';
import { adminNotFound } from './admin-error';
import { toGroupRow, toUserRow } from './rows';
import type {
  GroupDetail,
  GroupRow,
  MemberRow,
  Page,
  ParsedListQuery,
  ParsedMemberQuery,
  UserDetail,
  UserRow,
} from './contract';

/** Groups up to this size come with `members` in the detail view's raw JSON. */
const INLINE_MEMBERS = 1000;
/** Log entries shown in a detail view. */
const DETAIL_REQUESTS = 50;

type Where = { sql: string; params: readonly SqlValue[] };

/**
 * A console list's WHERE: the SCIM filter typed in the console (compiled as for Okta, so it
 * means what it means there) and the search box's words, matched in the database against the
 * folded values of each row (../store/search-text.ts; docs/console.md "Search").
 */
function whereOf(
  filter: string | undefined,
  search: string | undefined,
  kind: 'users' | 'groups',
  core: ScimDeskCore,
): Where | undefined {
  const alias = kind === 'users' ? 'u' : 'g';
  const parts: Where[] = [];
  if (filter?.trim()) {
    const target =
      kind === 'users' ? usersTarget(core.tenant.userSchemas()) : groupsTarget(core.tenant.groupSchemas());
    parts.push(compileFilter(parseFilter(filter), target));
  }
  const words = searchCondition(kind, alias, searchWords(search ?? ''));
  if (words) parts.push(words);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' AND '),
    params: parts.flatMap((p) => p.params),
  };
}

function orderOf(
  sortBy: string | undefined,
  kind: 'users' | 'groups',
  core: ScimDeskCore,
): string | undefined {
  if (!sortBy?.trim()) return undefined;
  const target =
    kind === 'users' ? usersTarget(core.tenant.userSchemas()) : groupsTarget(core.tenant.groupSchemas());
  return compileSort(sortBy.trim(), target);
}

export function listUsers(core: ScimDeskCore, q: ParsedListQuery): Page<UserRow> {
  const where = whereOf(q.filter, q.search, 'users', core);
  const orderBy = orderOf(q.sortBy, 'users', core);
  const { store } = core;
  const { total, rows } = store.engine.read((r) =>
    store.users.list(r, {
      ...(where ? { where } : {}),
      ...(orderBy ? { orderBy } : {}),
      descending: q.sortOrder === 'descending',
      includeDeleted: q.includeDeleted ?? false,
      startIndex: q.offset + 1,
      count: q.limit,
    }),
  );
  return { total, offset: q.offset, items: rows.map(toUserRow) };
}

export function getUser(core: ScimDeskCore, id: string): UserDetail {
  const { store } = core;
  const found = store.engine.read((r) => {
    const user = store.users.findById(r, id, true);
    return user ? { user, groups: store.users.groupsOf(r, [user.seq]).get(user.seq) ?? [] } : undefined;
  });
  if (!found) throw adminNotFound('user');
  const { user, groups } = found;
  return {
    ...toUserRow(user),
    // The rfc profile's view: everything stored, with `groups` (RFC 7643 §4.1.2).
    resource: userToScim(user, { baseUrl: core.scimUrl, profile: PROFILES.rfc }, groups),
    groups,
    ignored: user.ignored,
    requests: core.log.forResource(user.id, DETAIL_REQUESTS),
  };
}

export function listGroups(core: ScimDeskCore, q: ParsedListQuery): Page<GroupRow> {
  const where = whereOf(q.filter, q.search, 'groups', core);
  const orderBy = orderOf(q.sortBy, 'groups', core);
  const { store } = core;
  return store.engine.read((r) => {
    const { total, rows } = store.groups.list(r, {
      ...(where ? { where } : {}),
      ...(orderBy ? { orderBy } : {}),
      descending: q.sortOrder === 'descending',
      includeDeleted: q.includeDeleted ?? false,
      startIndex: q.offset + 1,
      count: q.limit,
    });
    const warnings = store.groups.warningCounts(
      r,
      rows.map((g) => g.seq),
    );
    return { total, offset: q.offset, items: rows.map((g) => toGroupRow(g, warnings.get(g.seq) ?? 0)) };
  });
}

export function getGroup(core: ScimDeskCore, id: string): GroupDetail {
  const { store } = core;
  const found = store.engine.read((r) => {
    const group = store.groups.findById(r, id, true);
    if (!group) return undefined;
    const members = group.memberCount <= INLINE_MEMBERS ? store.groups.memberRefs(r, group.seq) : null;
    return { group, members, warnings: store.groups.warnings(r, group.seq) };
  });
  if (!found) throw adminNotFound('group');
  const { group, members, warnings } = found;
  const body = groupToScim(group, { baseUrl: core.scimUrl });
  const resource = JSON.parse(groupJson(body, members ? membersJson(members, core.scimUrl) : null)) as Record<
    string,
    unknown
  >;
  return {
    ...toGroupRow(group, warnings.length),
    resource,
    warnings,
    requests: core.log.forResource(group.id, DETAIL_REQUESTS),
  };
}

export function listGroupMembers(core: ScimDeskCore, q: ParsedMemberQuery): Page<MemberRow> {
  const { store } = core;
  return store.engine.read((r) => {
    const group = store.groups.findById(r, q.id, true);
    if (!group) throw adminNotFound('group');
    const words = searchWords(q.search ?? '');
    const { total, items } = store.groups.listMembers(r, group.seq, words, q.offset, q.limit);
    return {
      total,
      offset: q.offset,
      items: items.map((m) => ({
        id: m.id,
        userName: m.userName,
        email: m.email,
        givenName: m.givenName,
        familyName: m.familyName,
        active: m.active,
      })),
    };
  });
}
