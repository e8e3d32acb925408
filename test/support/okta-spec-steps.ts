/**
 * Okta's "Okta SCIM 2.0 SPEC Test" (Runscope export, docs/okta.md §3.1, okta-developer-docs
 * commit f9abbe3) ported step by step: the same requests, headers and assertions, in the same
 * order, with variables generated as its initial script (SPEC-init) does. The steps are data in
 * Runscope's own vocabulary (`equal_number`, `not_empty`, `has_value`, …) run by a small
 * executor, so the vitest port (test/scim/okta-spec-test.test.ts) and `npm run conformance`
 * (scripts/conformance.ts) run the very same definition.
 */

/** Variables of SPEC-init plus the initial variables `SCIMBaseURL` and `auth`. */
export type SpecVars = Record<string, string>;

type Comparison =
  'equal_number' | 'equal' | 'not_empty' | 'has_value' | 'contains' | 'is_a_number' | 'is_less_than';

interface Assertion {
  comparison: Comparison;
  source: 'response_status' | 'response_json' | 'response_time';
  property?: string;
  value?: string;
}

export interface SpecStep {
  /** 1-based request number (pauses are not counted) */
  n: number;
  /** Runscope's step note, e.g. "Required Test: Test Users endpoint" */
  note: string;
  method: 'GET' | 'POST';
  /** URL template with {{variables}} */
  url: string;
  headers: Record<string, string>;
  body?: string;
  assertions: Assertion[];
  /** captured variables: name ← response JSON property */
  variables?: Record<string, string>;
  /** the step's post-response script, ported */
  script?: (json: unknown) => string[];
  /** Runscope's pause before the next step, in seconds (not waited for here; kept for the record) */
  pauseAfter: number;
}

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;
const digits = (n: number, random: () => number): string =>
  Array.from({ length: n }, () => pick('0123456789'.split(''), random)).join('');
const LOWER = 'abcdefghijklmnopqrstuvwxyz'.split('');

/**
 * SPEC-init: randomGivenName = "Runscope" + 3 digits; randomFamilyName = 1 upper + 8 lower + 3
 * digits; randomUsername = randomEmail = given + family + "@atko.com"; randomUsernameCaps =
 * the upper-cased email; fixed InvalidUserEmail and UserIdThatDoesNotExist; randomGroupName.
 */
export function specVariables(base: string, auth: string, random: () => number = Math.random): SpecVars {
  const given = `Runscope${digits(3, random)}`;
  const family = `${pick(LOWER, random).toUpperCase()}${Array.from({ length: 8 }, () => pick(LOWER, random)).join('')}${digits(3, random)}`;
  const email = `${given}${family}@atko.com`;
  return {
    SCIMBaseURL: base,
    auth,
    randomGivenName: given,
    randomFamilyName: family,
    randomEmail: email,
    randomUsername: email,
    randomUsernameCaps: email.toUpperCase(),
    InvalidUserEmail: 'abcdefgh@atko.com',
    UserIdThatDoesNotExist: '010101001010101011001010101011',
    randomGroupName: `Group-${digits(7, random)}`,
  };
}

/** Runscope's default headers on the suite's GETs. */
const GET_HEADERS = {
  'Accept-Charset': 'utf-8',
  'Content-Type': 'application/scim+json; charset=utf-8',
  Accept: 'application/scim+json',
  Authorization: '{{auth}}',
  'User-Agent': 'OKTA SCIM Integration',
};
/** The two POSTs send exactly these (no User-Agent, JSON content type). */
const POST_HEADERS = {
  'Content-Type': 'application/json',
  Authorization: '{{auth}}',
  Accept: 'application/scim+json; charset=utf-8',
};
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

const status = (value: string): Assertion => ({
  comparison: 'equal_number',
  source: 'response_status',
  value,
});
const json = (comparison: Comparison, property: string, value?: string): Assertion => ({
  comparison,
  source: 'response_json',
  property,
  ...(value !== undefined ? { value } : {}),
});
const createBody = (emailVar: string): string =>
  JSON.stringify({
    schemas: [USER],
    userName: '{{randomUsername}}',
    name: { givenName: '{{randomGivenName}}', familyName: '{{randomFamilyName}}' },
    emails: [{ primary: true, value: `{{${emailVar}}}`, type: 'work' }],
    displayName: '{{randomGivenName}} {{randomFamilyName}}',
    active: true,
  });

export const OKTA_SPEC_STEPS: readonly SpecStep[] = [
  {
    n: 1,
    note: 'Required Test: Test Users endpoint',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users?count=1&startIndex=1',
    headers: GET_HEADERS,
    assertions: [
      status('200'),
      json('not_empty', 'Resources'),
      json('has_value', 'schemas', LIST),
      json('is_a_number', 'itemsPerPage'),
      json('is_a_number', 'startIndex'),
      json('is_a_number', 'totalResults'),
      json('not_empty', 'Resources[0].id'),
      json('not_empty', 'Resources[0].name.familyName'),
      json('not_empty', 'Resources[0].name.givenName'),
      json('not_empty', 'Resources[0].userName'),
      json('not_empty', 'Resources[0].active'),
      json('not_empty', 'Resources[0].emails[0].value'),
    ],
    variables: { ISVUserid: 'Resources[0].id' },
    pauseAfter: 5,
  },
  {
    n: 2,
    note: 'Required Test: Get Users/{{id}} ',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users/{{ISVUserid}}',
    headers: GET_HEADERS,
    assertions: [
      status('200'),
      json('not_empty', 'id'),
      json('not_empty', 'name.familyName'),
      json('not_empty', 'name.givenName'),
      json('not_empty', 'userName'),
      json('not_empty', 'active'),
      json('not_empty', 'emails[0].value'),
      json('equal', 'id', '{{ISVUserid}}'),
    ],
    pauseAfter: 5,
  },
  {
    n: 3,
    note: 'Required Test: Test invalid User by username',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users?filter=userName eq "{{InvalidUserEmail}}"',
    headers: GET_HEADERS,
    assertions: [status('200'), json('has_value', 'schemas', LIST), json('equal', 'totalResults', '0')],
    pauseAfter: 5,
  },
  {
    n: 4,
    note: 'Required Test: Test invalid User by ID',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users/{{UserIdThatDoesNotExist}}',
    headers: GET_HEADERS,
    assertions: [status('404'), json('not_empty', 'detail'), json('has_value', 'schemas', ERROR)],
    pauseAfter: 5,
  },
  {
    n: 5,
    note: "Required Test: Make sure random user doesn't exist",
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users?filter=userName eq "{{randomEmail}}"',
    headers: GET_HEADERS,
    assertions: [
      status('200'),
      json('equal_number', 'totalResults', '0'),
      json('has_value', 'schemas', LIST),
    ],
    pauseAfter: 5,
  },
  {
    n: 6,
    note: 'Required Test: Create Okta user with realistic values',
    method: 'POST',
    url: '{{SCIMBaseURL}}/Users',
    headers: POST_HEADERS,
    body: createBody('randomEmail'),
    assertions: [
      status('201'),
      json('equal', 'active', 'true'),
      json('not_empty', 'id'),
      json('equal', 'name.familyName', '{{randomFamilyName}}'),
      json('equal', 'name.givenName', '{{randomGivenName}}'),
      json('contains', 'schemas', USER),
      // mixed case must come back as sent (SPEC-old-json's step-6 script, docs/okta.md Q10)
      json('equal', 'userName', '{{randomUsername}}'),
    ],
    variables: { idUserOne: 'id', randomUserEmail: 'emails[0].value' },
    pauseAfter: 5,
  },
  {
    n: 7,
    note: 'Required Test: Verify that user was created',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users/{{idUserOne}}',
    headers: GET_HEADERS,
    assertions: [
      status('200'),
      json('equal', 'userName', '{{randomUsername}}'),
      json('equal', 'name.familyName', '{{randomFamilyName}}'),
      json('equal', 'name.givenName', '{{randomGivenName}}'),
    ],
    pauseAfter: 10,
  },
  {
    n: 8,
    note: 'Required Test: Expect failure when recreating user with same values',
    method: 'POST',
    url: '{{SCIMBaseURL}}/Users',
    headers: POST_HEADERS,
    body: createBody('randomUsername'),
    assertions: [status('409')],
    pauseAfter: 5,
  },
  {
    n: 9,
    note: 'Required Test: Username Case Sensitivity Check',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users?filter=userName eq "{{randomUsernameCaps}}"',
    headers: GET_HEADERS,
    assertions: [status('200')],
    pauseAfter: 5,
  },
  {
    n: 10,
    note: 'Optional Test: Verify Groups endpoint',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Groups',
    headers: GET_HEADERS,
    assertions: [status('200'), { comparison: 'is_less_than', source: 'response_time', value: '600' }],
    // "if (max === 0) assert('nogroups', …) else if (max >= 1 && Array.isArray(res)) assert.ok(…)"
    script: (body) => {
      const data = body as { totalResults?: unknown; Resources?: unknown } | null;
      if (data?.totalResults === 0) return [];
      if (
        typeof data?.totalResults === 'number' &&
        data.totalResults >= 1 &&
        !Array.isArray(data.Resources)
      ) {
        return ['script: Resources is not an Array'];
      }
      return [];
    },
    pauseAfter: 5,
  },
  {
    n: 11,
    note: 'Required Test: Check status 401',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users?filter=userName eq "{{randomUsernameCaps}}"',
    headers: { ...GET_HEADERS, Authorization: 'non-token' },
    assertions: [
      status('401'),
      json('not_empty', 'detail'),
      json('equal', 'status', '401'),
      json('has_value', 'schemas', ERROR),
    ],
    pauseAfter: 5,
  },
  {
    n: 12,
    note: 'Required Test: Check status 404',
    method: 'GET',
    url: '{{SCIMBaseURL}}/Users/00919288221112222',
    headers: GET_HEADERS,
    assertions: [
      status('404'),
      json('not_empty', 'detail'),
      json('equal', 'status', '404'),
      json('has_value', 'schemas', ERROR),
    ],
    pauseAfter: 0,
  },
];

const fill = (template: string, vars: SpecVars): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');

/** Runscope property paths: `Resources[0].name.familyName`. */
export function propertyOf(value: unknown, path: string): unknown {
  let cur = value;
  for (const part of path.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m || cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1] as string];
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(idx[1])];
    }
  }
  return cur;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && Object.keys(v).length === 0);

export interface StepResult {
  step: SpecStep;
  status: number;
  timeMs: number;
  json: unknown;
  /** one line per failed assertion; empty when the step passed */
  failures: string[];
  /** assertions not evaluated (response-time checks when timing is off) */
  skipped: string[];
}

/**
 * Sends one step and evaluates its assertions like Runscope does. `timed: false` leaves the
 * response-time assertion unevaluated (tests make no timed assertions; the conformance script
 * reports it).
 */
export async function runSpecStep(
  step: SpecStep,
  vars: SpecVars,
  opts: { timed: boolean },
): Promise<StepResult> {
  // Runscope percent-encodes the spaces and quotes of its filter URLs; URL() does the same.
  const url = new URL(fill(step.url, vars)).toString();
  const headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, fill(v, vars)]));
  const started = performance.now();
  const res = await fetch(url, {
    method: step.method,
    headers,
    ...(step.body ? { body: fill(step.body, vars) } : {}),
  });
  const raw = await res.text();
  const timeMs = performance.now() - started;
  let body: unknown;
  try {
    body = raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    body = undefined;
  }
  const failures: string[] = [];
  const skipped: string[] = [];
  for (const a of step.assertions) {
    const expected = a.value === undefined ? undefined : fill(a.value, vars);
    const label = `${a.source}${a.property ? ` ${a.property}` : ''} ${a.comparison}${expected !== undefined ? ` ${expected}` : ''}`;
    let actual: unknown;
    if (a.source === 'response_status') actual = res.status;
    else if (a.source === 'response_time') {
      if (!opts.timed) {
        skipped.push(label);
        continue;
      }
      actual = timeMs;
    } else actual = propertyOf(body, a.property ?? '');
    let pass: boolean;
    switch (a.comparison) {
      case 'equal_number':
        pass = Number(actual) === Number(expected);
        break;
      case 'equal':
        pass = actual !== undefined && text(actual) === expected;
        break;
      case 'not_empty':
        pass = !isEmpty(actual);
        break;
      case 'has_value':
        pass = Array.isArray(actual) && actual.some((v) => text(v) === expected);
        break;
      case 'contains':
        pass = actual !== undefined && text(actual).includes(expected ?? '');
        break;
      case 'is_a_number':
        pass = typeof actual === 'number';
        break;
      case 'is_less_than':
        pass = Number(actual) < Number(expected);
        break;
    }
    if (!pass) failures.push(`${label} (got ${text(actual)})`);
  }
  if (step.script) failures.push(...step.script(body));
  for (const [name, property] of Object.entries(step.variables ?? {})) {
    const v = propertyOf(body, property);
    if (v !== undefined && v !== null) vars[name] = text(v);
  }
  return { step, status: res.status, timeMs, json: body, failures, skipped };
}

/**
 * "Create at least one user in your SCIM server before running" (Prepare): step 1 reads the
 * first listed user. This creates one the way Okta would.
 */
export async function seedUser(base: string, auth: string): Promise<void> {
  const res = await fetch(`${base}/Users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/scim+json; charset=utf-8', Authorization: auth },
    body: JSON.stringify({
      schemas: [USER],
      userName: 'seed.user@atko.com',
      name: { givenName: 'Seed', familyName: 'User' },
      emails: [{ primary: true, value: 'seed.user@atko.com', type: 'work' }],
      active: true,
    }),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`seeding a user failed: ${res.status}`);
}
