/**
 * Discovery endpoints (RFC 7644 §4): /ServiceProviderConfig, /ResourceTypes, /Schemas, describing
 * exactly what this tenant supports; and PATCH /Schemas/{id}, Netskope's way of enabling
 * optional attributes (docs/netskope.md §5.3).
 */
import type { ScimContext } from './context';
import { invalidValue, notFound, invalidSyntax } from '../domain/errors';
import { noContent, ok, type Reply } from './reply';
import { listResponse } from './list-response';
import { ENTERPRISE_URN, GROUP_URN, PATCH_URN, RESOURCE_TYPE_URN, SPC_URN, USER_URN } from './urns';
import {
  ALWAYS_STORED_USER_ATTRIBUTES,
  OPTIONAL_CORE_ATTRIBUTES,
  OPTIONAL_ENTERPRISE_ATTRIBUTES,
} from '../domain/profiles';
import type { Tenant } from './tenant';
import type { SchemaDef } from '../domain/schema';
import { MAX_COUNT } from './list-params';

export const MAX_OPERATIONS = 1000;

/**
 * RFC 7643 §5. Only the standard fields: a strict client refuses anything its schemas do not
 * declare (issue 15), so the body-size limit a client must respect is stated in `bulk` — the
 * one standard field that carries `maxPayloadSize` — with `supported: false`, and the listing
 * cap in `filter.maxResults`. No `documentationUri`: it is optional, and the only honest value
 * would be a page on the admin's own machine.
 */
export function serviceProviderConfig(ctx: ScimContext, maxPayloadSize: number): Reply {
  return ok({
    schemas: [SPC_URN],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: MAX_OPERATIONS, maxPayloadSize },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'Authentication scheme using the OAuth Bearer Token Standard (also accepted as Netskope-Api-Token)',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${ctx.baseUrl}/ServiceProviderConfig` },
  });
}

/**
 * The User resource type lists exactly the extensions the tenant resolves attributes against:
 * enterprise always, the tenant's custom schema once it exists (Netskope profiles,
 * docs/netskope.md §5.3). Netskope's tenant also names `…:extension:netskope:2.0:User`
 * (docs/netskope.md §5.2) but no attribute of it is documented, so ScimDesk does not claim it.
 */
function resourceTypes(t: Tenant, ctx: ScimContext): Record<string, unknown>[] {
  return [
    {
      schemas: [RESOURCE_TYPE_URN],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_URN,
      schemaExtensions: t
        .userSchemas()
        .slice(1)
        .map((schema) => ({ schema: schema.id, required: false })),
      meta: { resourceType: 'ResourceType', location: `${ctx.baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_URN],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_URN,
      meta: { resourceType: 'ResourceType', location: `${ctx.baseUrl}/ResourceTypes/Group` },
    },
  ];
}

const list = (items: unknown[], startIndex = 1): Reply => listResponse(items.length, startIndex, items);

export function getResourceTypes(t: Tenant, ctx: ScimContext, name?: string): Reply {
  const all = resourceTypes(t, ctx);
  if (name === undefined) return list(all);
  const hit = all.find((r) => String(r['name']).toLowerCase() === name.toLowerCase());
  if (!hit) throw notFound('Resource Type not found');
  return ok(hit);
}

/** The schemas as this tenant serves them: Netskope lists only the attributes it stores. */
export function servedSchemas(t: Tenant, ctx: ScimContext): SchemaDef[] {
  const all = [...t.userSchemas(), ...t.groupSchemas()];
  if (!ctx.profile.gateOptionalAttributes) return all;
  const enabled = ctx.tenant.enabledAttributes;
  return all.map((s) => {
    if (s.id === USER_URN) {
      const keep = new Set<string>([...ALWAYS_STORED_USER_ATTRIBUTES, 'id', 'meta', 'password', 'groups']);
      return {
        ...s,
        attributes: s.attributes.filter(
          (a) =>
            keep.has(a.name) ||
            ((OPTIONAL_CORE_ATTRIBUTES as readonly string[]).includes(a.name) && enabled.has(a.name)),
        ),
      };
    }
    if (s.id === ENTERPRISE_URN) {
      return { ...s, attributes: s.attributes.filter((a) => enabled.has(a.name)) };
    }
    return s;
  });
}

export function withMeta(ctx: ScimContext, s: SchemaDef): Record<string, unknown> {
  return {
    ...s,
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    meta: { resourceType: 'Schema', location: `${ctx.baseUrl}/Schemas/${s.id}` },
  };
}

/** GET /Schemas; Netskope pages it with offset/limit (1–10) rather than startIndex/count (docs/netskope.md §4). */
export function getSchemas(t: Tenant, ctx: ScimContext, query: URLSearchParams, id?: string): Reply {
  const served = servedSchemas(t, ctx);
  if (id !== undefined) {
    const hit = served.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!hit) throw notFound(`Schema ${id} not found`);
    return ok(withMeta(ctx, hit));
  }
  const offsetRaw = query.get('offset');
  const limitRaw = query.get('limit');
  if (offsetRaw === null && limitRaw === null) return list(served.map((s) => withMeta(ctx, s)));
  const offset = Number(offsetRaw ?? 0);
  const limit = Number(limitRaw ?? 10);
  if (!Number.isInteger(offset) || offset < 0) throw invalidValue('offset must be a non-negative integer');
  if (!Number.isInteger(limit) || limit < 1 || limit > 10)
    throw invalidValue('limit must be an integer from 1 to 10');
  return list(
    served.slice(offset, offset + limit).map((s) => withMeta(ctx, s)),
    offset + 1,
  );
}

/**
 * PATCH /Schemas/{id} with `{"op":"add","path":"attributes","value":{"name":"department"}}`
 * enables an optional attribute; `remove` with `attributes[name eq "department"]` (or the
 * same value) disables it.
 */
export async function patchSchema(
  t: Tenant,
  _ctx: ScimContext,
  id: string,
  body: unknown,
  save: (enabled: string[]) => Promise<void>,
): Promise<Reply> {
  const optional =
    id.toLowerCase() === USER_URN.toLowerCase()
      ? (OPTIONAL_CORE_ATTRIBUTES as readonly string[])
      : id.toLowerCase() === ENTERPRISE_URN.toLowerCase()
        ? (OPTIONAL_ENTERPRISE_ATTRIBUTES as readonly string[])
        : undefined;
  if (!optional) throw notFound(`Schema ${id} has no attributes that can be enabled`);
  const b = body as { schemas?: unknown; Operations?: unknown } | null;
  if (!b || !Array.isArray(b.Operations) || !Array.isArray(b.schemas) || !b.schemas.includes(PATCH_URN)) {
    throw invalidSyntax('expected a PatchOp with Operations');
  }
  const enabled = new Set(t.settings.enabledAttributes);
  for (const raw of b.Operations as Record<string, unknown>[]) {
    const op = String(raw?.['op'] ?? '').toLowerCase();
    const path = String(raw?.['path'] ?? '');
    const names: string[] = [];
    const m = /^attributes\[name eq "([^"]+)"\]$/i.exec(path);
    if (m?.[1]) names.push(m[1]);
    else if (path.toLowerCase() === 'attributes') {
      const v = raw['value'];
      for (const item of Array.isArray(v) ? v : [v]) {
        const n = (item as Record<string, unknown> | null)?.['name'];
        if (typeof n !== 'string') throw invalidValue('each attribute needs a "name"');
        names.push(n);
      }
    } else throw invalidValue(`unsupported path "${path}": use "attributes"`);
    for (const n of names) {
      const canonical = optional.find(
        (o) => o.toLowerCase() === n.toLowerCase().replace(/^manager\..*/, 'manager'),
      );
      if (!canonical)
        throw invalidValue(`"${n}" cannot be enabled on ${id}; supported: ${optional.join(', ')}`);
      if (op === 'add' || op === 'replace') enabled.add(canonical);
      else if (op === 'remove') enabled.delete(canonical);
      else throw invalidValue(`unsupported op "${op}"`);
    }
  }
  await save([...enabled].sort());
  return noContent();
}

/** The Resources of GET /Schemas and GET /ResourceTypes, for the test-only response observer. */
export function describeTenant(
  t: Tenant,
  ctx: ScimContext,
): { schemas: Record<string, unknown>[]; resourceTypes: Record<string, unknown>[] } {
  // The tenant as it is now (a request that changed it started with the old settings).
  ctx = { ...ctx, profile: t.profile, tenant: t.settings };
  return {
    schemas: servedSchemas(t, ctx).map((s) => withMeta(ctx, s)),
    resourceTypes: resourceTypes(t, ctx),
  };
}

/** Changes whenever describeTenant's answer may change. */
export function descriptionKey(t: Tenant): string {
  const custom = t.activeCustomSchema();
  return `${t.profile.name}|${[...t.settings.enabledAttributes].sort().join(',')}|${custom ? JSON.stringify(custom) : ''}`;
}
