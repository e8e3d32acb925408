/**
 * The crash harness's oracle (ack-model.ts) is not vacuous: a lost user, a value rolled back
 * past its acknowledgement, a lost member or a phantom resource are each reported, while an
 * in-flight write that did or did not land is accepted either way.
 */
import { describe, expect, it } from 'vitest';
import { AckModel, reconcile, type UserState } from './ack-model';

const A: UserState = { givenName: 'A', familyName: 'F', active: true };
const B: UserState = { givenName: 'B', familyName: 'F', active: false };
const served = (u: UserState, id = 'u1', userName = 'u1@example.com') => ({
  id,
  userName,
  name: { givenName: u.givenName, familyName: u.familyName },
  active: u.active,
});

function model(): AckModel {
  const m = new AckModel();
  m.users.set('u1', { id: 'u1', userName: 'u1@example.com', acked: A, inflight: null });
  m.groups.set('g1', { id: 'g1', displayName: 'g', acked: new Set(['u1']), inflight: null });
  return m;
}
const groups = (members: string[]) => new Map([['g1', new Set(members)]]);
const names = new Map([['g1', 'g']]);

describe('crash harness oracle', () => {
  it('accepts exactly the acknowledged state', () => {
    expect(reconcile(model(), { users: [served(A)], groups: groups(['u1']), groupNames: names })).toEqual([]);
  });

  it.each([
    ['a lost user', { users: [], groups: groups(['u1']), groupNames: names }, /missing/],
    ['a value rolled back', { users: [served(B)], groups: groups(['u1']), groupNames: names }, /stored/],
    [
      'a lost member',
      { users: [served(A)], groups: groups([]), groupNames: names },
      /1 acknowledged members missing/,
    ],
    [
      'a phantom user',
      { users: [served(A), served(A, 'u2', 'x@example.com')], groups: groups(['u1']), groupNames: names },
      /unexpected user/,
    ],
  ])('reports %s', (_name, state, problem) => {
    const found = reconcile(model(), state);
    expect(found).toHaveLength(1);
    expect(found[0]?.problem).toMatch(problem);
  });

  it('accepts an in-flight write whether or not it landed, and adopts a created user found', () => {
    for (const landed of [A, B]) {
      const m = model();
      (m.users.get('u1') as { inflight: UserState | null }).inflight = B;
      m.pendingUsers.set('new@example.com', A);
      const state = {
        users: [served(landed), served(A, 'u9', 'new@example.com')],
        groups: groups(['u1']),
        groupNames: names,
      };
      expect(reconcile(m, state)).toEqual([]);
      expect(m.users.get('u1')?.acked).toEqual(landed);
      expect(m.users.has('u9')).toBe(true);
    }
  });
});
