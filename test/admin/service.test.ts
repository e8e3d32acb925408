/**
 * The admin service (server/admin/service.ts) over a real core: real SCIM listener on
 * 127.0.0.1:0, real sql.js store in a temp dir, Okta-shaped traffic (docs/okta.md §2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminError } from '../../server/admin/admin-error';
import type { AdminEvent } from '../../server/admin/contract';
import { localAdminClient } from '../../server/admin/invoke';
import { OKTA_ACTIONS, OKTA_ACTION_LABELS } from '../../server/domain/okta-action';
import { CUSTOM_ATTRIBUTE_CHOICES } from '../../server/domain/schema/custom-attributes';
import { OPT_IN_ATTRIBUTES, SETTINGS_LIMITS } from '../../server/domain/settings';
import type { AdminApi } from '../../server/admin/methods';
import { createAdminService, normalizePublicUrl, type AdminService } from '../../server/admin/service';
import { startTestServer, type TestServer } from '../support/scim-server';

let srv: TestServer;
let service: AdminService;
/** the service as the bindings call it: every input validated first */
let admin: AdminApi;
const events: AdminEvent[] = [];
const waiters: { pred: (e: AdminEvent) => boolean; resolve: (e: AdminEvent) => void }[] = [];

/** Resolves with the first event (already seen or future) matching `pred`. */
function eventMatching<T extends AdminEvent>(pred: (e: AdminEvent) => boolean, since = 0): Promise<T> {
  const seen = events.slice(since).find(pred);
  if (seen) return Promise.resolve(seen as T);
  return new Promise((resolve) => waiters.push({ pred, resolve: resolve as (e: AdminEvent) => void }));
}

const OKTA = { 'user-agent': 'Okta SCIM Client 1.0.0' };
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function oktaUser(n: number): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `user${n}@okta.local`,
    name: { givenName: `Given${n}`, familyName: `Family${n}` },
    emails: [{ primary: true, value: `user${n}@okta.local`, type: 'work' }],
    displayName: `Given${n} Family${n}`,
    externalId: `00u${n}`,
    groups: [],
    password: 'placeholder-pw',
    active: true,
  };
}

beforeAll(async () => {
  srv = await startTestServer();
  service = createAdminService(srv.core);
  admin = localAdminClient(service);
  service.subscribe((e) => {
    events.push(e);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w?.pred(e)) {
        waiters.splice(i, 1);
        w.resolve(e);
      }
    }
  });
});
afterAll(async () => {
  service?.dispose();
  await srv?.close();
});

describe('info and settings', () => {
  it('describes the server', async () => {
    const info = await admin.info();
    expect(info.scimBaseUrl).toBe(srv.base);
    expect(info.scimBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/scim$/);
    expect(info.legacyBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/SCIM\/V2\/[A-Za-z0-9]{20}$/);
    expect(info).toMatchObject({
      profile: 'netskope',
      mode: 'headless',
      storeHealth: 'ok',
      publicBaseUrl: null,
    });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('turns the public tunnel URL into the Okta Base URL', async () => {
    const s = await admin.updateSettings({ publicUrl: 'https://calm-river.trycloudflare.com/' });
    expect(s.publicUrl).toBe('https://calm-river.trycloudflare.com');
    expect((await admin.info()).publicBaseUrl).toBe('https://calm-river.trycloudflare.com/api/v2/scim');
    await eventMatching((e) => e.type === 'settings-changed');
    await admin.updateSettings({ publicUrl: null });
    expect((await admin.info()).publicBaseUrl).toBeNull();
  });

  it.each([
    ['http://insecure.example', /https/],
    ['https://my_tunnel.ngrok.app', /_/],
    ['https://user:pw@x.example', /credentials/],
    ['not a url', /not a URL/],
  ])('rejects the public URL %s as Okta would', async (url, message) => {
    await expect(admin.updateSettings({ publicUrl: url })).rejects.toThrow(message);
    await expect(admin.updateSettings({ publicUrl: url })).rejects.toBeInstanceOf(AdminError);
  });

  it('normalizes an empty public URL to null', () => {
    expect(normalizePublicUrl('  ')).toBeNull();
  });

  it('reports the listener facts with the stored settings', async () => {
    const s = await admin.getSettings();
    expect(s).toMatchObject({ scimHost: '127.0.0.1', dataDir: srv.dataDir, profile: 'netskope' });
    expect(s.scimPort).toBe(Number(new URL(srv.base).port));
  });

  it('carries the bounds and the opt-in attributes the form shows, from the one source', async () => {
    const s = await admin.getSettings();
    expect(s.limits).toEqual(SETTINGS_LIMITS);
    expect(s.optInAttributes).toEqual(OPT_IN_ATTRIBUTES);
    expect(s.optInAttributes.map((a) => a.value)).toContain('employeeNumber');
    // the bounds shown are the bounds enforced
    const over = s.limits.ratePerSecond.max + 1;
    await expect(
      admin.updateSettings({ rateLimit: { enabled: true, perSecond: over } }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('carries the Okta action labels and the custom attribute choices, so the console keeps no copy', async () => {
    const s = await admin.getSettings();
    // every action, in the classifier's order, with the words the activity feed and report use
    expect(s.oktaActions.map((a) => a.id)).toEqual([...OKTA_ACTIONS]);
    for (const a of s.oktaActions) expect(a.label).toBe(OKTA_ACTION_LABELS[a.id]);
    expect(s.oktaActions.find((a) => a.id === 'members-replace')?.label).toBe(
      'Membership replace (Push Now)',
    );
    // the choices offered are the values the tenant accepts, defaults first
    expect(s.customAttributeChoices).toEqual(CUSTOM_ATTRIBUTE_CHOICES);
    expect(s.customAttributeChoices.type[0]).toBe('string');
    expect(s.customAttributeChoices.uniqueness).toEqual(['none', 'server', 'global']);
    expect(s.customAttributeChoices.returned[0]).toBe('default');
    expect(s.customAttributeChoices.mutability[0]).toBe('readWrite');
  });
});

describe('tokens', () => {
  it('pushes the token list, last-used time included, after a SCIM request with the token', async () => {
    const t = await admin.createToken({ clientName: 'Okta staging' });
    const mark = events.length;
    expect((await srv.scim('/Users', { headers: { authorization: `Bearer ${t.token}` } })).status).toBe(200);
    const pushed = await eventMatching<Extract<AdminEvent, { type: 'tokens-changed' }>>(
      (e) =>
        e.type === 'tokens-changed' && e.tokens.some((x) => x.scimId === t.scimId && x.lastUsedTime !== null),
      mark,
    );
    const row = pushed.tokens.find((x) => x.scimId === t.scimId);
    expect(row).toEqual((await admin.listTokens()).find((x) => x.scimId === t.scimId));
    expect(row).not.toHaveProperty('token');
    await admin.revokeToken({ scimId: t.scimId });
    await eventMatching(
      (e) => e.type === 'tokens-changed' && !e.tokens.some((x) => x.scimId === t.scimId),
      mark,
    );
  });

  it('creates a token shown once, usable at once, revocable at once', async () => {
    const t = await admin.createToken({ clientName: 'Okta production' });
    expect(Buffer.from(t.token, 'base64url')).toHaveLength(32);
    expect(t.tokenPrefix).toBe(t.token.slice(0, t.tokenPrefix.length));
    const listed = (await admin.listTokens()).find((x) => x.scimId === t.scimId);
    expect(listed).toMatchObject({ scimId: t.scimId, clientName: 'Okta production', lastUsedTime: null });
    expect(listed).not.toHaveProperty('token');
    const r = await srv.scim('/Users?startIndex=1&count=2', {
      headers: { authorization: `Bearer ${t.token}`, ...OKTA },
    });
    expect(r.status).toBe(200);
    expect((await admin.listTokens()).find((x) => x.scimId === t.scimId)?.lastUsedTime).not.toBeNull();
    await admin.revokeToken({ scimId: t.scimId });
    const after = await srv.scim('/Users?startIndex=1&count=2', {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(after.status).toBe(401);
    await expect(admin.revokeToken({ scimId: t.scimId })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('an Okta push, seen from the console', () => {
  let userId = '';
  let groupId = '';

  it('Test API Credentials ticks the checklist', async () => {
    const r = await srv.scim('/Users?startIndex=1&count=2', { headers: OKTA });
    expect(r.status).toBe(200);
    const ev = await eventMatching<Extract<AdminEvent, { type: 'checklist' }>>(
      (e) => e.type === 'checklist' && e.steps.some((s) => s.id === 'credentials-tested' && s.done),
    );
    const step = ev.steps.find((s) => s.id === 'credentials-tested');
    expect(step?.logIds.length).toBeGreaterThan(0);
    expect((await admin.checklist()).find((s) => s.id === 'token-created')?.done).toBe(true);
  });

  it('a created user appears in listUsers, with a log event and a users-changed event', async () => {
    const mark = events.length;
    const r = await srv.scim('/Users', { method: 'POST', json: oktaUser(1), headers: OKTA });
    expect(r.status).toBe(201);
    userId = ((await r.json()) as { id: string }).id;
    const changed = await eventMatching<Extract<AdminEvent, { type: 'users-changed' }>>(
      (e) => e.type === 'users-changed' && e.rows.some((u) => u.id === userId),
      mark,
    );
    // the event carries the row as the Users table shows it: the same as listUsers returns
    const listed = (await admin.listUsers({ filter: `id eq "${userId}"` })).items[0];
    expect(changed.rows.find((u) => u.id === userId)).toEqual(listed);
    const log = await eventMatching<Extract<AdminEvent, { type: 'log' }>>(
      (e) => e.type === 'log' && e.entry.method === 'POST',
      mark,
    );
    expect(log.entry.resources.some((x) => x.id === userId)).toBe(true);
    const page = await admin.listUsers({ search: 'user1@okta' });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: userId,
      userName: 'user1@okta.local',
      active: true,
      externalId: '00u1',
    });
  });

  it('user detail: raw SCIM JSON without the password, the requests that touched it', async () => {
    const d = await admin.getUser({ id: userId });
    expect(d.resource).toMatchObject({ id: userId, userName: 'user1@okta.local' });
    expect(JSON.stringify(d.resource)).not.toContain('placeholder-pw');
    expect(d.requests.some((x) => x.method === 'POST')).toBe(true);
    await expect(admin.getUser({ id: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('search, filter, sort and paging run server-side', async () => {
    for (let n = 2; n <= 5; n++) {
      expect((await srv.scim('/Users', { method: 'POST', json: oktaUser(n) })).status).toBe(201);
    }
    expect((await admin.listUsers({ filter: 'userName sw "user3"' })).items.map((u) => u.userName)).toEqual([
      'user3@okta.local',
    ]);
    const desc = await admin.listUsers({ sortBy: 'userName', sortOrder: 'descending', limit: 2, offset: 1 });
    expect(desc.total).toBe(5);
    expect(desc.items.map((u) => u.userName)).toEqual(['user4@okta.local', 'user3@okta.local']);
    expect((await admin.listUsers({ search: '00u4' })).items).toHaveLength(1);
    expect((await admin.listUsers({ search: 'quote"and\\slash' })).total).toBe(0);
    await expect(admin.listUsers({ filter: 'userName eq' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('deactivation (PATCH active=false) shows in the row and ticks the checklist', async () => {
    const r = await srv.scim(`/Users/${userId}`, {
      method: 'PATCH',
      json: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
      headers: OKTA,
    });
    expect(r.status).toBe(204);
    expect((await admin.getUser({ id: userId })).active).toBe(false);
    await eventMatching(
      (e) => e.type === 'checklist' && e.steps.some((s) => s.id === 'user-deactivated' && s.done),
    );
  });

  it('a pushed group with members: counts, member list, member search', async () => {
    const r = await srv.scim('/Groups', {
      method: 'POST',
      json: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Engineering',
        members: [],
      },
    });
    expect(r.status).toBe(201);
    groupId = ((await r.json()) as { id: string }).id;
    const users = await admin.listUsers({});
    const p = await srv.scim(`/Groups/${groupId}`, {
      method: 'PATCH',
      json: {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'add',
            path: 'members',
            value: users.items.map((u) => ({ value: u.id, display: u.userName })),
          },
          { op: 'add', path: 'members', value: [{ value: 'not-a-user', display: 'ghost@okta.local' }] },
        ],
      },
    });
    expect(p.status).toBe(204);
    const groups = await admin.listGroups({ search: 'engin' });
    expect(groups.items[0]).toMatchObject({ id: groupId, memberCount: 5 });
    // the live event carries the group's row with its new counts, as listGroups shows it
    const changed = await eventMatching<Extract<AdminEvent, { type: 'groups-changed' }>>(
      (e) => e.type === 'groups-changed' && e.rows.some((g) => g.id === groupId && g.memberCount === 5),
    );
    expect(changed.rows.find((g) => g.id === groupId)).toEqual(groups.items[0]);
    expect(groups.items[0]?.warningCount).toBeGreaterThan(0);
    const detail = await admin.getGroup({ id: groupId });
    expect(detail.warnings.some((w) => w.value === 'not-a-user')).toBe(true);
    expect((detail.resource['members'] as unknown[]).length).toBe(5);
    const members = await admin.listGroupMembers({ id: groupId, search: 'user2', limit: 10 });
    expect(members.items.map((m) => m.userName)).toEqual(['user2@okta.local']);
    await expect(admin.listGroupMembers({ id: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    const steps = await admin.checklist();
    expect(steps.find((s) => s.id === 'group-pushed')?.done).toBe(true);
    expect(steps.find((s) => s.id === 'group-members')?.done).toBe(true);
  });
});

describe('request log', () => {
  it('queries, reads, exports and clears', async () => {
    const rows = await admin.queryLog({ methods: ['POST'], resourceType: 'User' });
    expect(rows.length).toBeGreaterThan(0);
    const first = rows[0];
    if (!first) throw new Error('no rows');
    const entry = await admin.getLogEntry({ id: first.id });
    expect(entry.requestBody).not.toContain('placeholder-pw');
    expect(JSON.stringify(entry.requestHeaders)).not.toContain('test-token');
    const csv = await admin.exportLog({ format: 'csv', methods: ['POST'] });
    expect(csv.split('\r\n')[0]).toContain('method');
    await expect(admin.getLogEntry({ id: 'missing' })).rejects.toMatchObject({ code: 'not-found' });
    const mark = events.length;
    await admin.clearLog();
    await eventMatching((e) => e.type === 'log-cleared', mark);
    expect(await admin.queryLog({})).toEqual([]);
    const steps = await admin.checklist();
    expect(steps.filter((s) => s.done).map((s) => s.id)).toEqual(['token-created']);
  });
});
