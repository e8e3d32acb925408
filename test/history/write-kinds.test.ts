/**
 * History for every kind of write, over HTTP against the real server (docs/history.md): create,
 * PUT, each PATCH dialect, deactivate, reactivate, delete, membership add/remove/replace,
 * rename, ignored attributes and dropped members; a 1,000-member batch is one version; secrets
 * are in neither the database nor the journal bytes; history survives a restart.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Version } from '../../server/domain/history';
import { startTestServer, type TestServer } from '../support/scim-server';
import { addMembers, oktaGroup, oktaUser, pathlessReplace, PATCH_SCHEMA } from '../e2e/okta-bodies';

const SECRET = 'Hunter2-S3cret-in-every-write';
let srv: TestServer;

/** A write's own version, with the `ignored` warning versions it may add left aside. */
const main = (id: string): Version[] => history(id).filter((v) => v.kind !== 'ignored');
const history = (id: string): Version[] =>
  srv.core.store.engine.read((r) => srv.core.store.history.page(r, { resourceId: id, limit: 1000 })).versions;

async function call(
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<Record<string, unknown>> {
  const res = await srv.scim(path, init);
  if (res.status >= 300)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

async function newUser(name: string): Promise<string> {
  const u = await call('/Users', {
    method: 'POST',
    json: { ...oktaUser(name, 'A', 'B', `x-${name}`), password: SECRET },
  });
  return String(u['id']);
}

beforeAll(async () => {
  srv = await startTestServer();
}, 60_000);
afterAll(async () => {
  await srv.close();
});

describe('history of user writes', () => {
  let id = '';
  it('create: every attribute against nothing, the password only as [redacted]', async () => {
    id = await newUser('jane@example.com');
    const [v] = main(id);
    expect(v).toMatchObject({
      kind: 'create',
      resourceType: 'User',
      resourceName: 'jane@example.com',
      tokenName: 'bootstrap',
    });
    expect(v?.action).toBe('assign-create');
    expect(v?.requestId).toMatch(/^r/);
    expect(v?.diff).toContainEqual({ path: 'userName', old: null, new: 'jane@example.com' });
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });

  it('PUT: a replace with old → new values', async () => {
    const got = await call(`/Users/${id}`);
    await call(`/Users/${id}`, {
      method: 'PUT',
      json: { ...got, name: { givenName: 'Janet', familyName: 'B' }, password: SECRET },
    });
    const [v] = main(id);
    expect(v?.kind).toBe('replace');
    expect(v?.diff).toContainEqual({ path: 'name.givenName', old: 'A', new: 'Janet' });
  });

  it('PATCH dialects: path-scoped, path-less object value, capitalised ops (Entra)', async () => {
    await call(`/Users/${id}`, {
      method: 'PATCH',
      json: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'name.givenName', value: 'JB' }] },
    });
    expect(main(id)[0]).toMatchObject({
      kind: 'patch',
      diff: [{ path: 'name.givenName', old: 'Janet', new: 'JB' }],
    });
    await call(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ externalId: 'x-2' }) });
    expect(main(id)[0]).toMatchObject({
      kind: 'patch',
      diff: [{ path: 'externalId', old: 'x-jane@example.com', new: 'x-2' }],
    });
    await call(`/Users/${id}`, {
      method: 'PATCH',
      json: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'Replace', path: 'name.familyName', value: 'Doe' }],
      },
    });
    expect(main(id)[0]).toMatchObject({
      kind: 'patch',
      diff: [{ path: 'name.familyName', old: 'B', new: 'Doe' }],
    });
  });

  it('password push: recorded, never the value', async () => {
    await call(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ password: SECRET }) });
    const [v] = main(id);
    expect(v?.action).toBe('password-push');
    expect(v?.diff).toContainEqual({ path: 'password', old: null, new: '[redacted]' });
  });

  it('deactivate and reactivate are versions of their own', async () => {
    await call(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ active: false }) });
    expect(main(id)[0]).toMatchObject({
      kind: 'deactivate',
      action: 'deactivate',
      diff: [{ path: 'active', old: true, new: false }],
    });
    await call(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ active: true }) });
    expect(main(id)[0]).toMatchObject({ kind: 'reactivate', action: 'reactivate' });
  });

  it('ignored attributes are a version of their own', async () => {
    await call(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ title: 'CFO' }) });
    const kinds = history(id)
      .slice(0, 2)
      .map((v) => v.kind);
    expect(kinds).toContain('ignored');
    expect(
      history(id)
        .find((v) => v.kind === 'ignored')
        ?.diff.map((d) => d.path),
    ).toContain('title');
  });

  it('delete', async () => {
    const other = await newUser('gone@example.com');
    await call(`/Users/${other}`, { method: 'DELETE' });
    expect(main(other).map((v) => v.kind)).toEqual(['delete', 'create']);
  });
});

describe('history of group writes', () => {
  it('membership add, remove, replace, rename and dropped members; one version per batch', async () => {
    const u1 = await newUser('m1@example.com');
    const u2 = await newUser('m2@example.com');
    const g = String((await call('/Groups', { method: 'POST', json: oktaGroup('Finance') }))['id']);
    await call(`/Groups/${g}`, {
      method: 'PATCH',
      json: addMembers([
        { value: u1, display: 'm1@example.com' },
        { value: 'ghost', display: 'ghost@example.com' },
      ]),
    });
    const [dropped, added] = history(g);
    expect(added).toMatchObject({
      kind: 'members',
      action: 'members-add',
      membersAddedCount: 1,
      membersAdded: [{ id: u1, display: 'm1@example.com' }],
    });
    expect(dropped).toMatchObject({
      kind: 'dropped-members',
      membersAddedCount: 1,
      membersAdded: [{ id: 'ghost', display: 'ghost@example.com' }],
    });
    await call(`/Groups/${g}`, {
      method: 'PATCH',
      json: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'remove', path: `members[value eq "${u1}"]` }] },
    });
    expect(history(g)[0]).toMatchObject({
      kind: 'members',
      action: 'members-remove',
      membersRemovedCount: 1,
    });
    await call(`/Groups/${g}`, {
      method: 'PATCH',
      json: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', path: 'members', value: [{ value: u2 }] }],
      },
    });
    expect(history(g)[0]).toMatchObject({ kind: 'members', action: 'members-replace', membersAddedCount: 1 });
    await call(`/Groups/${g}`, {
      method: 'PATCH',
      json: pathlessReplace({ id: g, displayName: 'Finance EMEA' }),
    });
    expect(history(g)[0]).toMatchObject({
      kind: 'rename',
      action: 'group-rename',
      diff: [{ path: 'displayName', old: 'Finance', new: 'Finance EMEA' }],
    });
    await call(`/Groups/${g}`, { method: 'DELETE' });
    expect(history(g)[0]?.kind).toBe('delete');
  });

  it('a 1,000-member batch is ONE version with counts, not a copy of the group', async () => {
    const ids: string[] = [];
    await srv.core.store.engine.write((tx) => {
      for (let i = 0; i < 1000; i++) {
        const id = `bulk-${i}`;
        tx.run(
          `INSERT INTO users (id, user_name, user_name_ci, resource, created, modified) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
          [
            id,
            `bulk${i}@example.com`,
            `bulk${i}@example.com`,
            JSON.stringify({ userName: `bulk${i}@example.com` }),
          ],
        );
        ids.push(id);
      }
    });
    const g = String((await call('/Groups', { method: 'POST', json: oktaGroup('Big') }))['id']);
    const before = history(g).length;
    await call(`/Groups/${g}`, {
      method: 'PATCH',
      json: addMembers(ids.map((value) => ({ value, display: value }))),
    });
    const versions = history(g);
    expect(versions.length).toBe(before + 1);
    expect(versions[0]).toMatchObject({ kind: 'members', membersAddedCount: 1000, membersRemovedCount: 0 });
    expect(versions[0]?.membersAdded).toHaveLength(100);

    // One operation a request: counts are exact and net; the listed members are changed ones.
    const ref = (id: string) => ({ value: id, display: id });
    const remove = (which: string[]) => ({
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'remove', path: 'members', value: which.map(ref) }],
    });
    await call(`/Groups/${g}`, { method: 'PATCH', json: remove(ids.slice(0, 950)) });
    expect(history(g)[0]).toMatchObject({ membersAddedCount: 0, membersRemovedCount: 950 });
    const listed = (which: 'membersAdded' | 'membersRemoved') =>
      (history(g)[0]?.[which] ?? []).map((m) => m.id).sort();
    const within = (got: string[], pool: string[], n: number) => {
      expect(new Set(got).size).toBe(n);
      expect(got.filter((id) => !pool.includes(id))).toEqual([]);
    };
    within(listed('membersRemoved'), ids.slice(0, 950), 100);
    // re-push all 1,000: the 50 still in are not counted, the 100 listed are new ones
    await call(`/Groups/${g}`, { method: 'PATCH', json: addMembers([...ids].reverse().map(ref)) });
    expect(history(g)[0]).toMatchObject({ membersAddedCount: 950, membersRemovedCount: 0 });
    within(listed('membersAdded'), ids.slice(0, 950), 100);
    // removing 10 members and an unknown id: 10 counted, those 10 listed
    await call(`/Groups/${g}`, {
      method: 'PATCH',
      json: remove([...ids.slice(990), 'nobody']),
    });
    expect(history(g)[0]).toMatchObject({ membersRemovedCount: 10 });
    expect(listed('membersRemoved')).toEqual(ids.slice(990).sort());
    // the same push again changes nothing: no version
    const count = history(g).length;
    await call(`/Groups/${g}`, { method: 'PATCH', json: remove(ids.slice(990)) });
    expect(history(g)).toHaveLength(count);
  });
});

describe('durability and secrets', () => {
  it('never writes a secret to the snapshot, the journal or the history files, and history survives a restart', async () => {
    const id = await newUser('durable@example.com');
    await call(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ active: false }) });
    await srv.core.store.engine.snapshot();
    await call(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ password: SECRET }) });
    await srv.core.store.engine.flush();
    const dbDir = join(srv.dataDir, 'db');
    // the scan covers the history files, where versions are kept
    expect((await readdir(dbDir)).some((f) => /^history-\d+\.log$/.test(f))).toBe(true);
    for (const f of await readdir(dbDir)) {
      const bytes = await readFile(join(dbDir, f));
      expect(bytes.includes(Buffer.from(SECRET)), f).toBe(false);
    }
    const kinds = main(id).map((v) => v.kind);
    const dataDir = srv.dataDir;
    await srv.core.close();
    srv = await startTestServer({ dataDir });
    expect(main(id).map((v) => v.kind)).toEqual(kinds);
    expect(kinds).toEqual(['patch', 'deactivate', 'create']);
  });
});
