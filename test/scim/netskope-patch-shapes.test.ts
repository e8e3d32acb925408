/**
 * PATCH bodies seen in Netskope's Swagger and in public Netskope-related code (docs/netskope.md
 * §8.1 user paths, spelled in lower case as the Swagger enum does; §8.2 group value shapes), and
 * the legacy (G1) profile that accepts but ignores userName and email changes (§8.1, §17.2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUser,
  createUsers,
  json,
  memberIds,
  oktaUser,
  patchOp,
  type Json,
} from '../support/scim-client';

describe('Netskope PATCH shapes (docs/netskope.md §8)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const patch = async (path: string, ...ops: Json[]): Promise<void> => {
    const res = await s.scim(path, { method: 'PATCH', json: patchOp(...ops) });
    expect(res.status, await res.text()).toBe(204);
  };

  it('§8.1 user paths: userName, active, emails[type eq "work"].value, externalid, name.givenname, name.familyname', async () => {
    const u = await createUser(s, 'shape.user@example.com');
    const id = u['id'] as string;
    await patch(
      `/Users/${id}`,
      { op: 'replace', path: 'userName', value: 'shape.renamed@example.com' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'shape.renamed@example.com' },
      { op: 'replace', path: 'name.givenname', value: 'Shape' },
      { op: 'add', path: 'name.familyname', value: 'Shifter' },
      { op: 'replace', path: 'externalid', value: 'User-Ext_id' },
      { op: 'replace', path: 'active', value: false },
    );
    expect(await json(await s.scim(`/Users/${id}`))).toMatchObject({
      userName: 'shape.renamed@example.com',
      emails: [{ value: 'shape.renamed@example.com', type: 'work', primary: true }],
      name: { givenName: 'Shape', familyName: 'Shifter' },
      externalId: 'User-Ext_id',
      active: false,
    });
    await patch(
      `/Users/${id}`,
      { op: 'remove', path: 'externalid' },
      { op: 'remove', path: 'name.givenName' },
    );
    const after = await json(await s.scim(`/Users/${id}`));
    expect(after).not.toHaveProperty('externalId');
    expect(after['name']).toEqual({ givenName: '', familyName: 'Shifter' });
  });

  it('§8.2 add: {"value":[{"value":uid}]} and the Swagger\'s single nested {"value":{"value":uid}}', async () => {
    const [a, b] = await createUsers(s, 'add', 2);
    const g = await createGroup(s, 'add shapes');
    const id = g['id'] as string;
    await patch(`/Groups/${id}`, { op: 'add', path: 'members', value: [{ value: a }] });
    await patch(`/Groups/${id}`, { op: 'add', path: 'members', value: { value: b } });
    expect(await memberIds(s, id)).toEqual([a, b].sort());
  });

  it('§8.2 remove: value array, filtered path, and the {"value":{"value":{"value":uid}}} nesting with "Remove"', async () => {
    const [a, b, c] = await createUsers(s, 'rm', 3);
    const g = await createGroup(s, 'remove shapes', [
      { value: a as string },
      { value: b as string },
      { value: c as string },
    ]);
    const id = g['id'] as string;
    await patch(`/Groups/${id}`, { op: 'remove', path: 'members', value: [{ value: a }] });
    expect(await memberIds(s, id)).toEqual([b, c].sort());
    await patch(`/Groups/${id}`, { op: 'remove', path: `members[value eq "${b as string}"]` });
    expect(await memberIds(s, id)).toEqual([c]);
    await patch(`/Groups/${id}`, { op: 'Remove', path: 'members', value: { value: { value: c } } });
    expect(await memberIds(s, id)).toEqual([]);
  });

  it('§8.2 replace: lower-case displayname path, members list, [] clears, Okta rename form', async () => {
    const [a, b] = await createUsers(s, 'rep', 2);
    const g = await createGroup(s, 'replace shapes', [{ value: a as string }]);
    const id = g['id'] as string;
    await patch(`/Groups/${id}`, { op: 'replace', path: 'displayname', value: 'replace shapes 2' });
    await patch(`/Groups/${id}`, { op: 'replace', path: 'members', value: [{ value: b }] });
    expect(await memberIds(s, id)).toEqual([b]);
    await patch(`/Groups/${id}`, { op: 'replace', value: { id, displayName: 'replace shapes 3' } });
    expect((await json(await s.scim(`/Groups/${id}`)))['displayName']).toBe('replace shapes 3');
    expect(await memberIds(s, id)).toEqual([b]);
    await patch(`/Groups/${id}`, { op: 'replace', path: 'members', value: [] });
    expect(await memberIds(s, id)).toEqual([]);
  });

  it('§8.2 externalId: add, replace, remove with the lower-case externalid path', async () => {
    const g = await createGroup(s, 'external shapes');
    const id = g['id'] as string;
    await patch(`/Groups/${id}`, { op: 'add', path: 'externalid', value: 'Group-Ext_id' });
    expect((await json(await s.scim(`/Groups/${id}`)))['externalId']).toBe('Group-Ext_id');
    await patch(`/Groups/${id}`, { op: 'replace', path: 'externalId', value: 'Group-Ext_id-2' });
    expect((await json(await s.scim(`/Groups/${id}`)))['externalId']).toBe('Group-Ext_id-2');
    await patch(`/Groups/${id}`, { op: 'remove', path: 'externalid' });
    expect(await json(await s.scim(`/Groups/${id}`))).not.toHaveProperty('externalId');
  });
});

describe('netskope-legacy profile: userName and email changes accepted but ignored (§8.1)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ profile: 'netskope-legacy' });
  });
  afterAll(() => s.close());

  it('PATCH userName / emails and PUT with new ones keep the originals, with a warning; other fields change', async () => {
    const u = await createUser(s, 'legacy.user@example.com');
    const id = u['id'] as string;
    const res = await s.scim(`/Users/${id}`, {
      method: 'PATCH',
      json: patchOp(
        { op: 'replace', path: 'userName', value: 'legacy.new@example.com' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'legacy.new@example.com' },
        { op: 'replace', path: 'name.givenName', value: 'Changed' },
      ),
    });
    expect(res.status).toBe(204);
    const warnings = s.core.log.query({ limit: 1 })[0]?.warnings.join('\n') ?? '';
    expect(warnings).toMatch(/userName change ignored/);
    expect(warnings).toMatch(/email change ignored/);
    expect(await json(await s.scim(`/Users/${id}`))).toMatchObject({
      userName: 'legacy.user@example.com',
      emails: [{ value: 'legacy.user@example.com' }],
      name: { givenName: 'Changed' },
    });
    const put = await s.scim(`/Users/${id}`, {
      method: 'PUT',
      json: { ...oktaUser('legacy.put@example.com'), id, active: false },
    });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({
      userName: 'legacy.user@example.com',
      emails: [{ value: 'legacy.user@example.com' }],
      active: false,
    });
  });

  it('the stored userName still finds the user, the ignored one does not', async () => {
    const find = async (v: string): Promise<number> =>
      (
        (await json(await s.scim(`/Users?filter=${encodeURIComponent(`userName eq "${v}"`)}`))) as {
          totalResults: number;
        }
      ).totalResults;
    expect(await find('legacy.user@example.com')).toBe(1);
    expect(await find('legacy.new@example.com')).toBe(0);
    expect(await find('legacy.put@example.com')).toBe(0);
  });
});
