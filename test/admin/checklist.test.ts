/**
 * The Connect checklist (server/admin/checklist.ts): which Okta-shaped requests tick which
 * step. Cases live in checklist-cases.json, each named after the Okta flow it mirrors.
 */
import { describe, expect, it } from 'vitest';
import { ChecklistTracker, classifyEntry } from '../../server/admin/checklist';
import cases from './checklist-cases.json';

interface Case {
  name: string;
  entry: {
    method: string;
    path: string;
    query: string;
    status: number;
    tokenName: string | null;
    requestBody: string | null;
  };
  steps: string[];
}

describe('classifyEntry', () => {
  it.each((cases as Case[]).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(classifyEntry({ id: 'x', time: '2026-01-01T00:00:00Z', ...c.entry })).toEqual(c.steps);
  });
});

describe('ChecklistTracker', () => {
  const at = (n: number): string => `2026-01-01T00:00:0${n}Z`;
  const base = { query: '', tokenName: 'okta', requestBody: null };

  it('starts with every step open, in Okta setup order', () => {
    const steps = new ChecklistTracker().steps();
    expect(steps.map((s) => s.id)).toEqual([
      'token-created',
      'credentials-tested',
      'user-created',
      'user-updated',
      'user-deactivated',
      'group-pushed',
      'group-members',
    ]);
    expect(steps.every((s) => !s.done && s.at === null && s.logIds.length === 0)).toBe(true);
  });

  it('ticks steps with the first proof time and links the newest entries first', () => {
    const t = new ChecklistTracker();
    expect(
      t.observe({ ...base, id: 'a', time: at(1), method: 'POST', path: '/scim/v2/Users', status: 201 }),
    ).toBe(true);
    expect(
      t.observe({ ...base, id: 'b', time: at(2), method: 'POST', path: '/scim/v2/Users', status: 201 }),
    ).toBe(true);
    expect(
      t.observe({ ...base, id: 'c', time: at(3), method: 'GET', path: '/scim/v2/Groups', status: 200 }),
    ).toBe(false);
    const step = t.steps().find((s) => s.id === 'user-created');
    expect(step).toMatchObject({ done: true, at: at(1), logIds: ['b', 'a'] });
  });

  it('keeps at most ten entry links per step', () => {
    const t = new ChecklistTracker();
    for (let i = 0; i < 25; i++) {
      t.observe({ ...base, id: `e${i}`, time: at(1), method: 'POST', path: '/Groups', status: 201 });
    }
    const ids = t.steps().find((s) => s.id === 'group-pushed')?.logIds;
    expect(ids).toHaveLength(10);
    expect(ids?.[0]).toBe('e24');
  });

  it('token step follows the live token list', () => {
    const t = new ChecklistTracker();
    expect(t.setTokens([at(5), at(3)])).toBe(true);
    expect(t.steps()[0]).toMatchObject({ id: 'token-created', done: true, at: at(3) });
    expect(t.setTokens([at(5), at(3)])).toBe(false);
    expect(t.setTokens([])).toBe(true);
    expect(t.steps()[0]?.done).toBe(false);
  });

  it('reset forgets traffic proofs but not tokens', () => {
    const t = new ChecklistTracker();
    t.setTokens([at(1)]);
    t.observe({ ...base, id: 'a', time: at(1), method: 'POST', path: '/Users', status: 201 });
    t.reset();
    expect(
      t
        .steps()
        .filter((s) => s.done)
        .map((s) => s.id),
    ).toEqual(['token-created']);
  });
});
