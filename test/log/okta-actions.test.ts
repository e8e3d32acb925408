/**
 * The Okta action classifier against Okta's flows (docs/okta.md §2): one case per action, each
 * a sequence of requests as Okta sends them, every request with the action it must get.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OKTA_ACTIONS, type OktaAction } from '../../server/domain/okta-action';
import { OktaActionClassifier } from '../../server/log/actions';

interface Step {
  at?: number;
  method: string;
  path: string;
  query?: string;
  body?: unknown;
  status: number;
  response?: unknown;
  expect: OktaAction;
}
const cases = JSON.parse(readFileSync(new URL('./okta-actions.json', import.meta.url), 'utf8')) as {
  name: string;
  requests: Step[];
}[];

describe('Okta action classifier', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const classifier = new OktaActionClassifier();
    const got = c.requests.map((r, i) =>
      classifier.classify({
        time: 1_000_000 + (r.at ?? i * 1000),
        method: r.method,
        path: r.path,
        query: r.query ?? '',
        tokenName: 'okta',
        body: r.body,
        status: r.status,
        response: r.response,
      }),
    );
    expect(got).toEqual(c.requests.map((r) => r.expect));
  });

  it('has a case for every action', () => {
    const covered = new Set(cases.flatMap((c) => c.requests.map((r) => r.expect)));
    expect(OKTA_ACTIONS.filter((a) => !covered.has(a))).toEqual([]);
  });

  it('keeps each token’s sequence apart', () => {
    const classifier = new OktaActionClassifier();
    const base = { time: 0, query: '', status: 200 };
    classifier.classify({
      ...base,
      method: 'GET',
      path: '/scim/v2/Users',
      query: 'filter=userName%20eq%20%22x%22',
      tokenName: 'a',
      body: undefined,
      response: { Resources: [{ id: 'u1', active: true }] },
    });
    const other = { ...base, method: 'GET', path: '/scim/v2/Users/u1', body: undefined, response: undefined };
    expect(classifier.classify({ ...other, tokenName: 'b' })).toBe('profile-push');
    expect(classifier.classify({ ...other, tokenName: 'a' })).toBe('assign-link');
  });
});
