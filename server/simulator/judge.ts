/**
 * Judging Okta's way: a step fails with one line that names the request, what is wrong and an
 * excerpt of the response. Two kinds of failure (docs/simulator.md, "What each step checks"):
 * a *task failure* Okta shows the admin (a non-2xx, an unparseable body), and a *silent
 * divergence* Okta does not notice but that leaves the app out of step with Okta (a lookup
 * that misses, a member that was not added).
 */
import type { Exchange } from './okta-http';

const EXCERPT_CHARS = 160;
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export type Consequence = 'task-failed' | 'silent-divergence';

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly consequence: Consequence,
  ) {
    super(message);
  }
}

/** The response body's first characters on one line, or a word for what it was instead. */
export function excerpt(ex: Exchange): string {
  if (ex.error) return ex.error;
  if (!ex.text.length) return '(empty body)';
  const flat = ex.text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

/** `PATCH /Users/abc → 200: <why> · response: <excerpt>` */
export function failLine(ex: Exchange, why: string): string {
  const status = ex.status === 0 ? 'no response' : String(ex.status);
  return `${ex.method} ${ex.path} → ${status}: ${why} · response: ${excerpt(ex)}`;
}

/** Okta marks the task failed (the admin sees an error in Okta). */
export function taskFailed(ex: Exchange, why: string): never {
  throw new StepFailure(failLine(ex, why), 'task-failed');
}

/** Okta carries on, but it and the app now disagree. */
export function diverges(ex: Exchange, why: string): never {
  throw new StepFailure(failLine(ex, why), 'silent-divergence');
}

export function expectStatus(ex: Exchange, allowed: readonly number[], why?: string): void {
  if (allowed.includes(ex.status)) return;
  taskFailed(ex, why ?? `expected ${allowed.join(' or ')}`);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON object body, or the step fails the way Okta's Jackson parser would. */
export function objectBody(ex: Exchange, what: string): Record<string, unknown> {
  if (!ex.text.length) taskFailed(ex, `${what} has an empty body`);
  if (!isObject(ex.json)) taskFailed(ex, `${what} is not a JSON object (Okta's parser fails on it)`);
  return ex.json;
}

export interface ListPage {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  resources: Record<string, unknown>[];
}

/**
 * A ListResponse as Okta reads it (docs/okta.md §1 and checklist items 4-5): integers, not
 * strings; `itemsPerPage` the number of Resources on this page; `totalResults` present
 * (Okta decides between link and create, and how far to page, from it).
 */
export function listPage(ex: Exchange, what: string): ListPage {
  expectStatus(ex, [200], `${what} must answer 200 with a ListResponse`);
  const body = objectBody(ex, what);
  const schemas = body['schemas'];
  if (!Array.isArray(schemas) || !schemas.includes(LIST_URN))
    taskFailed(ex, `${what}: schemas lacks ${LIST_URN}`);
  const total = body['totalResults'];
  if (total === undefined) taskFailed(ex, `${what}: totalResults is missing`);
  if (!Number.isInteger(total)) taskFailed(ex, `${what}: totalResults must be a JSON integer`);
  const raw = body['Resources'] ?? [];
  if (!Array.isArray(raw)) taskFailed(ex, `${what}: Resources is not an array`);
  const resources = raw.filter(isObject);
  const perPage = body['itemsPerPage'] ?? resources.length;
  if (!Number.isInteger(perPage)) taskFailed(ex, `${what}: itemsPerPage must be a JSON integer`);
  const start = body['startIndex'] ?? 1;
  if (!Number.isInteger(start)) taskFailed(ex, `${what}: startIndex must be a JSON integer`);
  // RFC 7644 §3.4.2: Resources is required when totalResults is non-zero (and the page is in range).
  if (body['Resources'] === undefined && (total as number) >= (start as number) && (total as number) > 0)
    diverges(ex, `${what}: totalResults is ${String(total)} but Resources is missing`);
  if (perPage !== resources.length)
    diverges(ex, `${what}: itemsPerPage ${String(perPage)} but ${resources.length} Resources`);
  if ((total as number) < resources.length)
    diverges(ex, `${what}: totalResults ${String(total)} but ${resources.length} Resources on the page`);
  return {
    totalResults: total as number,
    startIndex: start as number,
    itemsPerPage: perPage as number,
    resources,
  };
}

/** The members of a group representation, as ids. */
export function memberIds(group: Record<string, unknown>): string[] {
  const members = group['members'];
  if (!Array.isArray(members)) return [];
  return members.filter(isObject).map((m) => String(m['value']));
}

export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
