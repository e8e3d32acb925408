/**
 * /Groups: push (create), rename, membership add/remove/replace, replace, delete, as Okta
 * drives them (spec/okta.md §2.8–2.13) and Netskope answers them (spec/netskope.md §6, §8.2).
 */
import { randomUUID } from 'node:crypto';
import type { Reader, Tx } from '../store/types';
import type { StoredGroup } from '../store/groups-repo';
import { groupsTarget, memberRowTarget } from '../store/sql-targets';
import { badRequest, conflict, invalidValue, notFound, ScimError } from '../domain/errors';
import { touched, type ScimContext } from './context';
import {
  groupJson,
  groupJsonBytes,
  groupLocation,
  groupToScim,
  memberRefPrefix,
} from './group-representation';
import { checkPatchLimits, checkResourceLimits } from './resource-limits';
import { resolveMembers, type MemberRef } from './group-members';
import { etagOf } from './user-representation';
import { parseListParams, parseProjection } from './list-params';
import { project, wants, type Projection } from './projection';
import { checkIfMatch, notModified } from './preconditions';
import { noContent, type Reply } from './reply';
import { GROUP_URN, LIST_URN } from './urns';
import type { Tenant } from './tenant';
import { compileFilter, compileSort, parseFilter } from '../query';
import { validateResourceTypes } from './validate-types';
import { applyPatch, parsePatchRequest, planGroupPatch } from './patch';
import { describePatchStyle } from './patch-style';

const now = (): string => new Date().toISOString();
const SERVER_OWNED = new Set(['id', 'meta', 'schemas', 'members']);

function requireObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError(400, 'Not a valid json format: the body must be a JSON object', 'invalidSyntax');
  }
  // Before any per-attribute work (type checks, case-insensitive matching): issue 4 limits.
  checkResourceLimits(body as Record<string, unknown>, 'Group', 'members');
  return body as Record<string, unknown>;
}

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

function load(t: Tenant, r: Reader, id: string): StoredGroup {
  const g = t.store.groups.findById(r, id);
  if (!g) throw notFound(`Group ${id} not found`);
  return g;
}

/** Duplicate displayNames are refused (409), as Netskope does (spec/netskope.md §6; spec/okta.md Q23). */
function ensureUnique(t: Tenant, r: Reader, displayName: string, selfSeq?: number): void {
  const other = t.store.groups.findByDisplayName(r, displayName);
  if (other && other.seq !== selfSeq) throw conflict(`Group ${displayName} already exists.`);
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

function reply(status: number, json: string | Buffer, group: StoredGroup, location?: string): Reply {
  return {
    status,
    json,
    headers: { ETag: etagOf(group.version), ...(location ? { Location: location } : {}) },
  };
}

export async function createGroup(t: Tenant, ctx: ScimContext, rawBody: unknown): Promise<Reply> {
  const body = requireObject(rawBody);
  const typeError = validateResourceTypes(body, t.groupSchemas());
  if (typeError) throw typeError;
  const doc = groupDoc(body);
  const refs = memberRefs(body[membersKey(body) ?? 'members']);
  const group = await t.store.engine.write((tx) => {
    ensureUnique(t, tx, doc['displayName'] as string);
    const at = now();
    const g = t.store.groups.insert(tx, randomUUID(), doc, at);
    if (refs.length) {
      const seqs = resolveMembers(t, tx, ctx, g, refs, at);
      t.store.groups.addMembers(tx, g.seq, seqs, at);
      g.memberCount = t.store.groups.memberCount(tx, g.seq);
    }
    return g;
  });
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  t.emit('groups-changed', [group.id]);
  // A created group is returned with its members (Okta reads `id`, spec/okta.md §2.9).
  const json = render(t, { ...ctx, profile: { ...ctx.profile, membersByDefault: true } }, group, {});
  return reply(201, json, group, groupLocation(ctx, group.id));
}

export function getGroup(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  query: URLSearchParams,
  ifNoneMatch?: string,
): Reply {
  const group = t.store.engine.read((r) => load(t, r, id));
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
  const head = JSON.stringify({
    schemas: [LIST_URN],
    totalResults: total,
    startIndex: p.startIndex,
    itemsPerPage: rows.length,
  });
  const open = `${head.slice(0, -1)},"Resources":[`;
  if (items.every((i) => typeof i === 'string')) return { status: 200, json: `${open}${items.join(',')}]}` };
  const parts: Buffer[] = [Buffer.from(open)];
  items.forEach((item, i) =>
    parts.push(Buffer.from(i ? ',' : ''), typeof item === 'string' ? Buffer.from(item) : item),
  );
  parts.push(Buffer.from(']}'));
  return { status: 200, json: Buffer.concat(parts) };
}

/** Applies membership and attribute steps in order inside one transaction (all or nothing). */
function applyGroupPatch(
  t: Tenant,
  tx: Tx,
  ctx: ScimContext,
  current: StoredGroup,
  rawBody: unknown,
): StoredGroup {
  const ops = parsePatchRequest(rawBody);
  checkPatchLimits(ops, 'Group');
  const steps = planGroupPatch(ops);
  const at = now();
  let resource = current.resource;
  for (const step of steps) {
    switch (step.kind) {
      case 'attributes':
        resource = applyPatch(resource, step.ops, {
          schemas: t.groupSchemas(),
          coreSchemaId: GROUP_URN,
          readOnly: ['id', 'meta', 'schemas'],
        }).resource;
        break;
      case 'addMembers': {
        const seqs = resolveMembers(t, tx, ctx, current, step.members, at);
        t.store.groups.addMembers(tx, current.seq, seqs, at);
        break;
      }
      case 'removeMembers': {
        // Removing a non-member (or an unknown id) is a successful no-op (spec/okta.md Q6).
        const seqs = t.store.users.seqsForIds(tx, step.ids);
        t.store.groups.removeMembers(tx, current.seq, [...seqs.values()]);
        break;
      }
      case 'removeMembersWhere':
        t.store.groups.removeMembersWhere(
          tx,
          current.seq,
          compileFilter(step.filter, memberRowTarget(t.groupSchemas())),
        );
        break;
      case 'removeAllMembers':
        t.store.groups.removeAllMembers(tx, current.seq);
        break;
      case 'replaceMembers': {
        t.store.groups.removeAllMembers(tx, current.seq);
        const seqs = resolveMembers(t, tx, ctx, current, step.members, at);
        t.store.groups.addMembers(tx, current.seq, seqs, at);
        break;
      }
    }
  }
  const doc = groupDoc({ ...resource });
  const typeError = validateResourceTypes(doc, t.groupSchemas());
  if (typeError) throw typeError;
  ensureUnique(t, tx, doc['displayName'] as string, current.seq);
  return t.store.groups.update(tx, current, doc, at);
}

export async function patchGroup(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  rawBody: unknown,
  ifMatch?: string,
): Promise<Reply> {
  ctx.patchStyle = describePatchStyle(rawBody);
  const group = await t.store.engine.write((tx) => {
    const current = load(t, tx, id);
    checkIfMatch(ifMatch, current.version);
    return applyGroupPatch(t, tx, ctx, current, rawBody);
  });
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  t.emit('groups-changed', [group.id]);
  if (ctx.profile.patchReply === 'no-content') return noContent();
  return reply(200, render(t, ctx, group, {}), group);
}

/**
 * PUT replaces displayName, externalId and members (spec/netskope.md §8.2); `members: []`
 * empties the group. A PUT without `members` leaves them as they are: Okta's classic apps
 * always send the list, and a rename must never empty a group by accident (spec/okta.md Q3).
 */
export async function replaceGroup(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  rawBody: unknown,
  ifMatch?: string,
): Promise<Reply> {
  const body = requireObject(rawBody);
  const typeError = validateResourceTypes(body, t.groupSchemas());
  if (typeError) throw typeError;
  if (typeof body['id'] === 'string' && body['id'] !== id) {
    throw invalidValue(`id in the body (${body['id']}) does not match the URL (${id})`);
  }
  const doc = groupDoc(body);
  const key = membersKey(body);
  const refs = key ? memberRefs(body[key]) : undefined;
  const group = await t.store.engine.write((tx) => {
    const current = load(t, tx, id);
    checkIfMatch(ifMatch, current.version);
    ensureUnique(t, tx, doc['displayName'] as string, current.seq);
    const at = now();
    if (refs) {
      t.store.groups.removeAllMembers(tx, current.seq);
      t.store.groups.addMembers(tx, current.seq, resolveMembers(t, tx, ctx, current, refs, at), at);
    }
    return t.store.groups.update(tx, current, doc, at);
  });
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  t.emit('groups-changed', [group.id]);
  return reply(
    200,
    render(t, { ...ctx, profile: { ...ctx.profile, membersByDefault: true } }, group, {}),
    group,
  );
}

/** DELETE → 204; users are untouched (spec/okta.md §2.13). */
export async function deleteGroup(t: Tenant, ctx: ScimContext, id: string, ifMatch?: string): Promise<Reply> {
  const group = await t.store.engine.write((tx) => {
    const current = load(t, tx, id);
    checkIfMatch(ifMatch, current.version);
    t.store.groups.softDelete(tx, current, now());
    return current;
  });
  touched(ctx, 'Group', group.id, group.displayName, group.externalId);
  t.emit('groups-changed', [group.id]);
  return noContent();
}
