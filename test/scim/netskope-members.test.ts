/**
 * Group members a Netskope tenant cannot take (docs/netskope.md §6): unknown member ids are
 * dropped with a recorded warning ("provision users before pushing the group"), or refused in
 * strict mode; a group id as a member is refused (SCIM groups hold users only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUsers,
  expectScimError,
  GROUP_URN,
  json,
  memberIds,
  patchOp,
  type Json,
} from '../support/scim-client';

describe('Netskope tenant: unknown, nested and strict group members', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const lastLog = () => s.core.log.query({ limit: 1 })[0];
  const postGroup = (displayName: string, members: Json[]): Promise<Response> =>
    s.scim('/Groups', { method: 'POST', json: { schemas: [GROUP_URN], displayName, members } });
  const addMembers = (id: string, value: Json[]): Promise<Response> =>
    s.scim(`/Groups/${id}`, { method: 'PATCH', json: patchOp({ op: 'add', path: 'members', value }) });

  it('POST /Groups with an unknown member id: 201, the id dropped, a warning in the request log', async () => {
    const [a] = await createUsers(s, 'drop', 1);
    const ghost = crypto.randomUUID();
    const res = await postGroup('dropped on create', [
      { value: a },
      { value: ghost, display: 'not.provisioned@example.com' },
    ]);
    expect(res.status).toBe(201);
    const g = await json(res);
    expect((g['members'] as Json[]).map((m) => m['value'])).toEqual([a]);
    const warnings = lastLog()?.warnings.join('\n') ?? '';
    expect(warnings).toContain(ghost);
    expect(warnings).toContain('not.provisioned@example.com');
    expect(warnings).toMatch(/provision users before pushing the group/);
  });

  it('PATCH add with unknown ids: 204, known members added, unknown dropped and recorded', async () => {
    const [a, b] = await createUsers(s, 'dropp', 2);
    const g = await createGroup(s, 'dropped on patch');
    const ghosts = [crypto.randomUUID(), crypto.randomUUID()];
    const res = await addMembers(g['id'] as string, [
      { value: a },
      { value: ghosts[0] },
      { value: b },
      { value: ghosts[1] },
    ]);
    expect(res.status).toBe(204);
    expect(lastLog()?.warnings.join('\n')).toMatch(/2 member\(s\) dropped/);
    expect(await memberIds(s, g['id'] as string)).toEqual([a, b].sort());
  });

  it('strict mode (strictMembers): an unknown member id → 400, nothing applied', async () => {
    const [a] = await createUsers(s, 'strict', 1);
    const g = await createGroup(s, 'strict group');
    await s.core.updateSettings({ strictMembers: true });
    try {
      const ghost = crypto.randomUUID();
      const body = await expectScimError(
        await addMembers(g['id'] as string, [{ value: a }, { value: ghost }]),
        400,
      );
      expect(body['detail']).toContain(ghost);
      expect(await memberIds(s, g['id'] as string)).toEqual([]);
      await expectScimError(await postGroup('strict create', [{ value: ghost }]), 400);
      const none = await json<{ totalResults: number }>(
        await s.scim(`/Groups?filter=${encodeURIComponent('displayName eq "strict create"')}`),
      );
      expect(none.totalResults).toBe(0);
      expect((await addMembers(g['id'] as string, [{ value: a }])).status).toBe(204);
    } finally {
      await s.core.updateSettings({ strictMembers: false });
    }
    expect(await memberIds(s, g['id'] as string)).toEqual([a]);
  });

  it('a group id as a member → 400 (no nested groups), on POST, PATCH and PUT, in lenient mode too', async () => {
    const inner = await createGroup(s, 'inner group');
    const outer = await createGroup(s, 'outer group');
    const nested = [{ value: inner['id'], type: 'Group' }];
    await expectScimError(await postGroup('nested create', nested), 400, 'invalidValue');
    await expectScimError(await addMembers(outer['id'] as string, nested), 400, 'invalidValue');
    const put = await s.scim(`/Groups/${outer['id'] as string}`, {
      method: 'PUT',
      json: { schemas: [GROUP_URN], displayName: 'outer group', members: [{ value: inner['id'] }] },
    });
    await expectScimError(put, 400, 'invalidValue');
    expect(await memberIds(s, outer['id'] as string)).toEqual([]);
  });

  it('members that are not (yet) users do not appear in the group: only provisioned users are listed', async () => {
    const [a] = await createUsers(s, 'listed', 1);
    const res = await postGroup('provisioned only', [{ value: crypto.randomUUID() }, { value: a }]);
    const id = ((await json(res)) as Json)['id'] as string;
    const withMembers = await json(await s.scim(`/Groups/${id}?attributes=members`));
    expect((withMembers['members'] as Json[]).map((m) => m['value'])).toEqual([a]);
  });
});
