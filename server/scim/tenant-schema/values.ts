/**
 * What the custom schema's characteristics mean for a user write (RFC 7643 §2.2, §7), enforced
 * here because no generic code knows them: `required` (400 invalidValue when missing),
 * `mutability` readOnly (the client's value is ignored and noted) and immutable (a set value
 * cannot change: 400 mutability, RFC 7644 §3.5.2), and `returned` on the way out.
 * Types are checked earlier, by validateResourceTypes, against the same schema.
 */
import { badRequest, invalidValue } from '../../domain/errors';
import { TENANT_EXTENSION_SCHEMA_ID, type SchemaDef } from '../../domain/schema';
import type { ScimContext } from '../context';

type Obj = Record<string, unknown>;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function extOf(resource: Obj | undefined): Obj | undefined {
  const v = resource?.[TENANT_EXTENSION_SCHEMA_ID];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/**
 * Checks and adjusts `resource` (what is about to be stored) against the custom schema.
 * `previous` is the stored resource for a replace or PATCH, undefined for a create.
 * Uniqueness is checked where the value rows are written (server/store/custom-values-observer.ts).
 */
export function adjustCustomValues(
  schema: SchemaDef | null,
  ctx: ScimContext,
  resource: Obj,
  previous: Obj | undefined,
): void {
  if (!schema) return;
  const ext: Obj = { ...(extOf(resource) ?? {}) };
  const prev = extOf(previous) ?? {};
  for (const d of schema.attributes) {
    const label = `${schema.id}:${d.name}`;
    const v = ext[d.name];
    const p = prev[d.name];
    if (d.mutability === 'readOnly' && v !== undefined && !same(v, p)) {
      ctx.warnings.push(`ignored ${label}: it is readOnly (custom schema)`);
      if (p === undefined) Reflect.deleteProperty(ext, d.name);
      else ext[d.name] = p;
    }
    if (d.mutability === 'immutable' && p !== undefined) {
      if (v === undefined) ext[d.name] = p;
      else if (!same(v, p)) throw badRequest(`${label} is immutable: it already has a value`, 'mutability');
    }
    if (d.required && (ext[d.name] === undefined || ext[d.name] === null)) {
      throw invalidValue(`${label} is required (custom schema)`);
    }
  }
  if (Object.keys(ext).length) resource[TENANT_EXTENSION_SCHEMA_ID] = ext;
  else Reflect.deleteProperty(resource, TENANT_EXTENSION_SCHEMA_ID);
}

/**
 * RFC 7643 §7 "returned": `never` attributes are never in a response; `request` ones only when
 * named in `attributes` (RFC 7644 §3.9). `requested` holds the lower-cased `attributes` paths.
 */
export function applyReturned(
  body: Obj,
  schema: SchemaDef | null,
  requested: readonly string[] | undefined,
): Obj {
  if (!schema) return body;
  const key = Object.keys(body).find((k) => k.toLowerCase() === schema.id.toLowerCase());
  if (key === undefined) return body;
  const ext = { ...(body[key] as Obj) };
  const urn = schema.id.toLowerCase();
  for (const d of schema.attributes) {
    const name = Object.keys(ext).find((k) => k.toLowerCase() === d.name.toLowerCase());
    if (name === undefined) continue;
    const asked = requested?.some((p) => p === urn || p === `${urn}:${d.name.toLowerCase()}`) ?? false;
    if (d.returned === 'never' || (d.returned === 'request' && !asked)) Reflect.deleteProperty(ext, name);
  }
  const out = { ...body };
  if (Object.keys(ext).length) out[key] = ext;
  else Reflect.deleteProperty(out, key);
  return out;
}
