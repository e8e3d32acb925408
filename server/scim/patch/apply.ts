/**
 * applyPatch: applies PATCH operations, in order, to a copy of a stored SCIM resource
 * (RFC 7644 §3.5.2.1 add, §3.5.2.2 remove, §3.5.2.3 replace). Pure: the input is never
 * modified, and the first bad operation throws before anything is returned, so the caller
 * either stores the whole result or nothing (RFC 7644 §3.5.2: "the entire PATCH" fails).
 */
import { invalidPath, invalidValue, mutability } from '../../domain/errors';
import { changedPaths } from './diff';
import { applyMulti } from './multi-valued';
import { cloneJson, deepEqual, deleteCI, findKey, getCI, isPlainObject, setCI, type Json } from './objects';
import { parsePath } from './path';
import { findSchema, isReadOnly, resolveTarget, type Target } from './resolve';
import type { ApplyContext, ApplyResult, PatchOpName, PatchOperation, PatchPath } from './types';
import { checkValue, subDef } from './values';

interface Run {
  ctx: ApplyContext;
  ignored: string[];
  where: string;
}

/** The object that holds a target: the resource, or its extension object (created on write). */
function holder(resource: Json, t: Target, create: boolean): Json | undefined {
  if (!t.ext) return resource;
  const key = findKey(resource, t.ext);
  const existing = key === undefined ? undefined : resource[key];
  if (isPlainObject(existing)) return existing;
  if (!create) return undefined;
  const fresh: Json = {};
  setCI(resource, t.ext, fresh);
  return fresh;
}

/** Drops an extension object left empty by a remove, so it does not linger as `{}`. */
function pruneExtension(resource: Json, t: Target): void {
  if (!t.ext) return;
  const key = findKey(resource, t.ext);
  const v = key === undefined ? undefined : resource[key];
  if (key !== undefined && isPlainObject(v) && Object.keys(v).length === 0)
    Reflect.deleteProperty(resource, key);
}

function applySingle(container: Json, op: PatchOpName, t: Target, value: unknown, run: Run): void {
  const opts = { strictBooleans: run.ctx.strictBooleans ?? false };
  if (t.sub) {
    const parentKey = findKey(container, t.name);
    const parent = parentKey === undefined ? undefined : container[parentKey];
    if (op === 'remove') {
      if (isPlainObject(parent)) {
        deleteCI(parent, t.sub);
        if (Object.keys(parent).length === 0) deleteCI(container, t.name);
      }
      return;
    }
    const v = checkValue(t.subDef, value, t.label, opts);
    if (v === null) {
      if (isPlainObject(parent)) deleteCI(parent, t.sub);
      return;
    }
    const obj = isPlainObject(parent) ? parent : {};
    setCI(obj, t.sub, v);
    setCI(container, t.name, obj);
    return;
  }
  if (op === 'remove') {
    deleteCI(container, t.name);
    return;
  }
  const v = checkValue(t.def, value, t.label, opts);
  if (v === null) {
    deleteCI(container, t.name);
    return;
  }
  const current = getCI(container, t.name);
  const isComplex = t.def ? t.def.type === 'complex' : isPlainObject(v) && isPlainObject(current);
  if (isComplex && isPlainObject(v)) {
    // RFC 7644 §3.5.2.1 and §3.5.2.3: for a complex attribute, the given sub-attributes replace
    // or add; "sub-attributes that are not specified ... are left unchanged".
    const merged: Json = isPlainObject(current) ? current : {};
    for (const [k, s] of Object.entries(v)) {
      if (s === null) deleteCI(merged, k);
      else setCI(merged, k, s);
    }
    if (Object.keys(merged).length === 0) deleteCI(container, t.name);
    else setCI(container, t.name, merged);
    return;
  }
  setCI(container, t.name, v);
}

/** Applies one operation to one resolved path. `pathless` marks attributes taken from a path-less value. */
function applyAt(
  resource: Json,
  op: PatchOpName,
  path: PatchPath,
  value: unknown,
  run: Run,
  pathless: boolean,
): void {
  const t = resolveTarget(path.attr, run.ctx);
  if (isReadOnly(t, run.ctx)) {
    // Okta's group rename sends `id` inside a path-less value (okta.md Q2): ignore it. A path
    // that names a server-owned attribute is an explicit request: RFC 7644 §3.5.2 mutability.
    if (pathless) {
      run.ignored.push(t.label);
      return;
    }
    throw mutability(`${run.where}: "${t.label}" is read-only and cannot be modified (RFC 7643 §2.2)`);
  }
  if (t.wholeExtension) {
    applyExtension(resource, op, t, value, run);
    return;
  }
  const container = holder(resource, t, op !== 'remove');
  if (!container) return;
  const immutable = t.def?.mutability === 'immutable';
  const before = immutable ? cloneJson(getCI(container, t.name)) : undefined;
  const multi = t.def
    ? t.def.multiValued
    : path.filter !== undefined || Array.isArray(getCI(container, t.name));
  if (path.filter && !multi) {
    throw invalidPath(
      `${run.where}: "${t.label}" is single-valued, so it takes no value filter (RFC 7644 §3.5.2)`,
    );
  }
  if (path.sub && t.def && !subDef(t.def, path.sub)) {
    throw invalidPath(`${run.where}: "${t.label}" has no sub-attribute "${path.sub}"`);
  }
  if (multi) {
    const sub = t.sub ?? path.sub;
    const next = applyMulti(getCI(container, t.name), {
      op,
      target: t,
      ...(path.filter ? { filter: path.filter } : {}),
      ...(sub ? { sub } : {}),
      value,
      createOnNoMatch: run.ctx.createOnReplaceNoMatch ?? false,
      opts: { strictBooleans: run.ctx.strictBooleans ?? false },
    });
    // RFC 7643 §2.5: an empty list is unassigned; store it as absent.
    if (next.length === 0) deleteCI(container, t.name);
    else setCI(container, t.name, next);
  } else {
    applySingle(container, op, t, value, run);
  }
  const after = getCI(container, t.name);
  if (immutable && before !== undefined && !deepEqual(before, after)) {
    // RFC 7643 §2.2: immutable attributes may be set once, never changed.
    throw mutability(`${run.where}: "${t.label}" is immutable (RFC 7643 §2.2)`);
  }
  pruneExtension(resource, t);
}

/** A path (or path-less key) naming a whole extension object: each sub-attribute in turn. */
function applyExtension(resource: Json, op: PatchOpName, t: Target, value: unknown, run: Run): void {
  const ext = t.ext ?? '';
  if (op === 'remove') {
    deleteCI(resource, ext);
    return;
  }
  if (value === null) {
    if (op === 'replace') deleteCI(resource, ext);
    return;
  }
  if (!isPlainObject(value)) throw invalidValue(`${run.where}: "${ext}" needs an object of attributes`);
  for (const [key, v] of Object.entries(value)) {
    applyAt(resource, op, { attr: { uri: ext, attr: key } }, v, run, true);
  }
}

/** True when `key` is `<schema id>:<attribute>` for a declared schema (Entra's flattened form). */
function prefixedBySchema(key: string, ctx: ApplyContext): boolean {
  const lower = key.toLowerCase();
  return ctx.schemas.some((s) => lower.startsWith(`${s.id.toLowerCase()}:`));
}

/**
 * A path-less add/replace: "the target location is assumed to be the resource itself" and
 * value holds attributes (RFC 7644 §3.5.2.1, §3.5.2.3; Okta's `{"active":false}`, okta.md Q1).
 * Keys may also be extension URNs (objects) or full paths such as Entra's
 * `urn:…:enterprise:2.0:User:department` or `name.givenName` (attribute names cannot contain
 * `:` or `.`, RFC 7643 §2.1, so such keys are unambiguous).
 */
function applyPathless(resource: Json, op: PatchOpName, value: Json, run: Run): void {
  for (const [key, v] of Object.entries(value)) {
    const schema = findSchema(run.ctx.schemas, key);
    const isCore = key.toLowerCase() === run.ctx.coreSchemaId.toLowerCase();
    if ((schema || /^urn:/i.test(key)) && isPlainObject(v) && !isCore && !prefixedBySchema(key, run.ctx)) {
      // An extension object keyed by its URN (RFC 7644 §3.10), declared or not.
      applyAt(resource, op, { attr: { uri: schema?.id ?? key, attr: '' } }, v, run, true);
    } else if (isCore && isPlainObject(v)) {
      applyPathless(resource, op, v, run);
    } else if (/[:.[]/.test(key)) {
      applyAt(resource, op, parsePath(key, run.where), v, run, true);
    } else {
      applyAt(resource, op, { attr: { attr: key } }, v, run, true);
    }
  }
}

/**
 * Applies `ops` in order to a deep copy of `resource` and reports which attributes changed.
 * Throws the ScimError of the first failing operation; the input is never modified.
 */
export function applyPatch(
  resource: Record<string, unknown>,
  ops: readonly PatchOperation[],
  ctx: ApplyContext,
): ApplyResult {
  const work = cloneJson(resource);
  const run: Run = { ctx, ignored: [], where: '' };
  for (const op of ops) {
    run.where = `Operations[${op.index}]`;
    // Values are copied before use so that the result shares nothing with the request body.
    const value = op.value === undefined ? undefined : cloneJson(op.value);
    if (op.path) applyAt(work, op.op, op.path, value, run, false);
    else if (isPlainObject(value)) applyPathless(work, op.op, value, run);
    else throw invalidValue(`${run.where}: ${op.op} without "path" needs an object "value"`);
  }
  return { resource: work, changed: changedPaths(resource, work, ctx), ignored: [...new Set(run.ignored)] };
}
