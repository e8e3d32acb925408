/**
 * /Users: create, read, list, replace, patch, delete (RFC 7644 §3.3–3.6) as the emulated
 * tenant does them. Okta never deletes users: it deactivates with `active:false` (docs/okta.md
 * §2.4), and the user stays readable and findable by userName.
 */
import type { StoredUser } from '../store/users-repo';
import { usersTarget } from '../store/sql-targets';
import { invalidValue } from '../domain/errors';
import type { ScimContext } from './context';
import { touched } from './context';
import { buildUserDoc, checkUserRequired } from './user-doc';
import { checkPatchLimits, requireResourceObject } from './resource-limits';
import { etagOf, userLocation, userToScim } from './user-representation';
import { parseListParams, parseProjection } from './list-params';
import { project } from './projection';
import { checkIfMatch, notModified } from './preconditions';
import { created, noContent, ok, type Reply } from './reply';
import { listResponse } from './list-response';
import { USER_EXTENSION_URNS, USER_URN } from './urns';
import type { Tenant } from './tenant';
import { compileFilter, compileSort, parseFilter } from '../query';
import { validateResourceTypes } from './validate-types';
import { applyPatch, parsePatchRequest, type PatchOperation } from './patch';
import { describePatchStyle } from './patch-style';
import { userShaper } from './served-shape';
import { adjustCustomValues } from './tenant-schema/values';

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

function noteIgnored(ctx: ScimContext, ignored: string[]): void {
  if (ignored.length) {
    ctx.warnings.push(
      `ignored attributes (not stored by a ${ctx.profile.name} tenant${ctx.profile.gateOptionalAttributes ? ' unless enabled in /Schemas' : ''}): ${ignored.join(', ')}`,
    );
  }
}

function represent(t: Tenant, ctx: ScimContext, user: StoredUser): Record<string, unknown> {
  const groups = ctx.profile.userGroups
    ? t.store.engine.read((r) => t.store.users.groupsOf(r, [user.seq]).get(user.seq) ?? [])
    : undefined;
  return userShaper(t, ctx)(userToScim(user, ctx, groups));
}

export async function createUser(t: Tenant, ctx: ScimContext, rawBody: unknown): Promise<Reply> {
  const body = requireResourceObject(rawBody, 'User');
  coerceActive(body, ctx);
  const typeError = validateResourceTypes(body, t.userSchemas());
  if (typeError) throw typeError;
  const doc = buildUserDoc(body, ctx.profile, ctx.tenant.enabledAttributes, t.userSchemas());
  checkUserRequired(doc.resource, ctx.profile);
  adjustCustomValues(t.activeCustomSchema(), ctx, doc.resource, undefined);
  noteIgnored(ctx, doc.ignored);
  const user = await t.store.userService.create(ctx, doc);
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  return created(represent(t, ctx, user), userLocation(ctx, user.id), etagOf(user.version));
}

export function getUser(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  query: URLSearchParams,
  ifNoneMatch?: string,
): Reply {
  const user = t.store.engine.read((r) => t.store.userService.load(r, id));
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  if (notModified(ifNoneMatch, user.version)) return { status: 304, headers: { ETag: etagOf(user.version) } };
  const projection = parseProjection(query);
  const groups = ctx.profile.userGroups
    ? t.store.engine.read((r) => t.store.users.groupsOf(r, [user.seq]).get(user.seq) ?? [])
    : undefined;
  const shaped = userShaper(t, ctx)(userToScim(user, ctx, groups), projection.attributes);
  const body = project(shaped, projection, USER_URN, USER_EXTENSION_URNS);
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
  return listResponse(
    total,
    p.startIndex,
    rows.map((u) =>
      project(
        shape(userToScim(u, ctx, groups?.get(u.seq) ?? []), p.projection.attributes),
        p.projection,
        USER_URN,
        USER_EXTENSION_URNS,
      ),
    ),
  );
}

/**
 * PUT replaces the user (RFC 7644 §3.5.1). A missing `active` keeps the current value, as
 * Okta's classic apps always send it and losing it would deactivate users (docs/okta.md Q21);
 * read-only input (id, meta, groups) is ignored. Legacy tenants ignore userName/email changes.
 */
export async function replaceUser(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  rawBody: unknown,
  ifMatch?: string,
): Promise<Reply> {
  const body = requireResourceObject(rawBody, 'User');
  coerceActive(body, ctx);
  const typeError = validateResourceTypes(body, t.userSchemas());
  if (typeError) throw typeError;
  if (typeof body['id'] === 'string' && body['id'] !== id) {
    throw invalidValue(`id in the body (${body['id']}) does not match the URL (${id})`);
  }
  const doc = buildUserDoc(body, ctx.profile, ctx.tenant.enabledAttributes, t.userSchemas());
  const user = await t.store.userService.update(ctx, id, (current) => {
    checkIfMatch(ifMatch, current.version);
    keepIdentityIfLegacy(ctx, current, doc.resource);
    checkUserRequired(doc.resource, ctx.profile);
    adjustCustomValues(t.activeCustomSchema(), ctx, doc.resource, current.resource);
    return doc;
  });
  noteIgnored(ctx, doc.ignored);
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  return ok(represent(t, ctx, user), { ETag: etagOf(user.version) });
}

/** Legacy G1 tenants: "changes made to the users' username and email-address will not be reflected" (docs/netskope.md §8.1). */
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

/**
 * A user always has an `active` value (a missing one keeps the current value, docs/okta.md
 * Q21), so a PATCH `remove` of it could not make it unassigned as RFC 7644 §3.5.2.2 says:
 * it is refused rather than answered with a success that changes nothing.
 */
function refuseActiveRemoval(ops: readonly PatchOperation[]): void {
  for (const o of ops) {
    if (
      o.op === 'remove' &&
      !o.path?.attr.uri &&
      o.path?.attr.attr.toLowerCase() === 'active' &&
      !o.path.attr.sub
    ) {
      throw invalidValue('"active" cannot be removed: replace it with true or false');
    }
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
  refuseActiveRemoval(ops);
  ctx.patchStyle = describePatchStyle(rawBody);
  const user = await t.store.userService.update(ctx, id, (current) => {
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
    keepIdentityIfLegacy(ctx, current, doc.resource);
    checkUserRequired(doc.resource, ctx.profile);
    adjustCustomValues(t.activeCustomSchema(), ctx, doc.resource, current.resource);
    noteIgnored(ctx, doc.ignored);
    return doc;
  });
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  if (ctx.profile.patchReply === 'no-content') return noContent();
  return ok(represent(t, ctx, user), { ETag: etagOf(user.version) });
}

/**
 * DELETE: gone from SCIM reads (404 afterwards), kept as "Deleted" in the console; the user
 * leaves its groups (the service announces those groups too).
 */
export async function deleteUser(t: Tenant, ctx: ScimContext, id: string, ifMatch?: string): Promise<Reply> {
  const user = await t.store.userService.delete(ctx, id, (current) => checkIfMatch(ifMatch, current.version));
  touched(ctx, 'User', user.id, user.userName, user.externalId);
  return noContent();
}
