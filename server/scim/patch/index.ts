/**
 * SCIM PATCH (RFC 7644 §3.5.2): parse a PatchOp body, apply it to a resource, plan group
 * membership changes. See ./types for the shapes.
 *
 * Choices where clients and the RFC part ways (each tested in test/scim/patch-*.test.ts):
 * - `schemas` must list the PatchOp URN (RFC MUST; Okta and Entra send it): 400 invalidSyntax,
 *   unless parsePatchRequest(body, {requireSchemas: false}).
 * - `op` and the message's member names are case-insensitive (Entra's "Replace", okta.md Q20).
 * - An empty or null `path` is the same as no path.
 * - "True"/"False" strings are accepted for booleans (Entra), unless `strictBooleans`.
 * - A bare string for a single-valued complex attribute with a `value` sub-attribute is read as
 *   `{value}` (Entra's enterprise `manager`).
 * - Replace with a value filter that matches nothing is 400 noTarget (RFC 7644 §3.5.2.3);
 *   `add` with such a filter, or replace with `createOnReplaceNoMatch`, creates the element
 *   from the filter's `eq` terms (Entra's `emails[type eq "work"].value`).
 * - A bare string member is its id (Microsoft's SCIM reference tests send `"value": "id"`).
 * - Remove of something absent (attribute, filtered value, member) is a successful no-op.
 * - `remove` with path and a value list removes the listed values (Entra, Netskope clients).
 * - Read-only attributes inside a path-less value are dropped and reported in `ignored`; a
 *   path naming one is 400 mutability.
 * - Attributes the schemas do not define pass through untyped: the resource type decides what
 *   it stores (Netskope ignores attributes that are not enabled, netskope.md §5.3).
 */
export { parsePatchRequest } from './parse-request';
export { applyPatch } from './apply';
export { planGroupPatch } from './group-plan';
export { parsePath } from './path';
export type {
  ApplyContext,
  ApplyResult,
  GroupPatchStep,
  MemberRef,
  ParseOptions,
  PatchLimits,
  PatchOpName,
  PatchOperation,
  PatchPath,
} from './types';
export { DEFAULT_MAX_MEMBERS, DEFAULT_MAX_OPERATIONS, PATCH_OP_URN } from './types';
