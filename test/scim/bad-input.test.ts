/**
 * Bad input gets the right 4xx with a SCIM error body, and no client input gives a 5xx or
 * takes the process down (issue 2 "Bad input"; docs/architecture.md "Security posture"; RFC 7644 §3.12).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUser,
  expectScimError,
  GROUP_URN,
  oktaUser,
  patchOp,
  type Json,
} from '../support/scim-client';

const JSON_TYPE = { 'content-type': 'application/scim+json' };

describe('bad input', () => {
  let s: TestServer;
  let userId: string;
  let groupId: string;
  beforeAll(async () => {
    s = await startTestServer({ maxBodyBytes: 4096 });
    userId = (await createUser(s, 'bad.input@example.com'))['id'] as string;
    groupId = (await createGroup(s, 'bad input group'))['id'] as string;
  });
  afterAll(() => s.close());

  const send = (path: string, method: string, body: string, headers: Record<string, string> = JSON_TYPE) =>
    s.scim(path, { method, body, headers });

  it('malformed JSON → 400 invalidSyntax on every write route', async () => {
    const routes: [string, string][] = [
      ['/Users', 'POST'],
      [`/Users/${userId}`, 'PUT'],
      [`/Users/${userId}`, 'PATCH'],
      ['/Groups', 'POST'],
      [`/Groups/${groupId}`, 'PUT'],
      [`/Groups/${groupId}`, 'PATCH'],
    ];
    for (const [path, method] of routes) {
      for (const body of ['{"userName":', '{userName: "x"}', "{'a':1}", '{"a":1}}', '\u0000', '']) {
        await expectScimError(await send(path, method, body), 400, 'invalidSyntax');
      }
    }
  });

  it('JSON that is not an object → 400', async () => {
    for (const body of ['[]', '"user"', '42', 'null', 'true', '[{"userName":"x"}]']) {
      await expectScimError(await send('/Users', 'POST', body), 400);
      await expectScimError(await send(`/Groups/${groupId}`, 'PATCH', body), 400);
    }
  });

  it('wrong content type → 415 (text/plain, form, XML, none)', async () => {
    const body = JSON.stringify(oktaUser('ct.user@example.com'));
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
    ]) {
      await expectScimError(await send('/Users', 'POST', body, { 'content-type': type }), 415);
    }
    await expectScimError(await s.scim('/Users', { method: 'POST', body: new Blob([body]) }), 415);
  });

  it('oversized body → 413, declared (Content-Length) or streamed (chunked); the server keeps serving', async () => {
    const big = JSON.stringify(oktaUser('big.user@example.com', { title: 'x'.repeat(10_000) }));
    await expectScimError(await send('/Users', 'POST', big), 413);
    const chunks = [big.slice(0, 3000), big.slice(3000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await s.scim('/Users', {
      method: 'POST',
      body: stream,
      headers: JSON_TYPE,
      duplex: 'half',
    } as RequestInit);
    await expectScimError(res, 413);
    expect((await s.scim(`/Users/${userId}`)).status).toBe(200);
  });

  it('unknown attribute types → 400 (active: {}, userName: 123, emails: "x", name: "x", displayName: 5)', async () => {
    const users: Json[] = [
      oktaUser('types.a@example.com', { active: {} }),
      oktaUser('types.b@example.com', { active: 'maybe' }),
      { ...oktaUser('types.c@example.com'), userName: 123 },
      oktaUser('types.d@example.com', { emails: 'types.d@example.com' }),
      oktaUser('types.e@example.com', { name: 'Types E' }),
      oktaUser('types.f@example.com', { externalId: { id: 1 } }),
    ];
    for (const body of users) {
      await expectScimError(await s.scim('/Users', { method: 'POST', json: body }), 400);
      await expectScimError(await s.scim(`/Users/${userId}`, { method: 'PUT', json: body }), 400);
    }
    await expectScimError(
      await s.scim(`/Users/${userId}`, {
        method: 'PATCH',
        json: patchOp({ op: 'replace', path: 'active', value: {} }),
      }),
      400,
    );
    for (const body of [
      { displayName: 5 },
      { displayName: 'types g', members: 'x' },
      { displayName: 'types h', members: [{ value: 7 }] },
    ]) {
      await expectScimError(
        await s.scim('/Groups', { method: 'POST', json: { schemas: [GROUP_URN], ...body } }),
        400,
      );
    }
  });

  it('malformed PATCH requests → 400 (no Operations, unknown op, bad path, missing value)', async () => {
    const bodies: unknown[] = [
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
      { Operations: [{ op: 'replace', path: 'active', value: false }] },
      patchOp({ op: 'explode', path: 'active', value: false }),
      patchOp({ op: 'replace', path: 'emails[type eq', value: 'x' }),
      patchOp({ op: 'add', path: 'name.givenName' }),
      patchOp({ op: 'replace', path: 'id', value: 'mine' }),
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ['not an operation'] },
    ];
    for (const body of bodies) {
      await expectScimError(await s.scim(`/Users/${userId}`, { method: 'PATCH', json: body }), 400);
    }
  });

  it('invalid or unknown ids → 404 on every item route', async () => {
    const ids = [
      'nope',
      '010101001010101011001010101011',
      "' OR 1=1 --",
      '%00',
      'é',
      'x'.repeat(2000),
      '..',
      crypto.randomUUID(),
    ];
    for (const id of ids) {
      const enc = encodeURIComponent(id);
      await expectScimError(await s.scim(`/Users/${enc}`), 404);
      await expectScimError(await s.scim(`/Groups/${enc}`, { method: 'DELETE' }), 404);
      await expectScimError(
        await s.scim(`/Users/${enc}`, {
          method: 'PATCH',
          json: patchOp({ op: 'replace', value: { active: false } }),
        }),
        404,
      );
    }
    await expectScimError(await s.scim('/Schemas/urn:nope'), 404);
    await expectScimError(await s.scim('/ResourceTypes/Nope'), 404);
  });

  it('unknown routes → 404 SCIM Error (inside and outside the SCIM bases)', async () => {
    const origin = new URL(s.base).origin;
    for (const url of [
      `${origin}/`,
      `${origin}/admin`,
      `${origin}/api/v1/scim/Users`,
      `${s.base}/Me`,
      `${s.base}/Bulk`,
      // a Netskope tenant has no /.search (docs/netskope.md §4); the rfc profile does (search.test.ts)
      `${s.base}/.search`,
      `${s.base}/Users/${userId}/extra`,
    ]) {
      await expectScimError(await s.scim(url), 404);
    }
  });

  it('unsupported methods → 405 with Allow', async () => {
    const cases: [string, string, string][] = [
      ['/Users', 'PUT', 'GET, POST'],
      ['/Users', 'DELETE', 'GET, POST'],
      ['/Groups', 'PATCH', 'GET, POST'],
      [`/Users/${userId}`, 'POST', 'GET, PUT, PATCH, DELETE'],
      ['/ServiceProviderConfig', 'POST', 'GET'],
      ['/ResourceTypes', 'DELETE', 'GET'],
      // PATCH enables attributes on one schema (/Schemas/{urn}); the collection is read-only
      ['/Schemas', 'POST', 'GET'],
      ['/Schemas', 'PATCH', 'GET'],
      ['/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', 'DELETE', 'GET, PATCH'],
      ['/ResourceTypes/User', 'PUT', 'GET'],
      ['/Users', 'OPTIONS', 'GET, POST'],
    ];
    for (const [path, method, allow] of cases) {
      const res = await s.scim(path, {
        method,
        ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: '{}', headers: JSON_TYPE }),
      });
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      await expectScimError(res, 405);
    }
  });

  it('a browser Origin header → 403, even with a valid token, and no CORS headers ever', async () => {
    for (const method of ['GET', 'OPTIONS']) {
      const res = await s.scim('/Users', {
        method,
        headers: { origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      await expectScimError(res, 403);
    }
    const post = await s.scim('/Users', {
      method: 'POST',
      json: oktaUser('origin.user@example.com'),
      headers: { origin: 'null' },
    });
    await expectScimError(post, 403);
    expect(
      (await s.scim(`/Users?filter=${encodeURIComponent('userName eq "origin.user@example.com"')}`)).status,
    ).toBe(200);
  });

  it('missing, malformed, unknown and revoked tokens → 401 with a SCIM body and WWW-Authenticate', async () => {
    const minted = await s.core.tokens.create('revoke-me');
    const headers: Record<string, string>[] = [
      { 'x-no-auth': '1' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer a b c' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer unknown-token-unknown-token' },
      { 'x-no-auth': '1', 'netskope-api-token': 'has spaces in it' },
    ];
    expect((await s.scim('/Users', { headers: { authorization: `Bearer ${minted.token}` } })).status).toBe(
      200,
    );
    await s.core.tokens.revoke(minted.scimId);
    headers.push({ authorization: `Bearer ${minted.token}` });
    for (const h of headers) {
      const res = await s.scim('/Users', { headers: h });
      expect(res.headers.get('www-authenticate'), JSON.stringify(h)).toMatch(/^Bearer realm=/);
      await expectScimError(res, 401);
    }
  });

  it('duplicate query parameters → 400 (any case)', async () => {
    for (const q of [
      'startIndex=1&startIndex=2',
      'count=1&Count=2',
      `filter=${encodeURIComponent('userName eq "a"')}&filter=x`,
      'attributes=id&attributes=userName',
      'sortOrder=ascending&sortorder=descending',
    ]) {
      await expectScimError(await s.scim(`/Users?${q}`), 400);
    }
  });

  it('non-integer startIndex or count → 400', async () => {
    for (const q of [
      'startIndex=abc',
      'startIndex=1.5',
      'count=1e3',
      'count=ten',
      'startIndex=99999999999999999999',
      'count=0x10',
      'sortOrder=up',
    ]) {
      await expectScimError(await s.scim(`/Users?${q}`), 400);
    }
  });

  it('filter syntax errors → 400 invalidFilter, on users and groups', async () => {
    const filters = [
      'userName eq',
      'eq "a"',
      'userName eq "a" and',
      '((userName eq "a")',
      'userName eq "unterminated',
      'emails[type eq "work"',
      'userName ?? "a"',
      'not userName eq "a"',
      'userName eq "a" userName eq "b"',
    ];
    for (const f of filters) {
      await expectScimError(await s.scim(`/Users?filter=${encodeURIComponent(f)}`), 400, 'invalidFilter');
      await expectScimError(
        await s.scim(`/Groups?filter=${encodeURIComponent(f.replace(/userName/g, 'displayName'))}`),
        400,
        'invalidFilter',
      );
    }
  });

  it('deeply nested JSON is refused or stored, never a 5xx', async () => {
    const deep = `{"userName":"deep@example.com","emails":[{"value":"deep@example.com","primary":true}],"name":${'['.repeat(1500)}${']'.repeat(1500)}}`;
    const res = await send('/Users', 'POST', deep);
    expect(res.status).toBeLessThan(500);
    await res.text();
  });

  it('a single value added to an undeclared list attribute of a group is not a 5xx (found by the property below)', async () => {
    const g = (await createGroup(s, 'undeclared list'))['id'] as string;
    const add = (value: unknown): Promise<Response> =>
      s.scim(`/Groups/${g}`, { method: 'PATCH', json: patchOp({ op: 'add', path: 'active', value }) });
    expect((await add([1])).status).toBe(204);
    for (const value of ['', 'x', 2, { a: 1 }]) expect((await add(value)).status).toBeLessThan(500);
  });

  it('property: arbitrary JSON bodies on every write route never give a 5xx', async () => {
    const routes: [string, string][] = [
      ['/Users', 'POST'],
      [`/Users/${userId}`, 'PUT'],
      [`/Users/${userId}`, 'PATCH'],
      ['/Groups', 'POST'],
      [`/Groups/${groupId}`, 'PATCH'],
    ];
    const op = fc.record({
      op: fc.constantFrom('add', 'remove', 'replace', 'Add', 'REPLACE', 'bogus'),
      path: fc.option(
        fc.constantFrom(
          'active',
          'members',
          'userName',
          'emails[type eq "work"].value',
          'members[value eq "x"]',
          'name.givenName',
          '[',
          'urn:x:y',
        ),
        { nil: undefined },
      ),
      value: fc.jsonValue({ maxDepth: 3 }),
    });
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({
        schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']),
        Operations: fc.array(op, { maxLength: 4 }),
      }),
      fc.dictionary(
        fc.constantFrom(
          'userName',
          'active',
          'emails',
          'name',
          'displayName',
          'members',
          'externalId',
          'schemas',
          'id',
        ),
        fc.jsonValue({ maxDepth: 3 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([path, method], value) => {
        const res = await send(path, method, JSON.stringify(value) ?? 'null');
        const text = await res.text();
        expect(res.status, `${method} ${path} ${JSON.stringify(value)} → ${text}`).toBeLessThan(500);
      }),
      { numRuns: Number(process.env['SCIMDESK_FUZZ_RUNS'] ?? 300) },
    );
    expect((await s.scim(`/Users/${userId}`)).status).toBe(200);
  }, 120_000);
  it('property: arbitrary list query strings and item paths never give a 5xx', async () => {
    const key = fc.constantFrom(
      'filter',
      'sortBy',
      'sortOrder',
      'attributes',
      'excludedAttributes',
      'startIndex',
      'count',
      'Count',
      'x',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'userName eq "a"',
        'emails[type eq "work"].value',
        'meta.created gt "2020"',
        'members',
        '-1',
        '0',
        '1e9',
        'name.givenName',
      ),
    );
    const query = fc.array(fc.tuple(key, value), { maxLength: 4 });
    const path = fc.constantFrom(
      '/Users',
      '/Groups',
      `/Users/${userId}`,
      `/Groups/${groupId}`,
      '/Schemas',
      '/ResourceTypes',
    );
    await fc.assert(
      fc.asyncProperty(path, query, fc.string({ maxLength: 12 }), async (p, q, tail) => {
        const qs = new URLSearchParams(q).toString();
        for (const url of [`${p}?${qs}`, `${p}/${encodeURIComponent(tail)}?${qs}`]) {
          const res = await s.scim(url);
          const text = await res.text();
          expect(res.status, `${url} → ${text}`).toBeLessThan(500);
        }
      }),
      { numRuns: Number(process.env['SCIMDESK_FUZZ_RUNS'] ?? 300) },
    );
  }, 120_000);
});
