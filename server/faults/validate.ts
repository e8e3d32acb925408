/**
 * Validation of fault rules with messages that name the rule and the field, e.g.
 * `rules[2] "okta-429": respond.status must be 4xx or 5xx`, the same from `--faults FILE`,
 * the admin API and the console's editor (which asks the server as the admin types).
 */
import type { z } from 'zod';
import type { FaultRule } from '../domain/fault-rule';
import { faultFileSchema, faultRulesSchema } from './rule-schema';

export type FaultValidation = { ok: true; rules: FaultRule[] } | { ok: false; errors: string[] };

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describe(issue: z.core.$ZodIssue, present: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      return present ? `must be ${article(issue.expected)}` : 'is required';
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1 ? 'must not be empty' : `must have at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must have at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_union':
      return unionMessage(issue);
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'object') return 'an object';
  if (expected === 'array') return 'an array';
  return `a ${expected}`;
}

/** A union (one-or-many, seconds-or-date) reports its first branch's most specific issue. */
function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  const branches = issue.errors.filter((b) => b.length > 0);
  const specific = branches.find((b) => b.some((i) => i.code !== 'invalid_type'));
  const first = (specific ?? branches[0])?.[0];
  return first ? describe(first, true) : issue.message;
}

/**
 * Turns zod issues into `rules[i] "name": field message` lines. `root` is what was validated:
 * the file object, or the rules array itself.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root: unknown): string[] {
  const rawRules = Array.isArray(root) ? root : (root as { rules?: unknown } | null)?.rules;
  const rules = Array.isArray(rawRules) ? (rawRules as unknown[]) : [];
  return issues.map((issue) => {
    const message = describe(issue, valueAt(root, issue.path) !== undefined);
    const path = issue.path[0] === 'rules' ? issue.path.slice(1) : issue.path;
    const idx = path[0];
    if (typeof idx === 'number') {
      const raw = rules[idx] as { name?: unknown } | undefined;
      const name = typeof raw?.name === 'string' ? ` "${raw.name}"` : '';
      const rest = fieldPath(path.slice(1));
      return `rules[${idx}]${name}: ${rest ? `${rest} ` : ''}${message}`;
    }
    return `${fieldPath(issue.path) || 'the file'} ${message}`;
  });
}

/** Validates a rules array (the admin API's input). */
export function validateRules(input: unknown): FaultValidation {
  const r = faultRulesSchema.safeParse(input);
  if (r.success) return { ok: true, rules: r.data };
  return { ok: false, errors: formatIssues(r.error.issues, input) };
}

/** Validates a fault file's parsed JSON, `{"rules": [...]}`. */
export function validateFaultFile(input: unknown): FaultValidation {
  const r = faultFileSchema.safeParse(input);
  if (r.success) return { ok: true, rules: r.data.rules };
  return { ok: false, errors: formatIssues(r.error.issues, input) };
}

/** Parses and validates the text of a fault file (or of the console's editor). */
export function parseFaultText(text: string): FaultValidation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`not valid JSON: ${(err as Error).message}`] };
  }
  if (Array.isArray(json)) return validateRules(json);
  return validateFaultFile(json);
}
