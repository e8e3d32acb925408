/**
 * Resolves filter paths for both engines (SQL and in-memory), so they read the same attribute
 * with the same characteristics. Unknown attributes are an invalidFilter error by default
 * (RFC 7644 §3.4.2.2 lets the server reject attributes it does not support); with
 * `unknownAttributes: 'json'` they are read from the stored JSON as written, with the default
 * characteristics of RFC 7643 §2.2 (singular, caseExact false) and a type taken from the
 * compared value.
 */
import { invalidFilter } from '../domain/errors';
import { findAttribute, resolveAttribute, type AttributeDef, type SchemaDef } from '../domain/schema';
import { pathText, type AttrPath } from './ast';

export interface FilterOptions {
  /** what to do with attributes the schemas do not define (default 'error') */
  unknownAttributes?: 'error' | 'json';
}

/** A resolved filter path. */
export interface Located {
  /** the top-level attribute (undefined: unknown, read from JSON as written) */
  top: AttributeDef | undefined;
  /** canonical (or as-written) name of the top-level attribute: its JSON key */
  topName: string;
  /** canonical id of the extension schema holding it, if any: its JSON key */
  extension: string | undefined;
  /** the sub-attribute, when the path names one */
  sub: AttributeDef | undefined;
  subName: string | undefined;
  /** the path as the client wrote it, for messages */
  label: string;
}

/** Resolves a top-level path (`userName`, `name.givenName`, `urn:…:User:manager.value`). */
export function locate(path: AttrPath, schemas: readonly SchemaDef[], options: FilterOptions): Located {
  const label = pathText(path);
  const hit = resolveAttribute(path, schemas);
  if (hit) {
    const top = hit.parent ?? hit.def;
    const sub = hit.parent ? hit.def : undefined;
    return {
      top,
      topName: top.name,
      extension: hit.extension ? hit.schemaId : undefined,
      sub,
      subName: sub?.name,
      label,
    };
  }
  // The top-level attribute may be known while its sub-attribute is not (`name.nickname`).
  const topOnly = path.sub ? resolveAttribute({ ...path, sub: undefined }, schemas) : undefined;
  if (options.unknownAttributes !== 'json') {
    if (topOnly && topOnly.def.type !== 'complex') {
      throw invalidFilter(
        `Invalid filter: "${topOnly.def.name}" is not complex, so "${label}" names nothing`,
      );
    }
    throw invalidFilter(`Invalid filter: unknown attribute "${label}"`);
  }
  if (topOnly) {
    if (topOnly.def.type !== 'complex') {
      throw invalidFilter(
        `Invalid filter: "${topOnly.def.name}" is not complex, so "${label}" names nothing`,
      );
    }
    return {
      top: topOnly.def,
      topName: topOnly.def.name,
      extension: topOnly.extension ? topOnly.schemaId : undefined,
      sub: undefined,
      subName: path.sub,
      label,
    };
  }
  const ext = path.uri ? schemas.find((s) => s.id.toLowerCase() === path.uri?.toLowerCase()) : undefined;
  return {
    top: undefined,
    topName: path.attr,
    extension: path.uri ? (ext?.id ?? path.uri) : undefined,
    sub: undefined,
    subName: path.sub,
    label,
  };
}

/**
 * Resolves a sub-attribute name inside a value filter (`emails[type eq "work"]`) against the
 * multi-valued attribute `parent`.
 */
export function locateSub(
  parent: AttributeDef | undefined,
  path: AttrPath,
  parentLabel: string,
  options: FilterOptions,
): { def: AttributeDef | undefined; name: string; label: string } {
  const label = `${parentLabel}.${path.attr}`;
  const def = findAttribute(parent?.subAttributes, path.attr);
  if (def) return { def, name: def.name, label };
  if (options.unknownAttributes !== 'json' && parent) {
    throw invalidFilter(`Invalid filter: "${parentLabel}" has no sub-attribute "${path.attr}"`);
  }
  return { def: undefined, name: path.attr, label };
}

/**
 * The sub-attribute a comparison on a multi-valued complex attribute without sub-attribute
 * applies to: `emails co "@x"` compares `emails.value` (RFC 7644 §3.4.2.2 treats the
 * attribute's values; RFC 7643 §2.4 names `value` as the one carrying them).
 */
export function defaultSub(top: AttributeDef, label: string): AttributeDef {
  const value = findAttribute(top.subAttributes, 'value');
  if (!value) throw invalidFilter(`Invalid filter: "${label}" is complex; compare one of its sub-attributes`);
  return value;
}
