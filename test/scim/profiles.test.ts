/**
 * The three tenant profiles side by side (docs/architecture.md "profile"; server/domain/profiles.ts): the same
 * requests against `netskope`, `netskope-legacy` and `rfc`, and what each one answers. Where they
 * differ, the Netskope behaviour is docs/netskope.md's and the rfc one is RFC 7643/7644's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileName } from '../../server/admin/contract';
import { startTestServer, type TestServer } from '../support/scim-server';
import {
  ENTERPRISE_URN,
  GROUP_URN,
  json,
  oktaUser,
  patchOp,
  USER_URN,
  type Json,
} from '../support/scim-client';

interface Observed {
  createUser: number;
  patchUser: [number, 'empty' | 'resource'];
  patchGroup: [number, 'empty' | 'resource'];
  errorContentType: string;
  errorFields: string[];
  groupGetHasMembers: boolean;
  groupGetAttributesMembers: boolean;
  groupListHasMembers: boolean;
  createdGroupHasMembers: boolean;
  userHasGroups: boolean;
  /** attributes kept from a create carrying title, displayName and the enterprise department */
  optionalKept: string[];
  userNameChange: 'applied' | 'ignored';
  emailChange: 'applied' | 'ignored';
  createWithoutEmail: number;
  deleteUser: number;
}

// Each row cites why: docs/netskope.md §4/§8 (PATCH 204), §10 (description, application/json),
// §6 (members with attributes=members), §5.1 (no groups, primary email), §5.3 (opt-in
// attributes), §8.1 (legacy identity); RFC 7644 §3.5.2 (200 + resource), RFC 7643 §4.1.2, §4.2.
const EXPECTED: Record<ProfileName, Observed> = {
  netskope: {
    createUser: 201,
    patchUser: [204, 'empty'],
    patchGroup: [204, 'empty'],
    errorContentType: 'application/json; charset=utf-8',
    errorFields: ['description', 'detail', 'schemas', 'status'],
    groupGetHasMembers: false,
    groupGetAttributesMembers: true,
    groupListHasMembers: false,
    createdGroupHasMembers: true,
    userHasGroups: false,
    optionalKept: [],
    userNameChange: 'applied',
    emailChange: 'applied',
    createWithoutEmail: 400,
    deleteUser: 204,
  },
  'netskope-legacy': {
    createUser: 201,
    patchUser: [204, 'empty'],
    patchGroup: [204, 'empty'],
    errorContentType: 'application/json; charset=utf-8',
    errorFields: ['description', 'detail', 'schemas', 'status'],
    groupGetHasMembers: false,
    groupGetAttributesMembers: true,
    groupListHasMembers: false,
    createdGroupHasMembers: true,
    userHasGroups: false,
    optionalKept: [],
    userNameChange: 'ignored',
    emailChange: 'ignored',
    createWithoutEmail: 400,
    deleteUser: 204,
  },
  rfc: {
    createUser: 201,
    patchUser: [200, 'resource'],
    patchGroup: [200, 'resource'],
    errorContentType: 'application/scim+json; charset=utf-8',
    errorFields: ['detail', 'schemas', 'status'],
    groupGetHasMembers: true,
    groupGetAttributesMembers: true,
    groupListHasMembers: true,
    createdGroupHasMembers: true,
    userHasGroups: true,
    optionalKept: ['department', 'displayName', 'title'],
    userNameChange: 'applied',
    emailChange: 'applied',
    createWithoutEmail: 201,
    deleteUser: 204,
  },
};

async function observe(s: TestServer): Promise<Observed> {
  const replyShape = async (res: Response): Promise<[number, 'empty' | 'resource']> => {
    const text = await res.text();
    return [res.status, text === '' ? 'empty' : 'resource'];
  };
  const created = await s.scim('/Users', {
    method: 'POST',
    json: oktaUser('profile.user@example.com', {
      schemas: [USER_URN, ENTERPRISE_URN],
      title: 'Engineer',
      [ENTERPRISE_URN]: { department: 'Sales' },
    }),
  });
  const user = await json(created);
  const id = user['id'] as string;
  const optionalKept = [
    ...(['title', 'displayName'] as const).filter((k) => k in user),
    ...('department' in ((user[ENTERPRISE_URN] as Json | undefined) ?? {}) ? ['department'] : []),
  ].sort();

  const groupRes = await s.scim('/Groups', {
    method: 'POST',
    json: { schemas: [GROUP_URN], displayName: 'profile group', members: [{ value: id }] },
  });
  const group = await json(groupRes);
  const gid = group['id'] as string;

  const patchUser = await replyShape(
    await s.scim(`/Users/${id}`, {
      method: 'PATCH',
      json: patchOp(
        { op: 'replace', path: 'userName', value: 'profile.renamed@example.com' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'profile.renamed@example.com' },
      ),
    }),
  );
  const patchGroup = await replyShape(
    await s.scim(`/Groups/${gid}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', value: { id: gid, displayName: 'profile group 2' } }),
    }),
  );
  const after = await json(await s.scim(`/Users/${id}`));
  const error = await s.scim(`/Users/${crypto.randomUUID()}`);
  const errorBody = await json(error);
  const list = await json<{ Resources: Json[] }>(await s.scim('/Groups'));
  const noEmail = await s.scim('/Users', {
    method: 'POST',
    json: { userName: 'profile.noemail@example.com' },
  });

  return {
    createUser: created.status,
    patchUser,
    patchGroup,
    errorContentType: error.headers.get('content-type') ?? '',
    errorFields: Object.keys(errorBody).sort(),
    groupGetHasMembers: 'members' in (await json(await s.scim(`/Groups/${gid}`))),
    groupGetAttributesMembers: 'members' in (await json(await s.scim(`/Groups/${gid}?attributes=members`))),
    groupListHasMembers: list.Resources.some((g) => 'members' in g),
    createdGroupHasMembers: 'members' in group,
    userHasGroups: 'groups' in after,
    optionalKept,
    userNameChange: after['userName'] === 'profile.renamed@example.com' ? 'applied' : 'ignored',
    emailChange:
      (after['emails'] as Json[])[0]?.['value'] === 'profile.renamed@example.com' ? 'applied' : 'ignored',
    createWithoutEmail: noEmail.status,
    deleteUser: (await s.scim(`/Users/${id}`, { method: 'DELETE' })).status,
  };
}

describe('profiles side by side', () => {
  const servers = new Map<ProfileName, TestServer>();
  beforeAll(async () => {
    for (const p of ['netskope', 'netskope-legacy', 'rfc'] as const)
      servers.set(p, await startTestServer({ profile: p }));
  });
  afterAll(async () => {
    for (const s of servers.values()) await s.close();
  });

  for (const profile of ['netskope', 'netskope-legacy', 'rfc'] as const) {
    it(`${profile}: answers the same requests as its column says`, async () => {
      expect(await observe(servers.get(profile) as TestServer)).toEqual(EXPECTED[profile]);
    });
  }

  it('rfc: user groups carry value, display, $ref and type "direct" (RFC 7643 §4.1.2)', async () => {
    const s = servers.get('rfc') as TestServer;
    const u = await json(
      await s.scim('/Users', { method: 'POST', json: oktaUser('rfc.member@example.com') }),
    );
    const g = await json(
      await s.scim('/Groups', {
        method: 'POST',
        json: { schemas: [GROUP_URN], displayName: 'rfc group', members: [{ value: u['id'] }] },
      }),
    );
    const again = await json(await s.scim(`/Users/${u['id'] as string}`));
    expect(again['groups']).toEqual([
      { value: g['id'], display: 'rfc group', $ref: `${s.base}/Groups/${g['id'] as string}`, type: 'direct' },
    ]);
  });

  it('the profile is switched live through settings, without a restart', async () => {
    const s = servers.get('netskope') as TestServer;
    const u = await json(
      await s.scim('/Users', { method: 'POST', json: oktaUser('live.switch@example.com') }),
    );
    const patch = (): Promise<Response> =>
      s.scim(`/Users/${u['id'] as string}`, {
        method: 'PATCH',
        json: patchOp({ op: 'replace', path: 'active', value: false }),
      });
    expect((await patch()).status).toBe(204);
    await s.core.updateSettings({ profile: 'rfc' });
    try {
      const res = await patch();
      expect(res.status).toBe(200);
      expect((await json(res))['active']).toBe(false);
    } finally {
      await s.core.updateSettings({ profile: 'netskope' });
    }
    expect((await patch()).status).toBe(204);
  });
});
