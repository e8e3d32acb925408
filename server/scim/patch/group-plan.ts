/**
 * planGroupPatch: splits a Group PATCH into ordered steps. Members live in their own table and
 * a group may hold 100,000 of them, so membership operations become steps that name only the
 * members the request names; everything else is left to applyPatch. Nothing here reads the
 * current member list.
 */
import { invalidPath, mutability } from '../../domain/errors';
import { MemberBudget, readMembers } from './members';
import { findKey, isPlainObject } from './objects';
import { valueEqIds } from './path';
import { DEFAULT_MAX_MEMBERS, type GroupPatchStep, type PatchLimits, type PatchOperation } from './types';

const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** Whether a path addresses `members` (optionally URN-qualified with the core Group schema). */
function isMembersPath(op: PatchOperation): boolean {
  const attr = op.path?.attr;
  if (!attr || attr.attr.toLowerCase() !== 'members') return false;
  return attr.uri === undefined || attr.uri.toLowerCase() === GROUP_URN.toLowerCase();
}

/**
 * The steps being planned. Consecutive steps of a mergeable kind are merged as they arrive
 * (remove a, remove b = remove {a, b}; Okta sends one remove per member, okta.md §2.11), with a
 * set per step so that merging stays linear in the number of members named.
 */
class Steps {
  readonly list: GroupPatchStep[] = [];
  private readonly seen = new WeakMap<GroupPatchStep, Set<string>>();

  push(step: GroupPatchStep): void {
    const last = this.list[this.list.length - 1];
    if (last?.kind === 'attributes' && step.kind === 'attributes') {
      last.ops.push(...step.ops);
    } else if (last?.kind === 'addMembers' && step.kind === 'addMembers') {
      const seen = this.seenOf(
        last,
        last.members.map((m) => m.value),
      );
      for (const m of step.members) if (!seen.has(m.value) && seen.add(m.value)) last.members.push(m);
    } else if (last?.kind === 'removeMembers' && step.kind === 'removeMembers') {
      const seen = this.seenOf(last, last.ids);
      for (const id of step.ids) if (!seen.has(id) && seen.add(id)) last.ids.push(id);
    } else {
      this.list.push(step);
    }
  }

  private seenOf(step: GroupPatchStep, values: string[]): Set<string> {
    let seen = this.seen.get(step);
    if (!seen) {
      seen = new Set(values);
      this.seen.set(step, seen);
    }
    return seen;
  }
}

function planMembersOp(op: PatchOperation, steps: Steps, budget: MemberBudget): void {
  const where = `Operations[${op.index}]`;
  const path = op.path;
  if (!path) return;
  if (path.attr.sub !== undefined || path.sub !== undefined) {
    // RFC 7643 §8.7.1: member sub-attributes are immutable; a membership is added or removed whole.
    throw mutability(`${where}: member sub-attributes cannot be modified; add or remove the member instead`);
  }
  if (path.filter) {
    if (op.op !== 'remove') {
      throw invalidPath(
        `${where}: ${op.op} on "members" takes no value filter; use path "members" (RFC 7644 §3.5.2)`,
      );
    }
    // Okta's removal: `members[value eq "<id>"]` and no value (okta.md Q6, §2.11).
    const ids = valueEqIds(path.filter);
    if (ids) {
      budget.take(ids.length);
      steps.push({ kind: 'removeMembers', ids });
    } else {
      steps.push({ kind: 'removeMembersWhere', filter: path.filter });
    }
    return;
  }
  switch (op.op) {
    case 'add': {
      const members = readMembers(op.value, where, budget);
      if (members.length) steps.push({ kind: 'addMembers', members });
      return;
    }
    case 'replace':
      // Okta's "Push Now" overwrites the list; `[]` empties the group (okta.md Q5, §2.12).
      steps.push({ kind: 'replaceMembers', members: readMembers(op.value, where, budget) });
      return;
    case 'remove': {
      // With a value (Netskope's CE plugin, Entra): remove those members. Without one, RFC 7644
      // §3.5.2.2: "If the target location is a multi-valued attribute ... all values are removed".
      if (op.value === undefined) {
        steps.push({ kind: 'removeAllMembers' });
        return;
      }
      const ids = readMembers(op.value, where, budget).map((m) => m.value);
      if (ids.length) steps.push({ kind: 'removeMembers', ids });
      return;
    }
  }
}

/**
 * A path-less add/replace: `members` inside the value is a membership step, everything else
 * an attribute step. Okta's rename `{"id","displayName"}` never touches members (okta.md Q2, Q3);
 * `{"members":[…]}` in a replace replaces the whole list (Q4), in an add it adds.
 */
function planPathless(op: PatchOperation, steps: Steps, budget: MemberBudget): void {
  const value = op.value;
  if (!isPlainObject(value)) {
    steps.push({ kind: 'attributes', ops: [op] });
    return;
  }
  const key = findKey(value, 'members') ?? findKey(value, `${GROUP_URN}:members`);
  if (key === undefined) {
    steps.push({ kind: 'attributes', ops: [op] });
    return;
  }
  const { [key]: rawMembers, ...rest } = value;
  if (Object.keys(rest).length) steps.push({ kind: 'attributes', ops: [{ ...op, value: rest }] });
  const where = `Operations[${op.index}].value.${key}`;
  const members = readMembers(rawMembers, where, budget);
  if (op.op === 'replace') steps.push({ kind: 'replaceMembers', members });
  else if (members.length) steps.push({ kind: 'addMembers', members });
}

/**
 * Plans a Group PATCH as ordered steps for the groups repository. Member values are capped per
 * request (limits.maxMembers, default 10,000) with 400 invalidValue; members are deduplicated
 * within a step (duplicates across steps and existing members are the repository's business).
 */
export function planGroupPatch(ops: readonly PatchOperation[], limits: PatchLimits = {}): GroupPatchStep[] {
  const budget = new MemberBudget(limits.maxMembers ?? DEFAULT_MAX_MEMBERS);
  const steps = new Steps();
  for (const op of ops) {
    if (!op.path) planPathless(op, steps, budget);
    else if (isMembersPath(op)) planMembersOp(op, steps, budget);
    else steps.push({ kind: 'attributes', ops: [op] });
  }
  return steps.list;
}
