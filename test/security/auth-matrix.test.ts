/**
 * Auth matrix (issue 4, "Security"): every SCIM route × method × base path × credential form.
 * A request without a valid, unrevoked token gets 401 with a SCIM error body and a
 * WWW-Authenticate challenge (RFC 6750 §3; RFC 7644 §3.12; docs/architecture.md "Security posture"), whatever the route or method, before routing or body parsing can say
 * anything else. With a valid token, in either accepted header (Authorization: Bearer, the scheme
 * in any case as admins type it, docs/okta.md §1; Netskope-Api-Token, docs/netskope.md §3.1), the
 * answer is a 2xx or a SCIM 4xx, never 401 or 5xx.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaGroup, oktaUser, pathlessReplace } from '../e2e/okta-bodies';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import { scimErrorProblem } from '../support/scim-error';

let s: TestServer;
let origin = '';
let revoked = '';
let userId = '';
let groupId = '';
let seq = 0;

beforeAll(async () => {
  s = await startTestServer();
  origin = new URL(s.base).origin;
  const r = await s.core.tokens.create('to-be-revoked');
  revoked = r.token;
  expect(await s.core.tokens.revoke(r.scimId)).toBe(true);
  const u = await s.scim('/Users', { method: 'POST', json: oktaUser('matrix@example.com', 'M', 'X', 'mx') });
  userId = ((await u.json()) as { id: string }).id;
  const g = await s.scim('/Groups', { method: 'POST', json: oktaGroup('matrix-group') });
  groupId = ((await g.json()) as { id: string }).id;
});
afterAll(async () => {
  await s.close();
});

const bases = (): string[] => [
  '/api/v2/scim',
  '/scim/v2',
  `/SCIM/V2/${s.core.settings().orgKey}`,
  '/SCIM/v2',
];
const ROUTES = [
  '/Users',
  '/Users/{user}',
  '/Groups',
  '/Groups/{group}',
  '/ServiceProviderConfig',
  '/ResourceTypes',
  '/Schemas',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

type Cred = { name: string; headers: () => Record<string, string>; valid: boolean; challenge?: RegExp };
const CREDS: Cred[] = [
  { name: 'no credential', headers: () => ({}), valid: false, challenge: /^Bearer realm="scimdesk"$/ },
  { name: 'malformed: Token scheme', headers: () => ({ authorization: `Token ${TOKEN}` }), valid: false },
  { name: 'malformed: Bearer without a token', headers: () => ({ authorization: 'Bearer' }), valid: false },
  {
    name: 'malformed: Basic',
    headers: () => ({ authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` }),
    valid: false,
  },
  {
    name: 'malformed: two tokens',
    headers: () => ({ authorization: `Bearer ${TOKEN} ${TOKEN}` }),
    valid: false,
  },
  {
    name: 'unknown token',
    headers: () => ({ authorization: `Bearer ${randomBytes(32).toString('base64url')}` }),
    valid: false,
    challenge: /error="invalid_token"/,
  },
  {
    name: 'token with one character changed',
    headers: () => ({ authorization: `Bearer ${TOKEN.slice(0, -1)}X` }),
    valid: false,
    challenge: /error="invalid_token"/,
  },
  {
    name: 'revoked token',
    headers: () => ({ authorization: `Bearer ${revoked}` }),
    valid: false,
    challenge: /error="invalid_token"/,
  },
  {
    name: 'unknown Netskope-Api-Token',
    headers: () => ({ 'netskope-api-token': randomBytes(32).toString('base64url') }),
    valid: false,
  },
  { name: 'revoked Netskope-Api-Token', headers: () => ({ 'netskope-api-token': revoked }), valid: false },
  { name: 'Authorization: Bearer', headers: () => ({ authorization: `Bearer ${TOKEN}` }), valid: true },
  {
    name: 'authorization: bearer (lower-case scheme)',
    headers: () => ({ authorization: `bearer ${TOKEN}` }),
    valid: true,
  },
  { name: 'Netskope-Api-Token', headers: () => ({ 'netskope-api-token': TOKEN }), valid: true },
];

/** A body the route accepts with a valid token (so valid credentials can reach 2xx). */
function bodyFor(method: string, route: string): unknown {
  const n = ++seq;
  if (method === 'POST' && route === '/Users') return oktaUser(`m${n}@example.com`, 'M', 'X', `m${n}`);
  if (method === 'POST' && route === '/Groups') return oktaGroup(`matrix-${n}`);
  if (method === 'PUT' && route === '/Users/{user}')
    return oktaUser('matrix@example.com', 'M', `X${n}`, 'mx');
  if (method === 'PUT' && route === '/Groups/{group}') return { displayName: 'matrix-group' };
  if (method === 'PATCH')
    return pathlessReplace(route.startsWith('/Groups') ? { externalId: `g${n}` } : { active: true });
  return method === 'POST' || method === 'PUT' ? {} : undefined;
}

/** DELETE with a valid token deletes a throwaway resource, so the fixtures stay. */
async function throwaway(route: string): Promise<string> {
  const n = ++seq;
  const res = route.startsWith('/Users')
    ? await s.scim('/Users', { method: 'POST', json: oktaUser(`gone${n}@example.com`, 'G', 'N', `g${n}`) })
    : await s.scim('/Groups', { method: 'POST', json: oktaGroup(`gone-${n}`) });
  return ((await res.json()) as { id: string }).id;
}

const rows = CREDS.flatMap((c) => METHODS.map((m) => [c.name, m, c] as const));

describe('auth matrix over every base path and route', () => {
  it.each(rows)('%s × %s', async (_name, method, cred) => {
    const failures: string[] = [];
    for (const base of bases()) {
      for (const route of ROUTES) {
        let path = route.replace('{user}', userId).replace('{group}', groupId);
        if (method === 'DELETE' && cred.valid && route.includes('{'))
          path = route.replace(/\{\w+\}/, await throwaway(route));
        const body = bodyFor(method, route);
        const res = await fetch(`${origin}${base}${path}`, {
          method,
          headers: {
            ...cred.headers(),
            ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
          },
          body: body === undefined ? null : JSON.stringify(body),
        });
        const text = await res.text();
        const where = `${method} ${base}${route}: ${res.status} ${text.slice(0, 160)}`;
        if (res.status >= 500) failures.push(`5xx: ${where}`);
        if (res.status >= 400) {
          const problem = scimErrorProblem(res.status, res.headers.get('content-type'), text);
          if (problem) failures.push(`not a SCIM error (${problem}): ${where}`);
        }
        for (const h of res.headers.keys())
          if (h.startsWith('access-control-')) failures.push(`CORS header ${h}: ${where}`);
        if (cred.valid) {
          if (res.status === 401) failures.push(`refused a valid credential: ${where}`);
          continue;
        }
        if (res.status !== 401) failures.push(`expected 401: ${where}`);
        const challenge = res.headers.get('www-authenticate') ?? '';
        if (!/^Bearer realm="scimdesk"/.test(challenge)) failures.push(`no WWW-Authenticate: ${where}`);
        if (cred.challenge && !cred.challenge.test(challenge))
          failures.push(`challenge "${challenge}": ${where}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('valid tokens reach 2xx on every route (the matrix is not all 4xx)', async () => {
    for (const base of bases()) {
      for (const route of ROUTES) {
        const path = route.replace('{user}', userId).replace('{group}', groupId);
        const res = await fetch(`${origin}${base}${path}`, { headers: { 'netskope-api-token': TOKEN } });
        expect(res.status, `${base}${path}`).toBe(200);
        await res.text();
      }
    }
  });

  it('an unknown org key in the legacy path is 404 before auth is even looked at', async () => {
    const res = await fetch(`${origin}/SCIM/V2/not-our-org/Users`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(404);
    expect(scimErrorProblem(404, res.headers.get('content-type'), await res.text())).toBeNull();
  });

  it('revocation applies to the very next request', async () => {
    const t = await s.core.tokens.create('short-lived');
    const use = () => fetch(`${s.base}/Users?count=1`, { headers: { authorization: `Bearer ${t.token}` } });
    expect((await use()).status).toBe(200);
    await s.core.tokens.revoke(t.scimId);
    expect((await use()).status).toBe(401);
  });
});
