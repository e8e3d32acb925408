/**
 * Schedules and matching of the fault engine, on its own (docs/faults.md "Schedules"): times,
 * every, seeded probability (the same requests fire in every run), the rate bucket, enabled,
 * and rule order (the first rule that matches and fires answers).
 */
import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../server/domain/fault-rule';
import { FaultEngine, type FaultRequest } from '../../server/faults/engine';

const req = (over: Partial<FaultRequest> = {}): FaultRequest => ({
  method: 'GET',
  resource: 'Users',
  path: '/api/v2/scim/Users',
  tokenName: 'okta',
  names: () => ({ userName: null, displayName: null }),
  ...over,
});

function run(
  rules: FaultRule[],
  n: number,
  make: (i: number) => FaultRequest = () => req(),
): (string | null)[] {
  const e = new FaultEngine();
  e.setRules(rules);
  return Array.from({ length: n }, (_, i) => e.decide(make(i))?.rule.name ?? null);
}

describe('schedules', () => {
  it('times: fires N times, then stops', () => {
    expect(run([{ name: 'a', match: {}, respond: { status: 500 }, times: 2 }], 4)).toEqual([
      'a',
      'a',
      null,
      null,
    ]);
  });

  it('every: fires on every Nth match', () => {
    expect(run([{ name: 'a', match: {}, respond: { drop: true }, every: 3 }], 7)).toEqual([
      null,
      null,
      'a',
      null,
      null,
      'a',
      null,
    ]);
  });

  it('probability with a seed: the same requests fire in every run; another seed picks others', () => {
    const rule = (seed: number): FaultRule => ({
      name: 'p',
      match: {},
      respond: { status: 503 },
      probability: 0.3,
      seed,
    });
    const first = run([rule(42)], 200);
    expect(run([rule(42)], 200)).toEqual(first);
    const fired = first.filter((x) => x !== null).length;
    expect(fired).toBeGreaterThan(30);
    expect(fired).toBeLessThan(90);
    expect(run([rule(7)], 200)).not.toEqual(first);
  });

  it('probability 0 never fires and 1 always does', () => {
    expect(run([{ name: 'p', match: {}, respond: { status: 503 }, probability: 0 }], 50)).toEqual(
      Array(50).fill(null),
    );
    expect(run([{ name: 'p', match: {}, respond: { status: 503 }, probability: 1 }], 50)).toEqual(
      Array(50).fill('p'),
    );
  });

  it('ratePerSecond: a burst beyond the rate fires for the excess only', () => {
    const out = run([{ name: 'rl', match: {}, respond: { status: 429 }, ratePerSecond: 5 }], 20);
    expect(out.slice(0, 5)).toEqual(Array(5).fill(null));
    expect(out.filter((x) => x === 'rl').length).toBeGreaterThanOrEqual(14);
  });

  it('enabled: false never fires and does not engage the engine', () => {
    const e = new FaultEngine();
    e.setRules([{ name: 'off', match: {}, respond: { status: 500 }, enabled: false }]);
    expect(e.engaged).toBe(false);
    expect(e.decide(req())).toBeNull();
    e.setRules([]);
    expect(e.engaged).toBe(false);
  });
});

describe('matching and order', () => {
  it('the first rule that matches and fires wins; a used-up rule lets the next answer', () => {
    const rules: FaultRule[] = [
      { name: 'once', match: { method: 'POST' }, respond: { status: 429 }, times: 1 },
      { name: 'posts', match: { method: ['POST', 'PUT'] }, respond: { status: 503 } },
      { name: 'all', match: {}, respond: { status: 500 } },
    ];
    expect(run(rules, 4, (i) => req({ method: i === 3 ? 'GET' : 'POST' }))).toEqual([
      'once',
      'posts',
      'posts',
      'all',
    ]);
  });

  it('matches resource, path, token, userName and displayName', () => {
    const e = new FaultEngine();
    e.setRules([
      { name: 'groups', match: { resource: 'Groups', path: '/Groups/g1$' }, respond: { status: 500 } },
      { name: 'token', match: { token: 'other' }, respond: { status: 500 } },
      { name: 'jane', match: { userName: '^jane@' }, respond: { status: 500 } },
      { name: 'sales', match: { displayName: 'sales' }, respond: { status: 500 } },
    ]);
    const name = (r: FaultRequest) => e.decide(r)?.rule.name ?? null;
    expect(name(req({ resource: 'Groups', path: '/scim/v2/Groups/g1' }))).toBe('groups');
    expect(name(req({ resource: 'Groups', path: '/scim/v2/Groups/g2' }))).toBeNull();
    expect(name(req({ tokenName: 'other' }))).toBe('token');
    expect(name(req({ names: () => ({ userName: 'JANE@x.io', displayName: null }) }))).toBe('jane');
    expect(name(req({ names: () => ({ userName: 'john@x.io', displayName: null }) }))).toBeNull();
    expect(
      name(req({ resource: 'Groups', names: () => ({ userName: null, displayName: 'EU Sales' }) })),
    ).toBe('sales');
  });

  it('an unchanged rule keeps its counts when the list is replaced; a changed one restarts', () => {
    const e = new FaultEngine();
    const once: FaultRule = { name: 'once', match: {}, respond: { status: 429 }, times: 1 };
    e.setRules([once]);
    expect(e.decide(req())).not.toBeNull();
    e.setRules([once, { name: 'x', match: { method: 'DELETE' }, respond: { status: 500 } }]);
    expect(e.decide(req())).toBeNull();
    expect(e.states()[0]).toMatchObject({ hits: 1, matched: 1, active: false });
    e.setRules([{ ...once, enabled: true }]);
    expect(e.decide(req())).not.toBeNull();
  });
});
