/**
 * The Retries view over real traffic (docs/faults.md "Retries"): 429-then-success with the
 * Retry-After honoured or not, the lost acknowledgement then 409 (and then a lookup that finds
 * the user), and a client that gives up; plus the pairing function on recorded attempts for
 * Okta's documented waits without a Retry-After (docs/okta.md §1).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../server/domain/fault-rule';
import type { Attempt } from '../../server/domain/retries';
import { pairRetries } from '../../server/faults/retries';
import { oktaUser } from '../e2e/okta-bodies';
import { startTestServer, type TestServer } from '../support/scim-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});
beforeEach(async () => {
  await s.core.setFaultRules([]);
  s.core.faults.clearRetries();
});

const set = (...rules: FaultRule[]) => s.core.setFaultRules(rules);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const post = (userName: string) =>
  s.scim('/Users', { method: 'POST', json: oktaUser(userName, 'R', 'T', userName) });

describe('Retries over HTTP', () => {
  it('429 then success: paired, with the Retry-After honoured', async () => {
    await set({
      name: '429-once',
      match: { method: 'POST' },
      respond: { status: 429, retryAfter: 1 },
      times: 1,
    });
    expect((await post('jane@x.io')).status).toBe(429);
    await sleep(1100);
    expect((await post('jane@x.io')).status).toBe(201);
    const [chain] = s.core.faults.retries();
    expect(chain).toMatchObject({ rule: '429-once', outcome: 'succeeded', attempts: 2, label: 'jane@x.io' });
    expect(chain?.steps[1]).toMatchObject({ status: 201, retryAfterHonoured: true, expectedDelayMs: 1000 });
    expect(chain?.summary).toMatch(
      /^POST \/Users jane@x\.io: 429 \(Retry-After 1\) → retried after \d+\.\d s → 201$/,
    );
    expect(chain?.okta.join(' ')).toMatch(/Retry-After 1 honoured/);
  });

  it('a retry sooner than the Retry-After is reported as not honoured; another body is not a retry', async () => {
    await set({
      name: '429-once',
      match: { method: 'POST' },
      respond: { status: 429, retryAfter: 30 },
      times: 1,
    });
    expect((await post('early@x.io')).status).toBe(429);
    expect((await post('someone-else@x.io')).status).toBe(201);
    expect((await post('early@x.io')).status).toBe(201);
    const [chain] = s.core.faults.retries();
    expect(chain).toMatchObject({ outcome: 'succeeded', attempts: 2, label: 'early@x.io' });
    expect(chain?.steps[1]?.retryAfterHonoured).toBe(false);
    expect(chain?.okta.join(' ')).toMatch(/not honoured/);
  });

  it('lost acknowledgement then 409: the consequence is shown', async () => {
    await set({
      name: 'lost-ack',
      match: { method: 'POST', resource: 'Users' },
      respond: { status: 504, afterWrite: true },
      times: 1,
    });
    expect((await post('lost@x.io')).status).toBe(504);
    const retry = await post('lost@x.io');
    expect(retry.status).toBe(409);
    const [chain] = s.core.faults.retries();
    expect(chain).toMatchObject({ rule: 'lost-ack', afterWrite: true, outcome: 'conflict', attempts: 2 });
    expect(chain?.steps[1]).toMatchObject({ status: 409, scimType: 'uniqueness' });
    expect(chain?.summary).toMatch(/504 \(applied\) → retried after .* → 409 uniqueness$/);
    expect(chain?.okta.join(' ')).toMatch(/409 uniqueness/);
  });

  it('lost acknowledgement then a lookup that finds the user', async () => {
    await set({
      name: 'lost-ack',
      match: { method: 'POST' },
      respond: { status: 504, afterWrite: true },
      times: 1,
    });
    expect((await post('found@x.io')).status).toBe(504);
    const q = await s.scim(
      `/Users?filter=${encodeURIComponent('userName eq "found@x.io"')}&startIndex=1&count=100`,
    );
    expect(q.status).toBe(200);
    const [chain] = s.core.faults.retries();
    expect(chain).toMatchObject({ outcome: 'found', attempts: 1 });
    expect(chain?.steps[1]).toMatchObject({ lookup: true, status: 200 });
  });

  it('give-up: a client that stops after 10 failed attempts', async () => {
    await set({ name: 'down', match: { method: 'POST' }, respond: { status: 503 } });
    for (let i = 0; i < 10; i++) expect((await post('down@x.io')).status).toBe(503);
    const chains = s.core.faults.retries();
    expect(chains).toHaveLength(1);
    expect(chains[0]).toMatchObject({ outcome: 'gave-up', attempts: 10 });
    expect(chains[0]?.summary).toMatch(/→ gave up after 10 attempts$/);
  });
});

describe('pairing recorded attempts', () => {
  let seq = 0;
  const attempt = (at: number, over: Partial<Attempt> = {}): Attempt => ({
    requestId: `r${++seq}`,
    seq,
    at,
    doneAt: at + 10,
    method: 'POST',
    path: '/api/v2/scim/Users',
    query: '',
    digest: 'abc',
    status: 429,
    scimType: null,
    retryAfter: null,
    fault: { rule: 'r', action: 'status', afterWrite: false },
    results: null,
    label: 'jane@x.io',
    tokenName: 'okta',
    ...over,
  });
  const MIN = 60_000;

  it('without a Retry-After Okta documents 5 minutes, doubling', () => {
    const t0 = 1_000_000;
    const chains = pairRetries(
      [
        attempt(t0),
        attempt(t0 + 10 + 5 * MIN),
        attempt(t0 + 20 + 15 * MIN),
        attempt(t0 + 30 + 16 * MIN, { status: 201, fault: null }),
      ],
      t0 + 20 * MIN,
    );
    expect(chains[0]?.steps.map((x) => x.expectedDelayMs)).toEqual([null, 5 * MIN, 10 * MIN, 20 * MIN]);
    expect(chains[0]?.okta[2]).toMatch(/sooner than the 1200\.0 s Okta documents/);
    expect(chains[0]?.outcome).toBe('succeeded');
  });

  it('a client still within the documented wait is waiting; past it, it gave up', () => {
    const t0 = 5_000_000;
    const one = [attempt(t0)];
    expect(pairRetries(one, t0 + MIN)[0]?.outcome).toBe('waiting');
    expect(pairRetries(one, t0 + 12 * MIN)[0]?.outcome).toBe('gave-up');
  });
});
