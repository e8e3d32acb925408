/**
 * The filter AST (RFC 7644 §3.4.2.2). Paths keep the spelling the client sent; the compilers
 * resolve them against the schemas (names are case-insensitive, RFC 7643 §2.1).
 */

import type { AttrPath } from '../domain/schema/types';

export type { AttrPath };

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type CompValue = string | number | boolean | null;

export interface CompareFilter {
  kind: 'compare';
  path: AttrPath;
  op: CompareOp;
  value: CompValue;
}

export interface PresentFilter {
  kind: 'present';
  path: AttrPath;
}

export interface AndFilter {
  kind: 'and';
  left: Filter;
  right: Filter;
}

export interface OrFilter {
  kind: 'or';
  left: Filter;
  right: Filter;
}

export interface NotFilter {
  kind: 'not';
  filter: Filter;
}

/**
 * `emails[type eq "work" and primary eq true]`: some value of the multi-valued attribute
 * matches `filter`, whose paths name sub-attributes of `path` (`{attr: 'type'}`).
 */
export interface ValuePathFilter {
  kind: 'valuePath';
  path: AttrPath;
  filter: Filter;
}

export type Filter = CompareFilter | PresentFilter | AndFilter | OrFilter | NotFilter | ValuePathFilter;

/**
 * A PATCH path (RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`).
 * `emails[type eq "work"].value` is `{attr: {attr: 'emails'}, filter, sub: 'value'}`;
 * `name.givenName` is `{attr: {attr: 'name', sub: 'givenName'}}`.
 */
export interface PatchPath {
  attr: AttrPath;
  filter?: Filter;
  sub?: string;
}

export const COMPARE_OPS: ReadonlySet<string> = new Set([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);

/** Readable form of a path, for messages: `urn:…:User:manager.value`. */
export function pathText(p: AttrPath): string {
  const base = p.uri ? `${p.uri}:${p.attr}` : p.attr;
  return p.sub ? `${base}.${p.sub}` : base;
}
