/**
 * Deleting a user takes it out of every group it was in: those groups changed, so the console
 * must hear about them (a groups-changed event) or its Groups screen keeps the old member
 * counts, and SCIM readers must see a new group version (RFC 7644 §3.14: the ETag changes
 * whenever the resource does). Real server on 127.0.0.1:0, real store in a temp dir.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminEvent } from '../../server/admin/contract';
import { createAdminService, type AdminService } from '../../server/admin/service';
import { startTestServer, type TestServer } from '../support/scim-server';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

let srv: TestServer;
let admin: AdminService;
const events: AdminEvent[] = [];

/** The ids a rows event names: the changed rows and the ones removed outright. */
const changedIds = (e: { rows: { id: string }[]; removed: string[] }): string[] => [
  ...e.rows.map((r) => r.id),
  ...e.removed,
];
const waiters: { pred: (e: AdminEvent) => boolean; resolve: () => void }[] = [];

function eventMatching(pred: (e: AdminEvent) => boolean, since: number): Promise<void> {
  if (events.slice(since).some(pred)) return Promise.resolve();
  return new Promise((resolve) => waiters.push({ pred, resolve }));
}

async function post(path: string, json: unknown): Promise<string> {
  const r = await srv.scim(path, { method: 'POST', json });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

const user = (n: number): Record<string, unknown> => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: `leaver${n}@okta.local`,
  name: { givenName: `G${n}`, familyName: `F${n}` },
  emails: [{ primary: true, value: `leaver${n}@okta.local`, type: 'work' }],
  active: true,
});

beforeAll(async () => {
  srv = await startTestServer();
  admin = createAdminService(srv.core);
  admin.subscribe((e) => {
    events.push(e);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w?.pred(e)) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  });
});
afterAll(async () => {
  admin?.dispose();
  await srv?.close();
});

describe('DELETE /Users/{id} and the groups the user was in', () => {
  it('emits groups-changed for each group the user left, with fresh counts and versions', async () => {
    const a = await post('/Users', user(1));
    const b = await post('/Users', user(2));
    const both = await post('/Groups', {
      schemas: [GROUP_URN],
      displayName: 'Leavers A',
      members: [{ value: a }, { value: b }],
    });
    const onlyA = await post('/Groups', {
      schemas: [GROUP_URN],
      displayName: 'Leavers B',
      members: [{ value: a }],
    });
    const untouched = await post('/Groups', { schemas: [GROUP_URN], displayName: 'Leavers C', members: [] });
    const etagBefore = (await srv.scim(`/Groups/${both}`)).headers.get('etag');
    // The creations' own groups-changed events are coalesced; let them out before the mark.
    await eventMatching((e) => e.type === 'groups-changed' && changedIds(e).includes(untouched), 0);

    const mark = events.length;
    expect((await srv.scim(`/Users/${a}`, { method: 'DELETE' })).status).toBe(204);
    // A later change to another group goes through the same coalescing queue, after the
    // delete's: once it is out, anything the delete announced is out too.
    const rename = await srv.scim(`/Groups/${untouched}`, {
      method: 'PATCH',
      json: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Leavers C2' }],
      },
    });
    expect(rename.status).toBe(204);
    await eventMatching((e) => e.type === 'groups-changed' && changedIds(e).includes(untouched), mark);

    const announced = events
      .slice(mark)
      .flatMap((e) => (e.type === 'groups-changed' ? changedIds(e) : []))
      .filter((id) => id !== untouched);
    expect(announced.sort()).toEqual([both, onlyA].sort());

    const rows = await admin.listGroups({ search: 'leavers', offset: 0, limit: 100 });
    const count = (id: string): number | undefined => rows.items.find((g) => g.id === id)?.memberCount;
    expect(count(both)).toBe(1);
    expect(count(onlyA)).toBe(0);

    const after = await srv.scim(`/Groups/${both}?attributes=members`);
    expect(after.headers.get('etag')).not.toBe(etagBefore);
    const members = ((await after.json()) as { members?: { value: string }[] }).members ?? [];
    expect(members.map((m) => m.value)).toEqual([b]);
  });
});
