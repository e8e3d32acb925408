/**
 * The resource services (server/store/user-service.ts, group-service.ts) and the write seam they
 * share (resource-writes.ts): what a WriteObserver sees, inside the transaction and after it,
 * for each kind of write, and that a refused write shows it nothing. Real sql.js store in a
 * temp dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../server/store';
import {
  activeTransition,
  type GroupChange,
  type ResourceChange,
  type UserChange,
  type WriteContext,
} from '../../server/store/resource-change';

let dir: string;
let store: Store;
let inTx: ResourceChange[] = [];
let committed: ResourceChange[][] = [];
let idsAnnounced: string[] = [];
const ctx = (): WriteContext => ({ requestId: 'req-1', tokenName: 'okta', warnings: [] });
const DROP = { strictMembers: false };

const doc = (
  userName: string,
  active?: boolean,
): { resource: Record<string, unknown>; ignored: string[] } => ({
  resource: { userName, ...(active === undefined ? {} : { active }) },
  ignored: [],
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimdesk-services-'));
  store = await openStore({ dir, fsync: false });
  store.writes.observe({
    memberSeqs: true,
    onChange: (change, tx, c) => {
      expect(c.requestId).toBe('req-1');
      // inside the transaction: the write is visible through tx
      if (change.resource === 'User' && change.op !== 'delete') {
        expect(store.users.findById(tx, change.id)?.version).toBe(change.after.version);
      }
      inTx.push(change);
    },
    afterCommit: (changes) => {
      committed.push([...changes]);
    },
  });
  store.changes.on('users-changed', (ids) => idsAnnounced.push(...ids));
  store.changes.on('groups-changed', (ids) => idsAnnounced.push(...ids));
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  inTx = [];
  committed = [];
  idsAnnounced = [];
});

describe('user writes', () => {
  it('create, deactivate, reactivate: one change each, with before and after', async () => {
    const u = await store.userService.create(ctx(), doc('ann@x.test'));
    expect(u.active).toBe(true);
    const off = await store.userService.update(ctx(), u.id, () => doc('ann@x.test', false));
    // a document without `active` keeps the current value
    const kept = await store.userService.update(ctx(), u.id, () => doc('ann@x.test'));
    expect(kept.active).toBe(false);
    await store.userService.update(ctx(), u.id, () => doc('ann@x.test', true));
    expect(inTx.map((c) => c.op)).toEqual(['create', 'update', 'update', 'update']);
    expect(inTx.map((c) => activeTransition(c as UserChange))).toEqual([
      null,
      'deactivated',
      null,
      'reactivated',
    ]);
    expect((inTx[1] as UserChange).before?.version).toBe(u.version);
    expect((inTx[1] as UserChange).after.version).toBe(off.version);
    expect(committed).toEqual(inTx.map((c) => [c]));
    expect(idsAnnounced).toEqual([u.id, u.id, u.id, u.id]);
  });

  it('a taken userName (any case) is a 409 and nobody hears of it', async () => {
    await store.userService.create(ctx(), doc('bob@x.test'));
    inTx = [];
    committed = [];
    await expect(store.userService.create(ctx(), doc('BOB@x.test'))).rejects.toMatchObject({
      status: 409,
      scimType: 'uniqueness',
    });
    expect(inTx).toEqual([]);
    expect(committed).toEqual([]);
  });

  it('a throwing observer rolls the write back', async () => {
    const stop = store.writes.observe({
      onChange: () => {
        throw new Error('history could not be written');
      },
    });
    try {
      await expect(store.userService.create(ctx(), doc('rolled@x.test'))).rejects.toThrow(/history/);
    } finally {
      stop();
    }
    expect(store.engine.read((r) => store.users.findByUserName(r, 'rolled@x.test'))).toBeUndefined();
    expect(committed).toEqual([]);
  });
});

describe('group writes', () => {
  it('membership edits give the net delta, in user seqs', async () => {
    const [a, b, c] = await Promise.all(
      ['m1@x.test', 'm2@x.test', 'm3@x.test'].map((n) => store.userService.create(ctx(), doc(n))),
    );
    if (!a || !b || !c) throw new Error('users not created');
    const g = await store.groupService.create(ctx(), DROP, { displayName: 'Team' }, (m) =>
      m.add([{ value: a.id }, { value: b.id }, { value: 'ghost' }]),
    );
    expect(g.memberCount).toBe(2);
    const created = inTx.find((x) => x.resource === 'Group') as GroupChange;
    expect(created.members).toEqual({ added: 2, removed: 0, addedSeqs: [a.seq, b.seq], removedSeqs: [] });

    inTx = [];
    await store.groupService.update(ctx(), DROP, g.id, (current, m) => {
      m.add([{ value: c.id }, { value: a.id }]); // a is already in: not added
      m.remove([b.id, 'nobody']);
      return current.resource;
    });
    expect((inTx[0] as GroupChange).members).toEqual({
      added: 1,
      removed: 1,
      addedSeqs: [c.seq],
      removedSeqs: [b.seq],
    });

    inTx = [];
    const same = await store.groupService.update(ctx(), DROP, g.id, (current, m) => {
      m.replace([{ value: a.id }, { value: c.id }]);
      return current.resource;
    });
    expect((inTx[0] as GroupChange).members).toBeNull();
    expect(same.memberCount).toBe(2);
  });

  it('deleting a user is a change of each group it was in', async () => {
    const u = await store.userService.create(ctx(), doc('leaver@x.test'));
    const g1 = await store.groupService.create(ctx(), DROP, { displayName: 'L1' }, (m) =>
      m.add([{ value: u.id }]),
    );
    const g2 = await store.groupService.create(ctx(), DROP, { displayName: 'L2' }, (m) =>
      m.add([{ value: u.id }]),
    );
    inTx = [];
    committed = [];
    idsAnnounced = [];
    await store.userService.delete(ctx(), u.id);
    expect(inTx.map((c) => [c.resource, c.op, c.id])).toEqual([
      ['User', 'delete', u.id],
      ['Group', 'members', g1.id],
      ['Group', 'members', g2.id],
    ]);
    expect((inTx[1] as GroupChange).members).toEqual({
      added: 0,
      removed: 1,
      addedSeqs: [],
      removedSeqs: [u.seq],
    });
    expect(committed).toHaveLength(1);
    expect(idsAnnounced).toEqual([u.id, g1.id, g2.id]);
    const after = store.engine.read((r) => store.groups.findById(r, g1.id));
    expect(after).toMatchObject({ memberCount: 0, version: g1.version + 1 });
  });

  it('a duplicate displayName is a 409 before any member is looked up', async () => {
    await store.groupService.create(ctx(), DROP, { displayName: 'Dup' });
    const strict = { strictMembers: true };
    await expect(
      store.groupService.create(ctx(), strict, { displayName: 'dup' }, (m) => m.add([{ value: 'unknown' }])),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      store.groupService.create(ctx(), strict, { displayName: 'Other' }, (m) =>
        m.add([{ value: 'unknown' }]),
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('without an observer asking for seqs, deltas carry counts only', async () => {
    const quietDir = await mkdtemp(join(tmpdir(), 'scimdesk-services-'));
    const quiet = await openStore({ dir: quietDir, fsync: false });
    try {
      const seen: ResourceChange[] = [];
      quiet.writes.observe({ onChange: (c) => seen.push(c) });
      const u = await quiet.userService.create(ctx(), doc('q@x.test'));
      await quiet.groupService.create(ctx(), DROP, { displayName: 'Q' }, (m) => m.add([{ value: u.id }]));
      expect((seen[1] as GroupChange).members).toEqual({ added: 1, removed: 0 });
    } finally {
      await quiet.close();
      await rm(quietDir, { recursive: true, force: true });
    }
  });
});
