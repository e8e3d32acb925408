/** The attribute-level diff of resource history (server/domain/history.ts): pure, secrets redacted. */
import { describe, expect, it } from 'vitest';
import { diffResources, updateKind } from '../../server/domain/history';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('diffResources', () => {
  it('lists changed, added and removed attributes by path, sub-attributes apart', () => {
    const before = {
      id: 'u1',
      userName: 'jane@example.com',
      name: { givenName: 'Jane', familyName: 'Doe' },
      title: 'Analyst',
      emails: [{ value: 'jane@example.com', primary: true }],
      meta: { version: 'W/"1"' },
      [ENT]: { department: 'Finance' },
    };
    const after = {
      id: 'u1',
      userName: 'jane@example.com',
      name: { givenName: 'Janet', familyName: 'Doe' },
      emails: [{ value: 'janet@example.com', primary: true }],
      active: false,
      meta: { version: 'W/"2"' },
      [ENT]: { department: 'Sales' },
    };
    expect(diffResources(before, after)).toEqual([
      { path: 'active', old: null, new: false },
      {
        path: 'emails',
        old: [{ value: 'jane@example.com', primary: true }],
        new: [{ value: 'janet@example.com', primary: true }],
      },
      { path: 'name.givenName', old: 'Jane', new: 'Janet' },
      { path: 'title', old: 'Analyst', new: null },
      { path: `${ENT}:department`, old: 'Finance', new: 'Sales' },
    ]);
  });

  it('is empty when nothing but bookkeeping changed', () => {
    expect(
      diffResources({ id: 'a', meta: { v: 1 }, members: [1] }, { id: 'a', meta: { v: 2 }, members: [] }),
    ).toEqual([]);
  });

  it('never carries a secret, wherever it sits', () => {
    const diff = diffResources(
      { userName: 'a' },
      {
        userName: 'a',
        password: 'hunter2-secret',
        x: { token: 'tok-secret' },
        list: [{ secret: 'in-a-list' }],
      },
    );
    const text = JSON.stringify(diff);
    expect(text).not.toMatch(/hunter2|tok-secret|in-a-list/);
    expect(diff.find((d) => d.path === 'password')).toEqual({
      path: 'password',
      old: null,
      new: '[redacted]',
    });
  });

  it('redacts a secret nested in lists and objects, in any case, and keeps the rest', () => {
    const diff = diffResources(
      { emails: [{ value: 'a@x' }] },
      { emails: [{ value: 'b@x', meta: [{ API_KEY: 'deep-secret' }] }] },
    );
    expect(JSON.stringify(diff)).not.toContain('deep-secret');
    expect(diff).toEqual([
      {
        path: 'emails',
        old: [{ value: 'a@x' }],
        new: [{ value: 'b@x', meta: [{ API_KEY: '[redacted]' }] }],
      },
    ]);
  });

  it('compares values by content: key order does not matter, a missing key does', () => {
    expect(
      diffResources(
        { emails: [{ type: 'work', value: 'a@x' }] },
        { emails: [{ value: 'a@x', type: 'work' }] },
      ),
    ).toEqual([]);
    expect(
      diffResources(
        { emails: [{ type: 'work', value: 'a@x' }] },
        { emails: [{ value: 'a@x', kind: 'work' }] },
      ),
    ).toHaveLength(1);
    expect(diffResources({ x: [1, 2] }, { x: { 0: 1, 1: 2 } })).toHaveLength(1);
  });

  it('treats a create and a delete as every attribute against nothing', () => {
    expect(diffResources(null, { userName: 'a', active: true })).toEqual([
      { path: 'active', old: null, new: true },
      { path: 'userName', old: null, new: 'a' },
    ]);
    expect(diffResources({ displayName: 'G' }, null)).toEqual([{ path: 'displayName', old: 'G', new: null }]);
  });
});

describe('updateKind', () => {
  it('names deactivation, reactivation and rename; else PUT or PATCH', () => {
    expect(updateKind('User', [{ path: 'active', old: true, new: false }], 'PATCH')).toBe('deactivate');
    expect(updateKind('User', [{ path: 'active', old: false, new: true }], 'PUT')).toBe('reactivate');
    expect(updateKind('User', [{ path: 'title', old: 'a', new: 'b' }], 'PUT')).toBe('replace');
    expect(updateKind('Group', [{ path: 'displayName', old: 'a', new: 'b' }], 'PATCH')).toBe('rename');
    expect(updateKind('Group', [], 'PATCH')).toBe('patch');
  });
});
