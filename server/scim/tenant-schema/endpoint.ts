/**
 * PUT, PATCH and DELETE on /Schemas/urn:ietf:params:scim:schemas:extension:tenant:2.0:User:
 * the tenant's one custom schema (docs/netskope.md §5.3; docs/schemas.md). GET is served by
 * the discovery route like every other schema.
 *
 * - PUT `{"name","description","attributes":[…]}` creates or replaces it (200 + the schema).
 * - PATCH (a PatchOp) on path `attributes` adds or replaces definitions by name (`add`,
 *   `replace`), or removes them (`remove` with `attributes[name eq "x"]`, or `attributes` and
 *   a value naming them); `name` and `description` can be replaced. 204, as Netskope answers
 *   PATCH (docs/netskope.md §4).
 * - DELETE removes it (204), only when no user holds a value for any of its attributes.
 */
import { invalidSyntax, invalidValue, notFound, ScimError } from '../../domain/errors';
import { parseCustomAttribute, TENANT_EXTENSION_SCHEMA_ID, type AttributeDef } from '../../domain/schema';
import type { ScimContext } from '../context';
import { withMeta } from '../discovery';
import { noContent, ok, type Reply } from '../reply';
import { PATCH_URN } from '../urns';
import type { Tenant } from '../tenant';
import { defineCustomSchema, schemaFrom } from './define';

export const isTenantSchemaId = (id: string): boolean =>
  id.toLowerCase() === TENANT_EXTENSION_SCHEMA_ID.toLowerCase();

/** PUT and DELETE exist for the custom schema only; the others are fixed (GET, PATCH). */
function requireTenantSchema(id: string): void {
  if (!isTenantSchemaId(id)) {
    throw new ScimError(
      405,
      `Only ${TENANT_EXTENSION_SCHEMA_ID} can be replaced or deleted; allowed here: GET, PATCH`,
      undefined,
      {
        Allow: 'GET, PATCH',
      },
    );
  }
}

function requireProfile(ctx: ScimContext): void {
  if (!ctx.profile.customSchema) {
    throw notFound(
      `Schema ${TENANT_EXTENSION_SCHEMA_ID} not found: the ${ctx.profile.name} profile has no custom schema`,
    );
  }
}

function object(body: unknown, what: string): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidSyntax(`${what} must be a JSON object`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) out[k.toLowerCase()] = v;
  return out;
}

export async function putTenantSchema(
  t: Tenant,
  ctx: ScimContext,
  id: string,
  body: unknown,
): Promise<Reply> {
  requireTenantSchema(id);
  requireProfile(ctx);
  const b = object(body, 'The schema');
  if (b['id'] !== undefined && (typeof b['id'] !== 'string' || !isTenantSchemaId(b['id']))) {
    throw invalidValue(`"id" must be ${TENANT_EXTENSION_SCHEMA_ID} (only one custom schema per tenant)`);
  }
  if (b['attributes'] === undefined)
    throw invalidValue('"attributes" is required: the list of attribute definitions');
  const next = schemaFrom({ name: b['name'], description: b['description'], attributes: b['attributes'] });
  await defineCustomSchema(t, next);
  return ok(withMeta(ctx, next));
}

export async function deleteTenantSchema(t: Tenant, ctx: ScimContext, id: string): Promise<Reply> {
  requireTenantSchema(id);
  requireProfile(ctx);
  if (!t.customSchema) throw notFound(`Schema ${TENANT_EXTENSION_SCHEMA_ID} not found`);
  await defineCustomSchema(t, null);
  return noContent();
}

function namesIn(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((item) => {
    const n = typeof item === 'string' ? item : (item as Record<string, unknown> | null)?.['name'];
    if (typeof n !== 'string') throw invalidValue('each attribute to remove needs a "name"');
    return n;
  });
}

export async function patchTenantSchema(t: Tenant, ctx: ScimContext, body: unknown): Promise<Reply> {
  requireProfile(ctx);
  const current = t.customSchema;
  if (!current) throw notFound(`Schema ${TENANT_EXTENSION_SCHEMA_ID} not found: create it with PUT first`);
  const b = object(body, 'The PATCH body');
  const schemas = b['schemas'];
  const ops = b['operations'];
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_URN) || !Array.isArray(ops)) {
    throw invalidSyntax(`expected a PatchOp ("schemas": ["${PATCH_URN}"], "Operations": […])`);
  }
  let attributes: AttributeDef[] = [...current.attributes];
  let name: unknown = current.name;
  let description: unknown = current.description;
  for (const rawOp of ops) {
    const o = object(rawOp, 'Each operation');
    const op = String(o['op'] ?? '').toLowerCase();
    const path = typeof o['path'] === 'string' ? o['path'].trim() : '';
    const byName = /^attributes\[name eq "([^"]+)"\]$/i.exec(path);
    if (op === 'remove') {
      const names = byName?.[1]
        ? [byName[1]]
        : path.toLowerCase() === 'attributes'
          ? namesIn(o['value'])
          : null;
      if (!names)
        throw invalidValue(`remove needs path "attributes[name eq \\"…\\"]" or "attributes" with a value`);
      for (const n of names) {
        if (!attributes.some((a) => a.name.toLowerCase() === n.toLowerCase())) {
          throw new ScimError(400, `No custom attribute "${n}"`, 'noTarget');
        }
        attributes = attributes.filter((a) => a.name.toLowerCase() !== n.toLowerCase());
      }
      continue;
    }
    if (op !== 'add' && op !== 'replace') throw invalidValue(`unsupported op "${String(o['op'])}"`);
    if (path.toLowerCase() === 'name') name = o['value'];
    else if (path.toLowerCase() === 'description') description = o['value'];
    else if (path.toLowerCase() === 'attributes' || byName) {
      const value = o['value'];
      for (const item of Array.isArray(value) ? value : [value]) {
        const def = parseCustomAttribute(byName?.[1] ? { name: byName[1], ...(item as object) } : item);
        const at = attributes.findIndex((a) => a.name.toLowerCase() === def.name.toLowerCase());
        if (at >= 0) attributes[at] = def;
        else attributes.push(def);
      }
    } else throw invalidValue(`unsupported path "${path}": use "attributes", "name" or "description"`);
  }
  await defineCustomSchema(t, schemaFrom({ name, description, attributes }));
  return noContent();
}
