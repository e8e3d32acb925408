/**
 * What a Netskope tenant stores and returns (docs/netskope.md §5, §6, §12, "Emulator
 * requirements"): opt-in attributes enabled through PATCH /Schemas (ignored and recorded until
 * then), no `groups` on users, group members only with attributes=members, /Schemas paged with
 * offset/limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUser,
  ENTERPRISE_URN,
  expectScimError,
  json,
  patchOp,
  USER_URN,
  type Json,
  type ListBody,
} from '../support/scim-client';

const enable = (name: string): Json => patchOp({ op: 'add', path: 'attributes', value: { name } });

describe('Netskope tenant: stored attributes and visibility', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const lastLog = () => s.core.log.query({ limit: 1 })[0];

  it('enterprise department is ignored, and recorded as a warning, until enabled through PATCH /Schemas', async () => {
    const body = {
      schemas: [USER_URN, ENTERPRISE_URN],
      userName: 'dept.before@example.com',
      emails: [{ value: 'dept.before@example.com', primary: true }],
      title: 'Engineer',
      [ENTERPRISE_URN]: { department: 'Sales' },
    };
    const before = await createUser(s, 'dept.before@example.com', body);
    expect(before).not.toHaveProperty(ENTERPRISE_URN);
    expect(before).not.toHaveProperty('title');
    expect(before['schemas']).toEqual([USER_URN]);
    const warnings = lastLog()?.warnings.join('\n') ?? '';
    expect(warnings).toContain(`${ENTERPRISE_URN}:department`);
    expect(warnings).toContain('title');

    const res = await s.scim(`/Schemas/${ENTERPRISE_URN}`, { method: 'PATCH', json: enable('department') });
    expect(res.status).toBe(204);
    expect(s.core.settings().enabledAttributes).toContain('department');
    const after = await createUser(s, 'dept.after@example.com', {
      ...body,
      userName: 'dept.after@example.com',
    });
    expect(after[ENTERPRISE_URN]).toEqual({ department: 'Sales' });
    expect(after['schemas']).toEqual([USER_URN, ENTERPRISE_URN]);
    expect(lastLog()?.warnings.join('\n')).not.toContain('department');
    // …and the enabled attribute is now described by /Schemas
    const schema = await json(await s.scim(`/Schemas/${ENTERPRISE_URN}`));
    expect((schema['attributes'] as Json[]).map((a) => a['name'])).toEqual(['department']);
  });

  it('core extras (title, displayName) follow the same switch on the core User schema', async () => {
    expect((await s.scim(`/Schemas/${USER_URN}`, { method: 'PATCH', json: enable('title') })).status).toBe(
      204,
    );
    const u = await createUser(s, 'title.user@example.com', { title: 'Engineer', displayName: 'Title User' });
    expect(u['title']).toBe('Engineer');
    expect(u).not.toHaveProperty('displayName');
    const remove = patchOp({ op: 'remove', path: 'attributes[name eq "title"]' });
    expect((await s.scim(`/Schemas/${USER_URN}`, { method: 'PATCH', json: remove })).status).toBe(204);
    expect(await createUser(s, 'title.off@example.com', { title: 'Engineer' })).not.toHaveProperty('title');
  });

  it('PATCH /Schemas refuses attributes that cannot be enabled (400) and schemas that have none (404)', async () => {
    await expectScimError(
      await s.scim(`/Schemas/${ENTERPRISE_URN}`, { method: 'PATCH', json: enable('shoeSize') }),
      400,
    );
    await expectScimError(
      await s.scim('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group', {
        method: 'PATCH',
        json: enable('x'),
      }),
      404,
    );
    await expectScimError(
      await s.scim(`/Schemas/${USER_URN}`, { method: 'PATCH', json: { Operations: [] } }),
      400,
    );
  });

  it('users carry no groups attribute, even when they are members (§5.1)', async () => {
    const u = await createUser(s, 'member.user@example.com');
    await createGroup(s, 'visible group', [{ value: u['id'] as string }]);
    const one = await json(await s.scim(`/Users/${u['id'] as string}`));
    expect(one).not.toHaveProperty('groups');
    const listed = await json<ListBody>(await s.scim('/Users?count=200'));
    for (const r of listed.Resources) expect(r).not.toHaveProperty('groups');
    // asking for it explicitly changes nothing: Netskope has no such attribute
    expect(await json(await s.scim(`/Users/${u['id'] as string}?attributes=groups`))).not.toHaveProperty(
      'groups',
    );
  });

  it('group members only with attributes=members; excludedAttributes=members honoured; lists omit members (§6)', async () => {
    const u = await createUser(s, 'visible.member@example.com');
    const g = await createGroup(s, 'members visibility', [{ value: u['id'] as string }]);
    const id = g['id'] as string;
    const plain = await json(await s.scim(`/Groups/${id}`));
    expect(plain).not.toHaveProperty('members');
    expect(plain).toMatchObject({ id, displayName: 'members visibility' });
    const withMembers = await json(await s.scim(`/Groups/${id}?attributes=members`));
    expect(withMembers['members']).toEqual([
      {
        value: u['id'],
        display: 'visible.member@example.com',
        $ref: `${s.base}/Users/${u['id'] as string}`,
        type: 'User',
      },
    ]);
    expect(withMembers['id']).toBe(id);
    expect(await json(await s.scim(`/Groups/${id}?excludedAttributes=members`))).not.toHaveProperty(
      'members',
    );
    const listed = await json<ListBody>(await s.scim('/Groups'));
    for (const r of listed.Resources) {
      expect(r).not.toHaveProperty('members');
      expect(r).toHaveProperty('id');
      expect(r).toHaveProperty('displayName');
    }
  });

  it('/Schemas pages with offset and limit (1–10); out-of-range values are 400 (§4)', async () => {
    const all = await json<ListBody>(await s.scim('/Schemas'));
    expect(all.totalResults).toBeGreaterThanOrEqual(3);
    const ids = all.Resources.map((r) => r['id']);
    expect(ids).toEqual(
      expect.arrayContaining([USER_URN, ENTERPRISE_URN, 'urn:ietf:params:scim:schemas:core:2.0:Group']),
    );
    const first = await json<ListBody>(await s.scim('/Schemas?offset=0&limit=1'));
    expect(first.Resources.map((r) => r['id'])).toEqual([ids[0]]);
    expect(first.itemsPerPage).toBe(1);
    const second = await json<ListBody>(await s.scim('/Schemas?offset=1&limit=2'));
    expect(second.Resources.map((r) => r['id'])).toEqual(ids.slice(1, 3));
    expect(second.startIndex).toBe(2);
    expect((await json<ListBody>(await s.scim(`/Schemas?offset=${ids.length}&limit=10`))).Resources).toEqual(
      [],
    );
    for (const q of ['limit=0', 'limit=11', 'offset=-1', 'offset=abc', 'limit=2.5']) {
      await expectScimError(await s.scim(`/Schemas?${q}`), 400);
    }
  });

  it('ResourceTypes/User advertises only extensions it serves: enterprise, and the tenant schema once created (§5.2, issue 15)', async () => {
    const rt = await json(await s.scim('/ResourceTypes/User'));
    // The netskope extension has no documented attribute and the tenant schema does not exist
    // yet: a strict client must not be told about schemas it cannot use (docs/schemas.md).
    expect(rt['schemaExtensions']).toEqual([{ schema: ENTERPRISE_URN, required: false }]);
    await expectScimError(await s.scim('/ResourceTypes/Device'), 404);
  });

  it('a missing email type defaults to "work"; only name.givenName and familyName are kept (§5.1)', async () => {
    const u = await createUser(s, 'defaults.user@example.com', {
      emails: [{ value: 'defaults.user@example.com', primary: true }],
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace', middleName: 'King' },
    });
    expect(u['emails']).toEqual([{ value: 'defaults.user@example.com', primary: true, type: 'work' }]);
    expect(u['name']).toEqual({ givenName: 'Ada', familyName: 'Lovelace' });
    expect(lastLog()?.warnings.join('\n')).toMatch(/name\.formatted/);
  });
});
