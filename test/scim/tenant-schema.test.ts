/**
 * The tenant's custom schema over SCIM (docs/netskope.md §5.3; docs/schemas.md): created with
 * PUT, changed with PATCH, dropped with DELETE; its values stored, returned, filtered, type
 * checked, unique where asked, and its characteristics enforced. Netskope profiles only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';
import { createUser, expectScimError, json, patchOp, type Json, type ListBody } from '../support/scim-client';

const TENANT = 'urn:ietf:params:scim:schemas:extension:tenant:2.0:User';
const path = `/Schemas/${TENANT}`;
const attr = (name: string, extra: Json = {}): Json => ({ name, type: 'string', ...extra });

describe('tenant custom schema (netskope)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ profile: 'netskope' });
  });
  afterAll(() => s.close());

  const put = (body: Json) => s.scim(path, { method: 'PUT', json: body });
  const patch = (...ops: Json[]) => s.scim(path, { method: 'PATCH', json: patchOp(...ops) });

  it('does not exist until created: not in /Schemas, not an extension of User, values ignored and recorded', async () => {
    await expectScimError(await s.scim(path), 404);
    const rt = await json(await s.scim('/ResourceTypes/User'));
    expect(JSON.stringify(rt['schemaExtensions'])).not.toContain(TENANT);
    const u = await createUser(s, 'before.custom@example.com', { [TENANT]: { costCode: 'X1' } });
    expect(u).not.toHaveProperty(TENANT);
    const log = s.core.log.query({ limit: 1 })[0];
    expect(log?.warnings.join('\n')).toContain(TENANT);
    await expectScimError(await patch({ op: 'add', path: 'attributes', value: attr('x') }), 404);
  });

  it('PUT creates it; /Schemas and /ResourceTypes then describe exactly what was defined', async () => {
    const res = await put({
      name: 'Acme',
      description: 'Acme attributes',
      attributes: [
        attr('costCode', { caseExact: false }),
        attr('badge', { uniqueness: 'server', caseExact: true }),
        { name: 'level', type: 'integer' },
        attr('secret', { returned: 'never' }),
        attr('nickname', { returned: 'request' }),
        attr('hireId', { mutability: 'immutable' }),
        attr('tags', { multiValued: true }),
      ],
    });
    expect(res.status).toBe(200);
    const schema = await json(await s.scim(path));
    expect(schema['name']).toBe('Acme');
    const attrs = schema['attributes'] as Json[];
    expect(attrs.map((a) => a['name'])).toEqual([
      'costCode',
      'badge',
      'level',
      'secret',
      'nickname',
      'hireId',
      'tags',
    ]);
    expect(attrs[1]).toMatchObject({
      uniqueness: 'server',
      required: false,
      mutability: 'readWrite',
      returned: 'default',
    });
    const rt = await json(await s.scim('/ResourceTypes/User'));
    expect(rt['schemaExtensions']).toContainEqual({ schema: TENANT, required: false });
  });

  it('stores and returns values; returned:never never comes back, returned:request only when asked', async () => {
    const u = await createUser(s, 'ada.custom@example.com', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', TENANT],
      [TENANT]: {
        costCode: 'CC-1',
        badge: 'B1',
        level: 3,
        secret: 's3',
        nickname: 'Ada',
        tags: ['a', 'b'],
        shoeSize: 9,
      },
    });
    expect(u[TENANT]).toEqual({ costCode: 'CC-1', badge: 'B1', level: 3, tags: ['a', 'b'] });
    expect(u['schemas']).toContain(TENANT);
    expect(s.core.log.query({ limit: 1 })[0]?.warnings.join('\n')).toContain(`${TENANT}:shoeSize`);
    const asked = await json(
      await s.scim(`/Users/${String(u['id'])}?attributes=${TENANT}:nickname,userName`),
    );
    expect(asked[TENANT]).toEqual({ nickname: 'Ada' });
    // what was stored for the returned:never attribute is still there (nothing lost)
    const stored = s.core.store.engine.read((r) => s.core.store.users.findById(r, String(u['id'])));
    expect((stored?.resource[TENANT] as Json)['secret']).toBe('s3');
  });

  it('filters on custom attributes, case-insensitively where caseExact is false', async () => {
    const hit = await json<ListBody>(
      await s.scim(`/Users?filter=${encodeURIComponent(`${TENANT}:costCode eq "cc-1"`)}`),
    );
    expect(hit.Resources.map((r) => r['userName'])).toEqual(['ada.custom@example.com']);
    const byLevel = await json<ListBody>(
      await s.scim(`/Users?filter=${encodeURIComponent(`${TENANT}:level gt 2`)}`),
    );
    expect(byLevel.totalResults).toBe(1);
    const none = await json<ListBody>(
      await s.scim(`/Users?filter=${encodeURIComponent(`${TENANT}:badge eq "b1"`)}`),
    );
    expect(none.totalResults).toBe(0); // badge is caseExact: "B1" only
  });

  it('refuses values of the wrong type (400 invalidValue) and storing nothing', async () => {
    await expectScimError(
      await s.scim('/Users', {
        method: 'POST',
        json: {
          userName: 'wrong.type@example.com',
          emails: [{ value: 'wrong.type@example.com', primary: true }],
          [TENANT]: { level: 'three' },
        },
      }),
      400,
      'invalidValue',
    );
    const found = await json<ListBody>(
      await s.scim(`/Users?filter=${encodeURIComponent('userName eq "wrong.type@example.com"')}`),
    );
    expect(found.totalResults).toBe(0);
  });

  it('uniqueness:server is enforced (409 uniqueness), and a deleted user frees the value', async () => {
    const body = { [TENANT]: { badge: 'B1' } };
    await expectScimError(
      await s.scim('/Users', {
        method: 'POST',
        json: {
          userName: 'dup.badge@example.com',
          emails: [{ value: 'dup.badge@example.com', primary: true }],
          ...body,
        },
      }),
      409,
      'uniqueness',
    );
    const holder = await createUser(s, 'holder.badge@example.com', { [TENANT]: { badge: 'B2' } });
    expect((await s.scim(`/Users/${String(holder['id'])}`, { method: 'DELETE' })).status).toBe(204);
    const again = await createUser(s, 'again.badge@example.com', { [TENANT]: { badge: 'B2' } });
    expect((again[TENANT] as Json)['badge']).toBe('B2');
  });

  it('an immutable attribute keeps its first value (400 mutability on change)', async () => {
    const u = await createUser(s, 'immutable.custom@example.com', { [TENANT]: { hireId: 'H1' } });
    const id = String(u['id']);
    await expectScimError(
      await s.scim(`/Users/${id}`, {
        method: 'PATCH',
        json: patchOp({ op: 'replace', path: `${TENANT}:hireId`, value: 'H2' }),
      }),
      400,
      'mutability',
    );
    expect(
      (
        await s.scim(`/Users/${id}`, {
          method: 'PATCH',
          json: patchOp({ op: 'replace', path: `${TENANT}:hireId`, value: 'H1' }),
        })
      ).status,
    ).toBe(204);
  });

  it('PATCH adds and removes definitions; an attribute in use cannot be changed or removed', async () => {
    expect((await patch({ op: 'add', path: 'attributes', value: attr('floor') })).status).toBe(204);
    let names = ((await json(await s.scim(path)))['attributes'] as Json[]).map((a) => a['name']);
    expect(names).toContain('floor');
    expect((await patch({ op: 'remove', path: 'attributes[name eq "floor"]' })).status).toBe(204);
    names = ((await json(await s.scim(path)))['attributes'] as Json[]).map((a) => a['name']);
    expect(names).not.toContain('floor');
    const inUse = await expectScimError(
      await patch({ op: 'remove', path: 'attributes[name eq "costCode"]' }),
      400,
      'mutability',
    );
    expect(String(inUse['detail'])).toContain('Attribute is in Use');
    await expectScimError(
      await patch({ op: 'replace', path: 'attributes', value: { name: 'costCode', type: 'integer' } }),
      400,
      'mutability',
    );
    // a description edit changes no behaviour: allowed
    expect(
      (
        await patch({
          op: 'replace',
          path: 'attributes',
          value: attr('costCode', { description: 'Cost code' }),
        })
      ).status,
    ).toBe(204);
    await expectScimError(await put({ attributes: [] }), 400, 'mutability');
    await expectScimError(await s.scim(path, { method: 'DELETE' }), 400, 'mutability');
  });

  it('refuses malformed definitions with 400', async () => {
    await expectScimError(
      await patch({ op: 'add', path: 'attributes', value: { name: '9bad' } }),
      400,
      'invalidValue',
    );
    await expectScimError(
      await patch({ op: 'add', path: 'attributes', value: { name: 'x', type: 'complex' } }),
      400,
      'invalidValue',
    );
    await expectScimError(
      await patch({
        op: 'add',
        path: 'attributes',
        value: { name: 'x', multiValued: true, uniqueness: 'server' },
      }),
      400,
      'invalidValue',
    );
    await expectScimError(
      await patch({ op: 'add', path: 'attributes', value: { name: 'x', colour: 'red' } }),
      400,
      'invalidValue',
    );
    await expectScimError(await put({ name: 'x' }), 400, 'invalidValue');
    await expectScimError(
      await s.scim(`/Schemas/urn:ietf:params:scim:schemas:core:2.0:User`, { method: 'DELETE' }),
      405,
    );
  });

  it('DELETE works once no user holds a value, and the definition survives a restart', async () => {
    // survive a restart: same data directory
    const dataDir = s.dataDir;
    await s.core.close();
    const { startScimDesk } = await import('../../server/app');
    const again = await startScimDesk({ dataDir, port: 0 });
    try {
      expect(again.tenant.customSchema?.attributes.map((a) => a.name)).toContain('costCode');
    } finally {
      await again.close();
    }
    s = await startTestServer({ profile: 'netskope', dataDir });
    const users = await json<ListBody>(await s.scim('/Users?count=200'));
    for (const u of users.Resources) await s.scim(`/Users/${String(u['id'])}`, { method: 'DELETE' });
    expect((await s.scim(path, { method: 'DELETE' })).status).toBe(204);
    await expectScimError(await s.scim(path), 404);
  });
});

describe('tenant custom schema (rfc profile)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ profile: 'rfc' });
  });
  afterAll(() => s.close());

  it('does not exist in the rfc profile', async () => {
    await expectScimError(await s.scim(path, { method: 'PUT', json: { attributes: [attr('a')] } }), 404);
    await expectScimError(await s.scim(path), 404);
  });
});
