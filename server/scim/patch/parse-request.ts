/**
 * parsePatchRequest: validates a PatchOp body (RFC 7644 §3.5.2) and turns it into
 * PatchOperation[] without looking at any resource. Errors are ScimErrors with the scimType
 * RFC 7644 §3.12 assigns: invalidSyntax for a malformed message, invalidPath for a bad path,
 * noTarget for a remove without path, invalidValue for a missing or unusable value.
 */
import { invalidSyntax, invalidValue, noTarget } from '../../domain/errors';
import { parsePath } from './path';
import {
  DEFAULT_MAX_OPERATIONS,
  PATCH_OP_URN,
  type ParseOptions,
  type PatchOpName,
  type PatchOperation,
} from './types';

const OPS: readonly PatchOpName[] = ['add', 'remove', 'replace'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a member of a message case-insensitively: RFC 7643 §2.1 makes attribute names
 * case-insensitive, and clients differ (`Operations`, `operations`). An exact match wins.
 */
function member(obj: Record<string, unknown>, name: string): { found: boolean; value: unknown } {
  if (Object.hasOwn(obj, name)) return { found: true, value: obj[name] };
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? { found: false, value: undefined } : { found: true, value: obj[key] };
}

function checkSchemas(body: Record<string, unknown>, required: boolean): void {
  const { found, value } = member(body, 'schemas');
  if (!found) {
    if (required) {
      throw invalidSyntax(`PATCH body must list "${PATCH_OP_URN}" in "schemas" (RFC 7644 §3.5.2)`);
    }
    return;
  }
  const ok =
    Array.isArray(value) &&
    value.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_URN.toLowerCase());
  if (!ok) throw invalidSyntax(`PATCH body "schemas" must contain "${PATCH_OP_URN}" (RFC 7644 §3.5.2)`);
}

function parseOne(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isObject(raw)) throw invalidSyntax(`${where} must be an object with "op", "path" and "value"`);
  const opMember = member(raw, 'op');
  if (typeof opMember.value !== 'string')
    throw invalidSyntax(`${where}: "op" is required and must be a string`);
  const rawOp = opMember.value;
  // Entra capitalises ops ("Replace", "Add"): compare case-insensitively (okta.md Q20, netskope.md §8.1).
  const op = rawOp.trim().toLowerCase() as PatchOpName;
  if (!OPS.includes(op)) {
    throw invalidSyntax(`${where}: unknown op "${rawOp}"; expected add, remove or replace (RFC 7644 §3.5.2)`);
  }

  const pathMember = member(raw, 'path');
  let rawPath: string | undefined;
  if (pathMember.found && pathMember.value !== null && pathMember.value !== undefined) {
    if (typeof pathMember.value !== 'string') throw invalidSyntax(`${where}: "path" must be a string`);
    // An empty path means "the resource itself", as an absent one does.
    if (pathMember.value.trim() !== '') rawPath = pathMember.value;
  }
  const valueMember = member(raw, 'value');
  const hasValue = valueMember.found && valueMember.value !== undefined;

  const result: PatchOperation = {
    op,
    index,
    raw: rawPath === undefined ? { op: rawOp } : { op: rawOp, path: rawPath },
  };
  if (rawPath !== undefined) result.path = parsePath(rawPath, where);
  if (hasValue) result.value = valueMember.value;

  if (op === 'remove') {
    // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with ... noTarget".
    if (!result.path) throw noTarget(`${where}: remove requires a "path" (RFC 7644 §3.5.2.2)`);
    return result;
  }
  // RFC 7644 §3.5.2.1 / §3.5.2.3: add and replace MUST carry a value.
  if (!hasValue) throw invalidValue(`${where}: ${op} requires a "value" (RFC 7644 §3.5.2.1, §3.5.2.3)`);
  if (!result.path && !isObject(result.value)) {
    // Without a path the target is the resource itself, so value is a set of attributes.
    throw invalidValue(
      `${where}: ${op} without "path" needs an object "value" of attributes (RFC 7644 §3.5.2)`,
    );
  }
  return result;
}

/**
 * Validates a PATCH request body and returns its operations in order.
 * Throws ScimError 400 on the first problem; nothing is applied by this function.
 */
export function parsePatchRequest(body: unknown, options: ParseOptions = {}): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax('PATCH body must be a JSON object (RFC 7644 §3.5.2)');
  checkSchemas(body, options.requireSchemas ?? true);
  const { value: operations } = member(body, 'Operations');
  if (!Array.isArray(operations)) {
    throw invalidSyntax('PATCH body must carry an "Operations" array (RFC 7644 §3.5.2)');
  }
  if (operations.length === 0) throw invalidSyntax('"Operations" must contain at least one operation');
  const max = options.maxOperations ?? DEFAULT_MAX_OPERATIONS;
  if (operations.length > max) {
    throw invalidValue(
      `PATCH carries ${operations.length} operations; at most ${max} are accepted per request`,
    );
  }
  return operations.map((raw, index) => parseOne(raw, index));
}
