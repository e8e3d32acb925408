/**
 * Resolves a PATCH attribute path against the resource type's schemas: which object holds it
 * (the resource itself, or the extension object keyed by its URN, RFC 7644 §3.10), its
 * definition, and its canonical spelling. Names match case-insensitively (RFC 7643 §2.1;
 * Netskope's path enum spells `name.givenname`, `externalid`, netskope.md §8.1).
 */
import { invalidPath } from '../../domain/errors';
import type { AttrPath } from '../../query';
import { COMMON_ATTRIBUTES, type AttributeDef, type SchemaDef } from '../../domain/schema';
import type { ApplyContext } from './types';
import { subDef } from './values';

/** Where a path points. */
export interface Target {
  /** canonical id of the extension schema holding the attribute; undefined for the core schema */
  ext?: string;
  /** the whole extension object (path was just the extension URN) */
  wholeExtension: boolean;
  /** attribute name: the schema's spelling, or as sent when the schemas do not define it */
  name: string;
  def?: AttributeDef;
  /** sub-attribute of a complex attribute (`name.givenName`), canonical spelling */
  sub?: string;
  subDef?: AttributeDef;
  /** readable canonical path for messages and `changed`, e.g. `name.givenName`, `urn:…:User:department` */
  label: string;
}

/** Finds a schema by id, case-insensitively (URNs are compared without case, RFC 8141 §3.1 NID). */
export function findSchema(schemas: readonly SchemaDef[], id: string): SchemaDef | undefined {
  const lower = id.toLowerCase();
  return schemas.find((s) => s.id.toLowerCase() === lower);
}

/**
 * Common attributes (RFC 7643 §3.1) are in no schema listing but still get their canonical
 * spelling (Netskope's path enum says `externalid`, netskope.md §8.1) and their type.
 */
function findCommon(name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return COMMON_ATTRIBUTES.find((c) => c.name.toLowerCase() === lower);
}

/** Finds an attribute of a schema case-insensitively. */
export function findAttribute(schema: SchemaDef | undefined, name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return schema?.attributes.find((a) => a.name.toLowerCase() === lower);
}

/** Label of an attribute in `changed` lists and messages. */
export function labelOf(ext: string | undefined, name: string, sub?: string): string {
  const base = ext ? `${ext}:${name}` : name;
  return sub ? `${base}.${sub}` : base;
}

/** Resolves an attribute path; never throws for attributes the schemas do not define. */
export function resolveTarget(path: AttrPath, ctx: ApplyContext): Target {
  const core = findSchema(ctx.schemas, ctx.coreSchemaId);
  let ext: string | undefined;
  let schema = core;
  if (path.uri) {
    // `urn:…:enterprise:2.0:User` alone names the whole extension object; a parser may read
    // its last segment as the attribute, so test the joined form first.
    if (!path.attr) {
      if (path.uri.toLowerCase() === ctx.coreSchemaId.toLowerCase())
        throw invalidPath(`Path names no attribute`);
      const ext = findSchema(ctx.schemas, path.uri)?.id ?? path.uri;
      return { ext, wholeExtension: true, name: '', label: ext };
    }
    const whole = findSchema(ctx.schemas, `${path.uri}:${path.attr}`);
    if (whole && whole.id !== core?.id && !path.sub) {
      return { ext: whole.id, wholeExtension: true, name: '', label: whole.id };
    }
    const named = findSchema(ctx.schemas, path.uri);
    if (named && named.id !== core?.id) {
      ext = named.id;
      schema = named;
    } else if (!named && path.uri.toLowerCase() !== ctx.coreSchemaId.toLowerCase()) {
      // An extension the resource type does not declare: keep it as sent, untyped.
      ext = path.uri;
      schema = undefined;
    }
  }
  if (!path.attr) throw invalidPath(`Path names no attribute`);
  const def = findAttribute(schema, path.attr) ?? (schema === core ? findCommon(path.attr) : undefined);
  const name = def?.name ?? path.attr;
  const target: Target = { wholeExtension: false, name, label: labelOf(ext, name) };
  if (ext) target.ext = ext;
  if (def) target.def = def;
  if (path.sub) {
    if (def && def.type !== 'complex') {
      throw invalidPath(`"${target.label}" has no sub-attributes, so "${path.sub}" cannot be addressed`);
    }
    const sd = subDef(def, path.sub);
    if (def && !sd) throw invalidPath(`"${target.label}" has no sub-attribute "${path.sub}"`);
    target.sub = sd?.name ?? path.sub;
    if (sd) target.subDef = sd;
    target.label = labelOf(ext, name, target.sub);
  }
  return target;
}

/**
 * Whether a target is server-owned: the context's readOnly list (core attributes such as id,
 * meta, schemas, groups) or mutability readOnly in the schema (RFC 7643 §2.2).
 */
export function isReadOnly(t: Target, ctx: ApplyContext): boolean {
  if (t.wholeExtension) return false;
  if (!t.ext && ctx.readOnly.some((r) => r.toLowerCase() === t.name.toLowerCase())) return true;
  return t.def?.mutability === 'readOnly' || t.subDef?.mutability === 'readOnly';
}
