/**
 * Attribute path resolution against a resource type's schemas. Names are case-insensitive
 * (RFC 7643 §2.1) and so are schema URNs (RFC 8141 §3.1). Unqualified names refer to the core
 * schema or the common attributes; extension attributes must carry their URN (RFC 7644 §3.10:
 * clients "MUST fully qualify extended attributes").
 */
import type { AttrPath } from './types';
import { COMMON_ATTRIBUTES } from './common-attributes';
import type { AttributeDef, SchemaDef } from './types';

/** Where a path points. */
export interface ResolvedAttribute {
  /** the attribute, or the sub-attribute when the path has one */
  def: AttributeDef;
  /** the complex attribute holding `def` when the path names a sub-attribute */
  parent?: AttributeDef;
  /** id of the schema defining the attribute (the core schema's for common attributes) */
  schemaId: string;
  /** true when the value lives under the extension's URN key in the resource (RFC 7643 §3.3) */
  extension: boolean;
}

/** Finds a schema by id, case-insensitively. */
export function findSchema(schemas: readonly SchemaDef[], id: string): SchemaDef | undefined {
  const lower = id.toLowerCase();
  return schemas.find((s) => s.id.toLowerCase() === lower);
}

/** Finds an attribute definition by name, case-insensitively. */
export function findAttribute(
  defs: readonly AttributeDef[] | undefined,
  name: string,
): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return defs?.find((a) => a.name.toLowerCase() === lower);
}

/**
 * Resolves a path against `schemas`, whose first entry is the resource type's core schema and
 * the rest its extensions. Returns undefined for anything the schemas do not define (including
 * a path that is a whole extension URN, and a sub-attribute of a non-complex attribute).
 */
export function resolveAttribute(
  path: AttrPath,
  schemas: readonly SchemaDef[],
): ResolvedAttribute | undefined {
  const core = schemas[0];
  if (!core) return undefined;
  let schema = core;
  if (path.uri) {
    const named = findSchema(schemas, path.uri);
    if (!named) return undefined;
    schema = named;
  }
  const extension = schema !== core;
  const top =
    findAttribute(schema.attributes, path.attr) ??
    (extension ? undefined : findAttribute(COMMON_ATTRIBUTES, path.attr));
  if (!top) return undefined;
  if (!path.sub) return { def: top, schemaId: schema.id, extension };
  if (top.type !== 'complex') return undefined;
  const sub = findAttribute(top.subAttributes, path.sub);
  return sub ? { def: sub, parent: top, schemaId: schema.id, extension } : undefined;
}
