/**
 * /Groups: push (create), rename, membership add/remove/replace, replace, delete, as Okta
 * drives them (docs/okta.md §2.8–2.13) and Netskope answers them (docs/netskope.md §6, §8.2).
 */
import type { StoredGroup } from '../store/groups-repo';
import type { MemberEdits, MemberRef } from '../store/member-edits';
import { groupsTarget, memberRowTarget } from '../store/sql-targets';
import { badRequest, invalidValue } from '../domain/errors';
import { touched, type ScimContext } from './context';
import {
  groupJson,
  groupJsonBytes,
  groupLocation,
  groupToScim,
  memberRefPrefix,
} from './group-representation';
import { checkPatchLimits, checkResourceLimits, requireResourceObject } from './resource-limits';
import { etagOf } from './user-representation';
import { parseListParams, parseProjection } from './list-params';
import { project, wants, type Projection } from './projection';
import { checkIfMatch, notModified } from './preconditions';
import { noContent, type Reply } from './reply';
import { GROUP_URN } from './urns';
import { listResponseJson } from './list-response';
import type { Tenant } from './tenant';
import { compileFilter, compileSort, parseFilter } from '../query';
import { validateResourceTypes } from './validate-types';
import { applyPatch, parsePatchRequest, planGroupPatch } from './patch';
import { describePatchStyle } from './patch-style';

const SERVER_OWNED = new Set(['id', 'meta', 'schemas', 'members']);

/** Stored attributes of a group body: everything but the server-owned ones and members. */
function groupDoc(body: Record<string, unknown>): Record<string, unknown> {
  checkResourceLimits(body, 'Group', 'members');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (SERVER_OWNED.has(k.toLowerCase()) || v === null || v === undefined) continue;
    // Only what the Group schema declares is stored: anything else would come back in responses
    // that /Schemas does not describe (issue 15). The request log keeps the body as sent.
    const key =
      k.toLowerCase() === 'displayname'
        ? 'displayName'
        : k.toLowerCase() === 'externalid'
          ? 'externalId'
          : null;
    if (key) out[key] = v;
  }
  const name = out['displayName'];
  if (typeof name !== 'string' || !name.trim()) throw badRequest('displayName not provided', 'invalidValue');
  return out;
}

function memberRefs(value: unknown): MemberRef[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue('members must be an array of {"value": "<user id>"}');
  return value.map((m, i) => {
    const v = (m as Record<string, unknown> | null)?.['value'];
    if (typeof v !== 'string' || !v) throw invalidValue(`members[${i}] has no string "value"`);
    const display = (m as Record<string, unknown>)['display'];
    return typeof display === 'string' ? { value: v, display } : { value: v };
  });
}

function membersKey(body: Record<string, unknown>): string | undefined {
  return Object.keys(body).find((k) => k.toLowerCase() === 'members');
}

/** The group as JSON: text, or UTF-8 bytes when it carries members (see GroupsRepo.membersJsonBytes). */
function render(t: Tenant, ctx: ScimContext, group: StoredGroup, projection: Projection): string | Buffer {
  const withMembers = wants(projection, 'members', ctx.profile.membersByDefault);
  const rest: Projection = projection.attributes
    ? { attributes: projection.attributes.filter((a) => a !== 'members' && !a.startsWith('members.')) }
    : projection;
  const body = project(groupToScim(group, ctx), rest, GROUP_URN, []);
  if (projection.attributes && !('meta' in body) && withMembers) {
    // attributes=members: keep the answer to id, schemas and members (RFC 7644 §3.4.2.5)
  }
  if (!withMembers) return groupJson(body, null);
  // Built by SQLite as bytes: a 100,000-member list costs ~4× less than from row objects (issue 3).
  const members = t.store.engine.read((r) =>
    t.store.groups.membersJsonBytes(r, group.seq, memberRefPrefix(ctx.baseUrl)),
  );
  return groupJsonBytes(body, members);
}

/** Create and replace answer with the members whatever the profile's default (Okta reads them, docs/okta.md §2.9). */
function renderWithMembers(t: Tenant, ctx: ScimContext, group: StoredGroup): string | Buffer {
  return render(t, { ...ctx, profile: { ...ctx.profile, membersByDefault: true } }, group, {});
}

function reply(status: number, json: string | Buffer, group: StoredGroup, location?: string): Reply {
  return {
    status,
    json,
    headers: { ETag: etagOf(group.version), ...(location ? { Location: location } : {}) },
  };
}

export async function createGroup(t: Tenant, ctx: ScimContext, rawBody: unknown): Promise<Reply> {
  const body = requireResourceObject(rawBody, 'Group', 'members');
  const typeError = validateResourceTypes(body, t.groupSchemas());
  if (typeError) throw typeError;
  const doc = groupDoc(body);
  const refs = memberRefs(body[membersKey(body) ?? 'members']);
  const group = await t.store.groupService.create(ctx, ctx.tenant, doc, (members) => {
    if (refs.length) members.add(refs);
  });
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  // A created group is returned with its members (Okta reads `id`, docs/okta.md §2.9).
  const json = renderWithMembers(t, ctx, group);
  return reply(201, json, group, groupLocation(ctx, group.id));
}

export function getGroup(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  query: URLSearchParams,
  ifNoneMatch?: string,
): Reply {
  const group = t.store.engine.read((r) => t.store.groupService.load(r, id));
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  if (notModified(ifNoneMatch, group.version))
    return { status: 304, headers: { ETag: etagOf(group.version) } };
  return reply(200, render(t, ctx, group, parseProjection(query)), group);
}

export function listGroups(t: Tenant, ctx: ScimContext, query: URLSearchParams): Reply {
  const p = parseListParams(query);
  const target = groupsTarget(t.groupSchemas());
  const where = p.filter ? compileFilter(parseFilter(p.filter), target) : undefined;
  const orderBy = p.sortBy ? compileSort(p.sortBy, target) : undefined;
  const { total, rows } = t.store.engine.read((r) =>
    t.store.groups.list(r, {
      ...(where ? { where } : {}),
      ...(orderBy ? { orderBy } : {}),
      descending: p.descending,
      startIndex: p.startIndex,
      count: p.count,
    }),
  );
  for (const g of rows.slice(0, 20)) touched(ctx, 'Group', g.id, g.displayName, g.externalId);
  const items = rows.map((g) => render(t, ctx, g, p.projection));
  return listResponseJson(total, p.startIndex, items);
}

/**
 * The attributes a PATCH leaves, with its membership steps listed on `members` in order; the
 * group service applies them all in one transaction (all or nothing, RFC 7644 §3.5.2).
 */
function planPatch(
  t: Tenant,
  current: StoredGroup,
  rawBody: unknown,
  members: MemberEdits,
): Record<string, unknown> {
  const ops = parsePatchRequest(rawBody);
  checkPatchLimits(ops, 'Group');
  let resource = current.resource;
  for (const step of planGroupPatch(ops)) {
    switch (step.kind) {
      case 'attributes':
        resource = applyPatch(resource, step.ops, {
          schemas: t.groupSchemas(),
          coreSchemaId: GROUP_URN,
          readOnly: ['id', 'meta', 'schemas'],
        }).resource;
        break;
      case 'addMembers':
        members.add(step.members);
        break;
      case 'removeMembers':
        members.remove(step.ids);
        break;
      case 'removeMembersWhere':
        members.removeWhere(compileFilter(step.filter, memberRowTarget(t.groupSchemas())));
        break;
      case 'removeAllMembers':
        members.removeAll();
        break;
      case 'replaceMembers':
        members.replace(step.members);
        break;
    }
  }
  const doc = groupDoc({ ...resource });
  const typeError = validateResourceTypes(doc, t.groupSchemas());
  if (typeError) throw typeError;
  return doc;
}

export async function patchGroup(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  rawBody: unknown,
  ifMatch?: string,
): Promise<Reply> {
  ctx.patchStyle = describePatchStyle(rawBody);
  const group = await t.store.groupService.update(ctx, ctx.tenant, id, (current, members) => {
    checkIfMatch(ifMatch, current.version);
    return planPatch(t, current, rawBody, members);
  });
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  if (ctx.profile.patchReply === 'no-content') return noContent();
  return reply(200, render(t, ctx, group, {}), group);
}

/**
 * PUT replaces displayName, externalId and members (docs/netskope.md §8.2); `members: []`
 * empties the group. A PUT without `members` leaves them as they are: Okta's classic apps
 * always send the list, and a rename must never empty a group by accident (docs/okta.md Q3).
 */
export async function replaceGroup(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  rawBody: unknown,
  ifMatch?: string,
): Promise<Reply> {
  const body = requireResourceObject(rawBody, 'Group', 'members');
  const typeError = validateResourceTypes(body, t.groupSchemas());
  if (typeError) throw typeError;
  if (typeof body['id'] === 'string' && body['id'] !== id) {
    throw invalidValue(`id in the body (${body['id']}) does not match the URL (${id})`);
  }
  const doc = groupDoc(body);
  const key = membersKey(body);
  const refs = key ? memberRefs(body[key]) : undefined;
  const group = await t.store.groupService.update(ctx, ctx.tenant, id, (current, members) => {
    checkIfMatch(ifMatch, current.version);
    if (refs) members.replace(refs);
    return doc;
  });
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  return reply(200, renderWithMembers(t, ctx, group), group);
}

/** DELETE → 204; users are untouched (docs/okta.md §2.13). */
export async function deleteGroup(t: Tenant, ctx: ScimContext, id: string, ifMatch?: string): Promise<Reply> {
  const group = await t.store.groupService.delete(ctx, id, (current) =>
    checkIfMatch(ifMatch, current.version),
  );
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  return noContent();
}
