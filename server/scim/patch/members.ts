/**
 * Reads the member values a Group PATCH names (RFC 7643 §4.2 `members`), in every shape seen
 * in the wild: Okta's `[{value, display}]` without `type` (okta.md Q7, §2.11), a single object,
 * the nested `{"value":{"value":id}}` forms of Netskope's Swagger example and scripts
 * (netskope.md §8.2), and bare id strings (Microsoft's SCIM reference tests).
 */
import { invalidValue } from '../../domain/errors';
import { getCI, isPlainObject } from './objects';
import type { MemberRef } from './types';

/** How deep `{"value":{"value":…}}` may nest before it is refused. */
const MAX_NESTING = 4;

/** Counts member values across a request, against the per-request cap. */
export class MemberBudget {
  private used = 0;
  constructor(readonly max: number) {}

  /** Refuses a request that names more members than the cap, before reading them. */
  take(n: number): void {
    this.used += n;
    if (this.used > this.max) {
      throw invalidValue(
        `PATCH names more than ${this.max} member values; split it into requests of at most ${this.max} members`,
      );
    }
  }
}

function optionalString(obj: Record<string, unknown>, name: string, where: string): string | undefined {
  const v = getCI(obj, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidValue(`${where}: member "${name}" must be a string`);
  return v;
}

function readOne(raw: unknown, where: string, depth: number, out: MemberRef[], budget: MemberBudget): void {
  if (typeof raw === 'string' && depth === 0) {
    // Microsoft's SCIM reference tests send `"value": "string id 1"` for members and expect
    // success (shared/conformance, "Group patch add member"): a bare string can only be the id.
    if (raw.trim() === '') throw invalidValue(`${where}: member "value" must not be empty`);
    out.push({ value: raw });
    return;
  }
  if (!isPlainObject(raw)) {
    throw invalidValue(`${where}: each member must be an object with a string "value" (RFC 7643 §4.2)`);
  }
  const value = getCI(raw, 'value');
  if (typeof value === 'string') {
    if (value.trim() === '') throw invalidValue(`${where}: member "value" must not be empty`);
    const ref: MemberRef = { value };
    const display = optionalString(raw, 'display', where);
    const type = optionalString(raw, 'type', where);
    if (display !== undefined) ref.display = display;
    if (type !== undefined) ref.type = type;
    out.push(ref);
    return;
  }
  // Netskope's odd nesting: the member object sits one (or two) `value` levels down.
  if ((isPlainObject(value) || Array.isArray(value)) && depth < MAX_NESTING) {
    readMany(value, where, depth + 1, out, budget);
    return;
  }
  throw invalidValue(`${where}: each member must carry a string "value" (the user id, RFC 7643 §4.2)`);
}

function readMany(raw: unknown, where: string, depth: number, out: MemberRef[], budget: MemberBudget): void {
  if (Array.isArray(raw)) {
    budget.take(raw.length);
    raw.forEach((m, i) => readOne(m, `${where}[${i}]`, depth, out, budget));
  } else {
    // A nested single object is the same member as its wrapper: count it once.
    if (depth === 0) budget.take(1);
    readOne(raw, where, depth, out, budget);
  }
}

/** Keeps the first occurrence of each value (okta.md Q8: a member is never listed twice). */
export function dedupeMembers(members: MemberRef[]): MemberRef[] {
  const seen = new Set<string>();
  return members.filter((m) => !seen.has(m.value) && (seen.add(m.value), true));
}

/**
 * The members named by an operation's value: an array, a single member object, or null/[]
 * (no members). Throws 400 invalidValue for a member without a string `value`.
 */
export function readMembers(value: unknown, where: string, budget: MemberBudget): MemberRef[] {
  if (value === null || value === undefined) return [];
  const out: MemberRef[] = [];
  readMany(value, where, 0, out, budget);
  return dedupeMembers(out);
}
