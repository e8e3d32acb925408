/**
 * Types of the SCIM PATCH module (RFC 7644 §3.5.2). A PATCH body is parsed once into
 * PatchOperation[]; user resources go through applyPatch, groups are first split by
 * planGroupPatch into attribute steps and membership steps (members live in their own table).
 */
import type { Filter, PatchPath as FilterPatchPath } from '../../query';
import type { SchemaDef } from '../../domain/schema';

/** The three operations of RFC 7644 §3.5.2, normalised to lower case. */
export type PatchOpName = 'add' | 'remove' | 'replace';

/**
 * A parsed PATCH path: RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`, as the filter
 * module parses it. `emails[type eq "work"].value` is `{attr: {attr: 'emails'}, filter, sub: 'value'}`;
 * `name.givenName` is `{attr: {attr: 'name', sub: 'givenName'}}`.
 */
export type PatchPath = FilterPatchPath;

/** One validated operation of a PatchOp request. */
export interface PatchOperation {
  op: PatchOpName;
  path?: PatchPath;
  /** the `value` member as sent (absent for most removes) */
  value?: unknown;
  /** position in `Operations`, for error messages and the request log */
  index: number;
  /** the op and path exactly as sent: the request log shows the client's dialect (docs/netskope.md §16) */
  raw: { op: string; path?: string };
}

/** Limits of parsePatchRequest / planGroupPatch. */
export interface PatchLimits {
  /** most operations in one request (default 1000, the ServiceProviderConfig figure, docs/netskope.md) */
  maxOperations?: number;
  /** most member values one request may name across all its operations (default 10,000) */
  maxMembers?: number;
}

export interface ParseOptions extends PatchLimits {
  /**
   * RFC 7644 §3.5.2 says the body MUST carry the PatchOp URN in `schemas`. Okta and Entra always
   * send it, so the default (true) enforces it with 400 invalidSyntax; false accepts its absence.
   */
  requireSchemas?: boolean;
}

/** What applyPatch needs to know about the resource type. */
export interface ApplyContext {
  /** core schema followed by the extension schemas of the resource type */
  schemas: readonly SchemaDef[];
  /** id of the core schema, e.g. urn:ietf:params:scim:schemas:core:2.0:User */
  coreSchemaId: string;
  /**
   * Attributes the server owns (e.g. id, meta, schemas, groups): silently ignored inside a
   * path-less value, 400 mutability when a path targets them. Schema attributes with
   * mutability readOnly are treated the same way.
   */
  readOnly: readonly string[];
  /**
   * Entra sends `"active":"False"` (a string) for booleans. Default false: "true"/"false" strings
   * (any case) are accepted and stored as booleans. true: 400 invalidValue, as RFC 7643 §2.3.2 reads.
   */
  strictBooleans?: boolean;
  /**
   * RFC 7644 §3.5.2.3: a replace whose value filter matches nothing is 400 noTarget (default).
   * true: when the filter is made of `eq` terms (e.g. `emails[type eq "work"].value`), a new
   * element is created from those terms instead, as an `add` with the same path does.
   */
  createOnReplaceNoMatch?: boolean;
}

export interface ApplyResult {
  /** the patched copy; the input is never modified */
  resource: Record<string, unknown>;
  /** canonical paths whose value differs from the input, e.g. `active`, `name.givenName`, `emails` */
  changed: string[];
  /** read-only attributes dropped from path-less values (Okta's group rename sends `id`, okta.md Q2) */
  ignored: string[];
}

/** A member named by a Group PATCH (RFC 7643 §4.2). `type` is optional: Okta omits it (okta.md Q7). */
export interface MemberRef {
  value: string;
  display?: string;
  type?: string;
}

/** One step of a Group PATCH, executed in order by the groups repository. */
export type GroupPatchStep =
  /** non-member operations (displayName, externalId, …) to run through applyPatch */
  | { kind: 'attributes'; ops: PatchOperation[] }
  | { kind: 'addMembers'; members: MemberRef[] }
  | { kind: 'removeMembers'; ids: string[] }
  /** remove members matching a value filter other than `value eq "…"` (e.g. `display eq "x"`) */
  | { kind: 'removeMembersWhere'; filter: Filter }
  | { kind: 'removeAllMembers' }
  /** the new complete member list; `[]` empties the group (okta.md Q5) */
  | { kind: 'replaceMembers'; members: MemberRef[] };

export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const DEFAULT_MAX_OPERATIONS = 1000;
export const DEFAULT_MAX_MEMBERS = 10_000;
