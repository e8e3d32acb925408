/**
 * /Users: create, read, list, replace, patch, delete (RFC 7644 §3.3–3.6) as the emulated
 * tenant does them. Okta never deletes users: it deactivates with `active:false` (spec/okta.md
 * §2.4), and the user stays readable and findable by userName.
 */
import { randomUUID } from 'node:crypto';
import type { StoredUser } from '../store/users-repo';
import type { Reader } from '../store/types';
import { usersTarget } from '../store/sql-targets';
import { conflict, invalidValue, notFound, ScimError } from '../domain/errors';
import type { ScimContext } from './context';
import { touched } from './context';
import { buildUserDoc, checkUserRequired } from './user-doc';
import { checkPatchLimits, checkResourceLimits } from './resource-limits';
import { etagOf, userLocation, userToScim } from './user-representation';
import { parseListParams, parseProjection } from './list-params';
import { project } from './projection';
import { checkIfMatch, notModified } from './preconditions';
import { created, noContent, ok, type Reply } from './reply';
import { LIST_URN, USER_EXTENSION_URNS, USER_URN } from './urns';
import type { Tenant } from './tenant';
import { compileFilter, compileSort, parseFilter } from '../query';
import { validateResourceTypes } from './validate-types';
import { applyPatch, parsePatchRequest } from './patch';
import { describePatchStyle } from './patch-style';
import { enforceCustomSchema, syncCustomValues } from './tenant-schema/values';
import { userShaper } from './served-shape';

const now = (): string => new Date().toISOString();

function requireObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError(400, 'Not a valid json format: the body must be a JSON object', 'invalidSyntax');
  }
  // Before any per-attribute work (type checks, case-insensitive matching): issue 4 limits.
  checkResourceLimits(body as Record<string, unknown>, 'User');
  return body as Record<string, unknown>;
}

/**
 * Microsoft's SCIM validator and some scripts send booleans as strings ("True"); the type
 * is clear, so it is read leniently and noted in the log rather than refused.
 */
function coerceActive(body: Record<string, unknown>, ctx: ScimContext): void {
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'active');
  if (!key) return;
  const v = body[key];
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) {
    body[key] = v.toLowerCase() === 'true';
    ctx.warnings.push(`"active" sent as the string "${v}"; read as a boolean`);
  }
}

function ensureUnique(t: Tenant, r: Reader, userName: string, selfSeq?: number): void {
  const other = t.store.users.findByUserName(r, userName);
  if (other && other.seq !== selfSeq) {
    throw conflict(
      `User already exists in the database: userName "${userName}" is taken (compared case-insensitively)`,
    );
  }
}

function noteIgnored(ctx: ScimContext, ignored: string[]): void {
  if (ignored.length) {
    ctx.warnings.push(
      `ignored attributes (not stored by a ${ctx.profile.name} tenant${ctx.profile.gateOptionalAttributes ? ' unless enabled in /Schemas' : ''}): ${ignored.join(', ')}`,
    );
  }
}

function groupsOf(
  t: Tenant,
  ctx: ScimContext,
  user: StoredUser,
): { id: string; displayName: string }[] | undefined {
  return ctx.profile.userGroups
    ? t.store.engine.read((r) => t.store.users.groupsOf(r, [user.seq]).get(user.seq) ?? [])
    : undefined;
}

function represent(t: Tenant, ctx: ScimContext, user: StoredUser): Record<string, unknown> {
  const groups = groupsOf(t, ctx, user);
  return userShaper(t, ctx)(userToScim(user, ctx, groups));
}

function load(t: Tenant, r: Reader, id: string): StoredUser {
  const user = t.store.users.findById(r, id);
  if (!user) throw notFound(`User ${id} not found`);
  return user;
}

export async function createUser(t: Tenant, ctx: ScimContext, rawBody: unknown): Promise<Reply> {
  const body = requireObject(rawBody);
  coerceActive(body, ctx);
  const typeError = validateResourceTypes(body, t.userSchemas());
  if (typeError) throw typeError;
  const doc = buildUserDoc(body, ctx.profile, ctx.tenant.enabledAttributes, t.userSchemas());
  checkUserRequired(doc.resource, ctx.profile);
  doc.resource['active'] = doc.resource['active'] !== false;
  const userName = doc.resource['userName'] as string;
  noteIgnored(ctx, doc.ignored);
  const custom = t.activeCustomSchema();
  const user = await t.store.engine.write((tx) => {
    ensureUnique(t, tx, userName);
    enforceCustomSchema(t.store, tx, custom, ctx, doc.resource, undefined, null);
    const inserted = t.store.users.insert(tx, randomUUID(), doc, now());
    syncCustomValues(t.store, tx, custom, inserted.seq, inserted.resource);
    return inserted;
  });
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  t.emit('users-changed', [user.id]);
  return created(represent(t, ctx, user), userLocation(ctx, user.id), etagOf(user.version));
}

export function getUser(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  query: URLSearchParams,
  ifNoneMatch?: string,
): Reply {
  const user = t.store.engine.read((r) => load(t, r, id));
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  if (notModified(ifNoneMatch, user.version)) return { status: 304, headers: { ETag: etagOf(user.version) } };
  const projection = parseProjection(query);
  const body = project(
    userShaper(t, ctx)(userToScim(user, ctx, groupsOf(t, ctx, user)), projection.attributes),
    projection,
    USER_URN,
    USER_EXTENSION_URNS,
  );
  return ok(body, { ETag: etagOf(user.version) });
}

export function listUsers(t: Tenant, ctx: ScimContext, query: URLSearchParams): Reply {
  const p = parseListParams(query);
  const target = usersTarget(t.userSchemas());
  const where = p.filter ? compileFilter(parseFilter(p.filter), target) : undefined;
  const orderBy = p.sortBy ? compileSort(p.sortBy, target) : undefined;
  const { total, rows } = t.store.engine.read((r) =>
    t.store.users.list(r, {
      ...(where ? { where } : {}),
      ...(orderBy ? { orderBy } : {}),
      descending: p.descending,
      startIndex: p.startIndex,
      count: p.count,
    }),
  );
  const groups = ctx.profile.userGroups
    ? t.store.engine.read((r) =>
        t.store.users.groupsOf(
          r,
          rows.map((u) => u.seq),
        ),
      )
    : undefined;
  for (const u of rows.slice(0, 20)) touched(ctx, 'User', u.id, u.userName, u.externalId);
  const shape = userShaper(t, ctx);
  return ok({
    schemas: [LIST_URN],
    totalResults: total,
    startIndex: p.startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((u) =>
      project(
        shape(userToScim(u, ctx, groups?.get(u.seq) ?? []), p.projection.attributes),
        p.projection,
        USER_URN,
        USER_EXTENSION_URNS,
      ),
    ),
  });
}

/**
 * PUT replaces the user (RFC 7644 §3.5.1). A missing `active` keeps the current value, as
 * Okta's classic apps always send it and losing it would deactivate users (spec/okta.md Q21);
 * read-only input (id, meta, groups) is ignored. Legacy tenants ignore userName/email changes.
 */
export async function replaceUser(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  rawBody: unknown,
  ifMatch?: string,
): Promise<Reply> {
  const body = requireObject(rawBody);
  coerceActive(body, ctx);
  const typeError = validateResourceTypes(body, t.userSchemas());
  if (typeError) throw typeError;
  if (typeof body['id'] === 'string' && body['id'] !== id) {
    throw invalidValue(`id in the body (${body['id']}) does not match the URL (${id})`);
  }
  const doc = buildUserDoc(body, ctx.profile, ctx.tenant.enabledAttributes, t.userSchemas());
  const custom = t.activeCustomSchema();
  const user = await t.store.engine.write((tx) => {
    const current = load(t, tx, id);
    checkIfMatch(ifMatch, current.version);
    if (doc.resource['active'] === undefined) doc.resource['active'] = current.active;
    keepIdentityIfLegacy(ctx, current, doc.resource);
    checkUserRequired(doc.resource, ctx.profile);
    ensureUnique(t, tx, doc.resource['userName'] as string, current.seq);
    enforceCustomSchema(t.store, tx, custom, ctx, doc.resource, current.resource, current.seq);
    const updated = t.store.users.update(tx, current, doc, now());
    syncCustomValues(t.store, tx, custom, updated.seq, updated.resource);
    return updated;
  });
  noteIgnored(ctx, doc.ignored);
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  t.emit('users-changed', [user.id]);
  return ok(represent(t, ctx, user), { ETag: etagOf(user.version) });
}

/** Legacy G1 tenants: "changes made to the users' username and email-address will not be reflected" (spec/netskope.md §8.1). */
function keepIdentityIfLegacy(ctx: ScimContext, current: StoredUser, next: Record<string, unknown>): void {
  if (!ctx.profile.ignoreIdentityChanges) return;
  if (next['userName'] !== current.userName) {
    if (next['userName'] !== undefined) ctx.warnings.push('userName change ignored (legacy tenant)');
    next['userName'] = current.userName;
  }
  const before = JSON.stringify(current.resource['emails'] ?? null);
  if (JSON.stringify(next['emails'] ?? null) !== before) {
    ctx.warnings.push('email change ignored (legacy tenant)');
    if (current.resource['emails'] === undefined) delete next['emails'];
    else next['emails'] = current.resource['emails'];
  }
}

/** PATCH (RFC 7644 §3.5.2): operations applied in order, all or nothing. */
export async function patchUser(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  rawBody: unknown,
  ifMatch?: string,
): Promise<Reply> {
  const ops = parsePatchRequest(rawBody);
  checkPatchLimits(ops, 'User');
  ctx.patchStyle = describePatchStyle(rawBody);
  const custom = t.activeCustomSchema();
  const user = await t.store.engine.write((tx) => {
    const current = load(t, tx, id);
    checkIfMatch(ifMatch, current.version);
    const { resource } = applyPatch(current.resource, ops, {
      schemas: t.userSchemas(),
      coreSchemaId: USER_URN,
      readOnly: ['id', 'meta', 'groups', 'schemas'],
    });
    coerceActive(resource, ctx);
    const typeError = validateResourceTypes(resource, t.userSchemas());
    if (typeError) throw typeError;
    const doc = buildUserDoc(resource, ctx.profile, ctx.tenant.enabledAttributes, t.userSchemas());
    if (doc.resource['active'] === undefined) doc.resource['active'] = current.active;
    keepIdentityIfLegacy(ctx, current, doc.resource);
    checkUserRequired(doc.resource, ctx.profile);
    ensureUnique(t, tx, doc.resource['userName'] as string, current.seq);
    enforceCustomSchema(t.store, tx, custom, ctx, doc.resource, current.resource, current.seq);
    noteIgnored(ctx, doc.ignored);
    const updated = t.store.users.update(tx, current, doc, now());
    syncCustomValues(t.store, tx, custom, updated.seq, updated.resource);
    return updated;
  });
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  t.emit('users-changed', [user.id]);
  if (ctx.profile.patchReply === 'no-content') return noContent();
  return ok(represent(t, ctx, user), { ETag: etagOf(user.version) });
}

/** DELETE: gone from SCIM reads (404 afterwards), kept as "Deleted" in the console. */
export async function deleteUser(t: Tenant, ctx: ScimContext, id: string, ifMatch?: string): Promise<Reply> {
  const user = await t.store.engine.write((tx) => {
    const current = load(t, tx, id);
    checkIfMatch(ifMatch, current.version);
    t.store.users.softDelete(tx, current, now());
    t.store.customSchema.clearValues(tx, current.seq);
    return current;
  });
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  t.emit('users-changed', [user.id]);
  return noContent();
}
