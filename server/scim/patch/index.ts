/**
 * SCIM PATCH (RFC 7644 §3.5.2): parse a PatchOp body, apply it to a resource, plan group
 * membership changes. See ./types for the shapes.
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
