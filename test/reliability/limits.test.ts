/**
 * Every limit the SCIM listener enforces (issue 4, "Limits"; docs/reliability.md "Limits" lists them),
 * each shown at the limit (accepted) and just past it (refused with a clear SCIM error):
 * body size (413, declared and chunked), filter length and depth (400 invalidFilter),
 * operations and members per PATCH, attributes and values per resource (400 invalidValue),
 * and the optional request rate (429 + Retry-After, Netskope's 25/s preset, docs/netskope.md §11;
 * Okta honours an integer Retry-After, docs/okta.md §1). The rate limiter is off by default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY } from '../../server/scim/body';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from '../../server/query';
import { DEFAULT_MAX_MEMBERS, DEFAULT_MAX_OPERATIONS } from '../../server/scim/patch';
import {
  MAX_ATTRIBUTES_PER_RESOURCE,
  MAX_PATCH_VALUE_NAMES,
  MAX_VALUES_PER_ATTRIBUTE,
} from '../../server/scim/resource-limits';
import { PATCH_SCHEMA, oktaGroup, oktaUser } from '../e2e/okta-bodies';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import { expectScimError } from '../support/scim-error';

let s: TestServer;
let userId = '';
let groupId = '';

beforeAll(async () => {
  s = await startTestServer();
  const u = await s.scim('/Users', { method: 'POST', json: oktaUser('limits@example.com', 'L', 'M', 'lm') });
  userId = ((await u.json()) as { id: string }).id;
  const g = await s.scim('/Groups', { method: 'POST', json: oktaGroup('limits-group') });
  groupId = ((await g.json()) as { id: string }).id;
});
afterAll(async () => {
  await s.close();
});

const patch = (Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });
const filterUrl = (f: string) => `/Users?filter=${encodeURIComponent(f)}`;

describe('body size', () => {
  it(`default cap ${DEFAULT_MAX_BODY} bytes: one byte more is 413`, async () => {
    const over = `{"userName":"${'x'.repeat(DEFAULT_MAX_BODY)}"}`;
    await expectScimError(
      await s.scim('/Users', {
        method: 'POST',
        body: over,
        headers: { 'content-type': 'application/scim+json' },
      }),
      413,
    );
  });

  it('a configured cap holds for declared and for chunked bodies', async () => {
    const small = await startTestServer({ maxBodyBytes: 2048 });
    try {
      const body = JSON.stringify(oktaUser('small@example.com', 'S', 'M', 'sm'));
      expect(
        (
          await small.scim('/Users', {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(201);
      const big = JSON.stringify({ ...oktaUser('big@example.com', 'B', 'G', 'bg'), title: 'x'.repeat(2048) });
      const declared = await small.scim('/Users', {
        method: 'POST',
        body: big,
        headers: { 'content-type': 'application/json' },
      });
      const body413 = await expectScimError(declared, 413);
      expect(body413.detail).toMatch(/exceeds the limit of 2048 bytes/);
      // No Content-Length: the cap is counted while reading.
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < 8; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 512, (i + 1) * 512)));
          c.close();
        },
      });
      const chunked = await small.scim('/Users', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      await expectScimError(chunked, 413);
    } finally {
      await small.close();
    }
  });
});

describe('filters', () => {
  it(`length: ${MAX_FILTER_LENGTH} characters pass, one more is 400 invalidFilter`, async () => {
    const at = `userName eq "${'a'.repeat(MAX_FILTER_LENGTH - 14)}"`;
    expect(at).toHaveLength(MAX_FILTER_LENGTH);
    expect((await s.scim(filterUrl(at))).status).toBe(200);
    const body = await expectScimError(await s.scim(filterUrl(`${at.slice(0, -1)}a"`)), 400, 'invalidFilter');
    expect(body.detail).toMatch(/longer than 4096/);
  });

  it(`depth: ${MAX_FILTER_DEPTH} nested parentheses pass, one more is 400 invalidFilter`, async () => {
    const nest = (n: number) => `${'('.repeat(n)}userName eq "a"${')'.repeat(n)}`;
    const ok = await s.scim(filterUrl(nest(MAX_FILTER_DEPTH)));
    expect(ok.status, await ok.text()).toBe(200);
    const body = await expectScimError(
      await s.scim(filterUrl(nest(MAX_FILTER_DEPTH + 1))),
      400,
      'invalidFilter',
    );
    expect(body.detail).toMatch(/nesting deeper than 32/);
  });
});

describe('PATCH size', () => {
  it(`operations: ${DEFAULT_MAX_OPERATIONS} pass, one more is 400 invalidValue`, async () => {
    const op = { op: 'replace', path: 'active', value: true };
    const at = await s.scim(`/Users/${userId}`, {
      method: 'PATCH',
      json: patch(Array(DEFAULT_MAX_OPERATIONS).fill(op)),
    });
    expect(at.status).toBe(204);
    const over = patch(Array(DEFAULT_MAX_OPERATIONS + 1).fill(op));
    const body = await expectScimError(
      await s.scim(`/Users/${userId}`, { method: 'PATCH', json: over }),
      400,
      'invalidValue',
    );
    expect(body.detail).toMatch(/at most 1000/);
  });

  it(`members: ${DEFAULT_MAX_MEMBERS} per request pass, one more is 400 invalidValue`, async () => {
    // Unknown ids are dropped with a warning (docs/netskope.md), which keeps this test small.
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        value: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      }));
    const at = await s.scim(`/Groups/${groupId}`, {
      method: 'PATCH',
      json: patch([{ op: 'add', path: 'members', value: ids(DEFAULT_MAX_MEMBERS) }]),
    });
    expect(at.status).toBe(204);
    const over = patch([
      { op: 'add', path: 'members', value: ids(DEFAULT_MAX_MEMBERS) },
      { op: 'remove', path: 'members', value: ids(1) },
    ]);
    const body = await expectScimError(
      await s.scim(`/Groups/${groupId}`, { method: 'PATCH', json: over }),
      400,
      'invalidValue',
    );
    expect(body.detail).toMatch(/10000|10,000/);
  });

  it(`values in one PATCH: ${MAX_PATCH_VALUE_NAMES} names pass, more are 400 invalidValue`, async () => {
    const value = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, 'v']));
    // The same 150 (unknown, so ignored) names in every operation keep the resource small:
    // 6 operations carry 900 names, under the per-request budget; 7 carry 1050, over it.
    const at = await s.scim(`/Users/${userId}`, {
      method: 'PATCH',
      json: patch(Array(6).fill({ op: 'add', value: value(150) })),
    });
    expect(at.status, await at.text()).toBe(204);
    const over = patch(Array(7).fill({ op: 'add', value: value(150) }));
    const body = await expectScimError(
      await s.scim(`/Users/${userId}`, { method: 'PATCH', json: over }),
      400,
      'invalidValue',
    );
    expect(body.detail).toMatch(/Too many attributes and values in one PATCH/);
  });
});

describe('resource size', () => {
  const withAttrs = (userName: string, n: number) => {
    const body: Record<string, unknown> = oktaUser(userName, 'A', 'B', userName);
    const base = Object.keys(body).length;
    for (let i = 0; i < n - base; i++) body[`custom${i}`] = 'x';
    expect(Object.keys(body)).toHaveLength(n);
    return body;
  };

  it(`attributes per user: ${MAX_ATTRIBUTES_PER_RESOURCE} pass, one more is 400 invalidValue`, async () => {
    const at = await s.scim('/Users', {
      method: 'POST',
      json: withAttrs('wide@example.com', MAX_ATTRIBUTES_PER_RESOURCE),
    });
    expect(at.status, await at.text()).toBe(201);
    const over = withAttrs('wider@example.com', MAX_ATTRIBUTES_PER_RESOURCE + 1);
    const body = await expectScimError(
      await s.scim('/Users', { method: 'POST', json: over }),
      400,
      'invalidValue',
    );
    expect(body.detail).toMatch(/at most 200/);
    await expectScimError(
      await s.scim(`/Users/${userId}`, { method: 'PUT', json: over }),
      400,
      'invalidValue',
    );
  });

  it('attributes inside an extension object count too', async () => {
    const ent = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const inner = Object.fromEntries(
      Array.from({ length: MAX_ATTRIBUTES_PER_RESOURCE }, (_, i) => [`a${i}`, 'x']),
    );
    const body = { ...oktaUser('ext@example.com', 'E', 'X', 'ex'), [ent]: inner };
    await expectScimError(await s.scim('/Users', { method: 'POST', json: body }), 400, 'invalidValue');
  });

  it(`values per attribute: ${MAX_VALUES_PER_ATTRIBUTE} emails pass, one more is 400 invalidValue`, async () => {
    const emails = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ value: `m${i}@example.com`, primary: i === 0 }));
    const at = await s.scim('/Users', {
      method: 'POST',
      json: { userName: 'many@example.com', emails: emails(MAX_VALUES_PER_ATTRIBUTE) },
    });
    expect(at.status, await at.text()).toBe(201);
    const over = { userName: 'toomany@example.com', emails: emails(MAX_VALUES_PER_ATTRIBUTE + 1) };
    const body = await expectScimError(
      await s.scim('/Users', { method: 'POST', json: over }),
      400,
      'invalidValue',
    );
    expect(body.detail).toMatch(/Too many values in "emails"/);
  });

  it('attributes per group', async () => {
    const body: Record<string, unknown> = { displayName: 'wide-group' };
    for (let i = 0; i < MAX_ATTRIBUTES_PER_RESOURCE; i++) body[`x${i}`] = 'v';
    await expectScimError(await s.scim('/Groups', { method: 'POST', json: body }), 400, 'invalidValue');
  });
});

describe('request rate', () => {
  const burst = async (n: number) =>
    Promise.all(
      Array.from({ length: n }, () =>
        s.scim('/Users?count=1').then(async (r) => ({ r, text: await r.text() })),
      ),
    );

  it('is off by default: a burst of 200 requests is all answered', async () => {
    expect(s.core.settings().rateLimit.enabled).toBe(false);
    const replies = await burst(200);
    expect(replies.map((x) => x.r.status)).toEqual(Array(200).fill(200));
  });

  it('the Netskope preset (25/s) answers the excess of a burst with 429 + Retry-After: 1', async () => {
    await s.core.updateSettings({ rateLimit: { enabled: true, perSecond: 25 } });
    try {
      // 200 at once need 7 s of refill at 25/s to all pass: some must be refused.
      const replies = await burst(200);
      const limited = replies.filter((x) => x.r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(replies.filter((x) => x.r.status === 200).length).toBeGreaterThanOrEqual(25);
      expect(replies.every((x) => x.r.status === 200 || x.r.status === 429)).toBe(true);
      const first = limited[0] as (typeof limited)[number];
      expect(first.r.headers.get('retry-after')).toBe('1');
      expect(JSON.parse(first.text)).toMatchObject({
        status: '429',
        detail: expect.stringMatching(/Too many requests/),
      });
      // Unauthenticated requests are refused before the limiter: 401, not 429.
      const anon = await fetch(`${s.base}/Users`);
      expect(anon.status).toBe(401);
    } finally {
      await s.core.updateSettings({ rateLimit: { enabled: false, perSecond: 25 } });
    }
    const after = await burst(100);
    expect(after.every((x) => x.r.status === 200)).toBe(true);
    expect(TOKEN).toBeTruthy();
  });
});
