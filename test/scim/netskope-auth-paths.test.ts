/**
 * Netskope emulator requirements about reaching the tenant (docs/netskope.md "Emulator
 * requirements", §1–§4, §10): both auth headers, the current and legacy base paths (with the
 * organisation key), Last Used Time, 201/204 status codes and Netskope's error body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUser,
  ERROR_URN,
  expectScimError,
  GROUP_URN,
  json,
  oktaUser,
  patchOp,
  type Json,
  type ListBody,
} from '../support/scim-client';

describe('Netskope tenant: auth headers, base paths, status codes, error bodies', () => {
  let s: TestServer;
  let origin: string;
  beforeAll(async () => {
    s = await startTestServer();
    origin = new URL(s.base).origin;
  });
  afterAll(() => s.close());

  it('accepts Authorization: Bearer and Netskope-Api-Token (docs/netskope.md §3.1)', async () => {
    const bearer = await s.scim('/Users?startIndex=1&count=2');
    expect(bearer.status).toBe(200);
    const nsk = await s.scim('/Users?startIndex=1&count=2', {
      headers: { 'x-no-auth': '1', 'Netskope-Api-Token': TOKEN },
    });
    expect(nsk.status).toBe(200);
    expect(((await nsk.json()) as ListBody).schemas).toEqual([
      'urn:ietf:params:scim:api:messages:2.0:ListResponse',
    ]);
    await expectScimError(
      await s.scim('/Users', { headers: { 'x-no-auth': '1', 'Netskope-Api-Token': 'not-a-real-token-000' } }),
      401,
    );
  });

  it('401 carries WWW-Authenticate, and the request log names the token on success', async () => {
    const res = await s.scim('/Users', { headers: { 'x-no-auth': '1' } });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    await expectScimError(res, 401);
    await s.scim('/Groups?startIndex=1&count=100', {
      headers: { 'x-no-auth': '1', 'netskope-api-token': TOKEN },
    });
    expect(s.core.log.query({ limit: 1 })[0]).toMatchObject({
      path: '/api/v2/scim/Groups',
      status: 200,
      tokenName: 'bootstrap',
    });
  });

  it('Last Used Time moves on the "Test API Credentials" call GET /Users?startIndex=1&count=2 (§3.2)', async () => {
    const fresh = await startTestServer();
    try {
      expect(fresh.core.tokens.list()[0]?.lastUsedTime).toBeNull();
      const before = Date.now();
      expect((await fresh.scim('/Users?startIndex=1&count=2')).status).toBe(200);
      const used = fresh.core.tokens.list()[0]?.lastUsedTime;
      expect(used).not.toBeNull();
      expect(Date.parse(used as string)).toBeGreaterThanOrEqual(before - 1000);
    } finally {
      await fresh.close();
    }
  });

  it('serves /api/v2/scim, /scim/v2, /SCIM/v2 and /SCIM/V2/{orgKey} from the same store (§1, §17.1)', async () => {
    const u = await createUser(s, 'paths.user@example.com');
    const orgKey = s.core.settings().orgKey;
    expect(orgKey).toMatch(/^[A-Za-z0-9]{20}$/);
    for (const base of ['/api/v2/scim', '/scim/v2', '/SCIM/v2', `/SCIM/V2/${orgKey}`, `/scim/v2/${orgKey}`]) {
      const res = await s.scim(`${origin}${base}/Users/${u['id'] as string}`);
      expect(res.status, base).toBe(200);
      const body = await json(res);
      expect(body['userName']).toBe('paths.user@example.com');
      // locations are built from the base the client used (docs/netskope.md §2)
      expect((body['meta'] as Json)['location']).toBe(`${origin}${base}/Users/${u['id'] as string}`);
    }
  });

  it('a wrong organisation key → 404 SCIM Error', async () => {
    for (const key of ['WrongKey0123456789ab', 'x']) {
      await expectScimError(await s.scim(`${origin}/SCIM/V2/${key}/Users`), 404);
    }
  });

  it('POST → 201; PUT → 200; PATCH → 204 empty; DELETE → 204 empty (§4)', async () => {
    const created = await s.scim('/Users', { method: 'POST', json: oktaUser('codes.user@example.com') });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const u = await json(created);
    const id = u['id'] as string;
    expect((await s.scim(`/Users/${id}`, { method: 'PUT', json: { ...u, active: true } })).status).toBe(200);
    const patched = await s.scim(`/Users/${id}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', path: 'active', value: false }),
    });
    expect([patched.status, await patched.text(), patched.headers.get('content-type')]).toEqual([
      204,
      '',
      null,
    ]);
    const g = await s.scim('/Groups', {
      method: 'POST',
      json: { schemas: [GROUP_URN], displayName: 'codes group', members: [] },
    });
    expect(g.status).toBe(201);
    const gid = ((await g.json()) as Json)['id'] as string;
    const gp = await s.scim(`/Groups/${gid}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', path: 'displayname', value: 'codes group 2' }),
    });
    expect([gp.status, await gp.text()]).toEqual([204, '']);
    for (const path of [`/Groups/${gid}`, `/Users/${id}`]) {
      const del = await s.scim(path, { method: 'DELETE' });
      expect([del.status, await del.text()]).toEqual([204, '']);
    }
  });

  it('error bodies: Error URN, status as a string, Netskope description plus RFC detail, application/json (§10)', async () => {
    const res = await s.scim('/Users', {
      method: 'POST',
      json: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        emails: [{ value: 'a@b.c', primary: true }],
      },
    });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await expectScimError(res, 400);
    expect(body).toMatchObject({
      schemas: [ERROR_URN],
      status: '400',
      description: 'UserName not provided',
      detail: 'UserName not provided',
    });
    const noEmail = await s.scim('/Users', { method: 'POST', json: { userName: 'no.email@example.com' } });
    expect((await expectScimError(noEmail, 400))['description']).toBe('Primary Email not provided');
    const badEmail = await s.scim('/Users', {
      method: 'POST',
      json: { userName: 'bad.email', emails: [{ value: 'not an email', primary: true }] },
    });
    await expectScimError(badEmail, 400);
  });

  it('duplicate group displayName on POST → 409 (Netskope CE plugin: "Group … already exists.")', async () => {
    await createGroup(s, 'quality_assurance');
    const res = await s.scim('/Groups', {
      method: 'POST',
      json: { schemas: [GROUP_URN], displayName: 'quality_assurance', members: [] },
    });
    const body = await expectScimError(res, 409, 'uniqueness');
    expect(body['description']).toBe(body['detail']);
  });

  it('ids are lower-case UUIDv4 for users and groups', async () => {
    const u = await createUser(s, 'uuid.user@example.com');
    const g = await createGroup(s, 'uuid group');
    for (const id of [u['id'], g['id']])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
