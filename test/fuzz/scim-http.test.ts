/**
 * Bad input over HTTP against the real server (issue 4): generated PATCH bodies, POST/PUT
 * bodies, list query strings and raw header values (Authorization, Content-Type, If-Match,
 * Netskope-Api-Token) never get a 5xx, and every error is a SCIM error body (RFC 7644 §3.12;
 * docs/architecture.md "Security posture": 404, 405, 413, 415, 500 all as SCIM JSON). Fewer runs than the
 * pure properties (each is a request), a few thousand in all.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaGroup, oktaUser } from '../e2e/okta-bodies';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import { scimErrorProblem } from '../support/scim-error';
import { attrPath, filterText, mutated, patchBody, resourceBody, runs } from './arbitraries';
import { rawRequest } from './raw-http';

let s: TestServer;
let port = 0;
let basePath = '';
let userId = '';
let groupId = '';
let total = 0;

beforeAll(async () => {
  s = await startTestServer();
  const url = new URL(s.base);
  port = Number(url.port);
  basePath = url.pathname;
  const u = await s.scim('/Users', { method: 'POST', json: oktaUser('fuzz@example.com', 'F', 'Z', 'fz') });
  userId = ((await u.json()) as { id: string }).id;
  const g = await s.scim('/Groups', { method: 'POST', json: oktaGroup('fuzz-group') });
  groupId = ((await g.json()) as { id: string }).id;
});

afterAll(async () => {
  console.log(`fuzz/scim-http: ${total} generated requests, no 5xx, every error a SCIM error body`);
  await s.close();
});

/** The oracle of this file: below 500, and a SCIM error body on every 4xx. */
function check(what: string, status: number, contentType: string | null, text: string): void {
  total++;
  expect(status, `${what} → ${status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (status >= 400)
    expect(scimErrorProblem(status, contentType, text), `${what} → ${text.slice(0, 300)}`).toBeNull();
}

async function send(method: string, path: string, body?: string): Promise<void> {
  const res = await s.scim(path, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/scim+json' } }),
  });
  check(`${method} ${path} ${body ?? ''}`, res.status, res.headers.get('content-type'), await res.text());
}

describe('generated bodies', () => {
  it('PATCH bodies on users and groups', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Users', 'Groups'), patchBody, async (type, body) => {
        await send('PATCH', `/${type}/${type === 'Users' ? userId : groupId}`, JSON.stringify(body));
      }),
      { numRuns: runs(1_200) },
    );
  });

  it('POST and PUT bodies on users and groups', { timeout: 180_000 }, async () => {
    const route = fc.constantFrom(
      ['POST', '/Users'],
      ['POST', '/Groups'],
      ['PUT', '/Users/ID'],
      ['PUT', '/Groups/GID'],
    );
    await fc.assert(
      fc.asyncProperty(route, resourceBody, async ([method, path], body) => {
        await send(method, path.replace('GID', groupId).replace('ID', userId), JSON.stringify(body));
      }),
      { numRuns: runs(1_200) },
    );
  });

  it('list queries: filter, sortBy, attributes, paging', { timeout: 180_000 }, async () => {
    const query = fc.record(
      {
        filter: fc.oneof(filterText, mutated(filterText)),
        sortBy: attrPath,
        sortOrder: fc.constantFrom('ascending', 'descending', 'sideways', ''),
        attributes: fc.array(attrPath, { maxLength: 3 }).map((a) => a.join(',')),
        excludedAttributes: attrPath,
        startIndex: fc.oneof(fc.integer({ min: -5, max: 1e6 }).map(String), fc.string({ maxLength: 5 })),
        count: fc.oneof(fc.integer({ min: -5, max: 1e6 }).map(String), fc.string({ maxLength: 5 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/Users', '/Groups'), query, async (path, q) => {
        await send('GET', `${path}?${new URLSearchParams(q as Record<string, string>).toString()}`);
      }),
      { numRuns: runs(1_200) },
    );
  });
});

/** Header values as bytes on the wire: anything but CR and LF (which would end the line). */
const headerValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => v.replace(/[\r\n]/g, '')),
  fc
    .string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 60 })
    .map((v) => v.replace(/[\r\n]/g, '')),
  fc.constantFrom(
    `Bearer ${TOKEN}`,
    `bearer ${TOKEN}`,
    `BEARER  ${TOKEN} `,
    `Bearer\t${TOKEN}`,
    `Bearer ${TOKEN}x`,
    `Basic ${Buffer.from(`a:${TOKEN}`).toString('base64')}`,
    'Bearer',
    'Bearer ',
    TOKEN,
    'application/scim+json; charset=utf-8',
    'application/json',
    'text/plain',
    'application/scim+json; charset=latin1',
    'W/"1"',
    '*',
    '"1"',
    'W/"',
    'x'.repeat(9000),
  ),
);

describe('raw header values', () => {
  it('Authorization, Netskope-Api-Token, Content-Type and If-Match', { timeout: 180_000 }, async () => {
    const name = fc.constantFrom(
      'Authorization',
      'Netskope-Api-Token',
      'Content-Type',
      'If-Match',
      'If-None-Match',
    );
    const route = fc.constantFrom(
      ['GET', '/Users'],
      ['GET', '/Users/ID'],
      ['POST', '/Users'],
      ['PUT', '/Users/ID'],
      ['PATCH', '/Users/ID'],
      ['PATCH', '/Groups/GID'],
      ['DELETE', '/Users/00000000-0000-4000-8000-000000000000'],
      ['GET', '/ServiceProviderConfig'],
    );
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.array(fc.tuple(name, headerValue), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async ([method, path], headers, withToken) => {
          const p = basePath + path.replace('GID', groupId).replace('ID', userId);
          const body =
            method === 'GET' || method === 'DELETE'
              ? ''
              : path.startsWith('/Users/') && method === 'PUT'
                ? JSON.stringify(oktaUser('fuzz@example.com', 'F', 'Z', 'fz'))
                : method === 'POST'
                  ? JSON.stringify({ userName: 'x' })
                  : JSON.stringify({
                      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
                      Operations: [],
                    });
          const all: [string, string][] = withToken
            ? [['Authorization', `Bearer ${TOKEN}`], ...headers]
            : headers;
          const res = await rawRequest(port, method, p, all, body);
          check(
            `${method} ${path} ${JSON.stringify(all)}`,
            res.status,
            res.headers['content-type'] ?? null,
            res.body,
          );
        },
      ),
      { numRuns: runs(1_000) },
    );
    // The fixtures are still served: nothing above broke the server.
    expect((await s.scim(`/Users/${userId}`)).status).toBe(200);
  });
});
