/**
 * Each `respond` kind on the real server over HTTP (docs/faults.md "Responses"): a SCIM error
 * in the profile's style with Retry-After, a delay, a dropped connection (raw socket: not a
 * byte written, nothing stored), the lost acknowledgement (applied exactly once), and that
 * authentication comes first.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../server/domain/fault-rule';
import { ERROR_URN } from '../../server/domain/errors';
import { oktaUser, pathlessReplace } from '../e2e/okta-bodies';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});
beforeEach(async () => {
  await s.core.setFaultRules([]);
});

const set = (...rules: FaultRule[]) => s.core.setFaultRules(rules);
const lastLog = () => s.core.log.query({ limit: 1 })[0];
async function countUsers(userName: string): Promise<number> {
  const r = await s.scim(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
  return ((await r.json()) as { totalResults: number }).totalResults;
}

describe('respond.status', () => {
  it('answers a SCIM error in the Netskope style with Retry-After in seconds, marks the log, writes nothing', async () => {
    await set({
      name: 'okta-429',
      match: { method: 'POST', resource: 'Users' },
      respond: { status: 429, retryAfter: 2 },
      times: 1,
    });
    const r = await s.scim('/Users', { method: 'POST', json: oktaUser('status@x.io', 'S', 'T', 'st') });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ schemas: [ERROR_URN], status: '429', detail: 'Too Many Requests' });
    expect(body['description']).toBe(body['detail']);
    expect(lastLog()).toMatchObject({
      status: 429,
      fault: { rule: 'okta-429', action: 'status', afterWrite: false },
    });
    expect(await countUsers('status@x.io')).toBe(0);
    // times: 1: the retry goes through.
    expect(
      (await s.scim('/Users', { method: 'POST', json: oktaUser('status@x.io', 'S', 'T', 'st') })).status,
    ).toBe(201);
    expect(lastLog()?.fault).toBeNull();
  });

  it("sends an HTTP-date Retry-After as given, and the rfc profile's SCIM content type", async () => {
    const rfc = await startTestServer({ profile: 'rfc' });
    try {
      const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
      await rfc.core.setFaultRules([
        { name: 'd', match: {}, respond: { status: 503, retryAfter: date, detail: 'Down for maintenance' } },
      ]);
      const r = await rfc.scim('/Users');
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe(date);
      expect(r.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      const body = (await r.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: '503', detail: 'Down for maintenance' });
      expect(body['description']).toBeUndefined();
    } finally {
      await rfc.close();
    }
  });
});

describe('respond.delayMs', () => {
  it('waits, then answers normally, and the log says which rule delayed it', async () => {
    await set({ name: 'slow', match: { resource: 'Users', method: 'GET' }, respond: { delayMs: 300 } });
    const r = await s.scim('/Users?count=1');
    expect(r.status).toBe(200);
    const entry = lastLog();
    expect(entry).toMatchObject({ status: 200, fault: { rule: 'slow', action: 'delay' } });
    expect(entry?.durationMs).toBeGreaterThanOrEqual(300);
  });

  it('with a status: waits, then answers with it', async () => {
    await set({ name: 'slow-500', match: {}, respond: { delayMs: 200, status: 500 } });
    expect((await s.scim('/Users?count=1')).status).toBe(500);
    expect(lastLog()?.durationMs).toBeGreaterThanOrEqual(200);
  });
});

/** Sends one raw HTTP request and collects every byte until the server closes the socket. */
function rawRequest(text: string): Promise<{ bytes: number; closed: boolean }> {
  const url = new URL(s.base);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(url.port), url.hostname, () => sock.write(text));
    let bytes = 0;
    sock.on('data', (d) => (bytes += d.length));
    sock.on('error', reject);
    sock.on('close', () => resolve({ bytes, closed: true }));
  });
}

describe('respond.drop', () => {
  it('closes the socket before writing a byte, and stores nothing', async () => {
    await set({ name: 'drop', match: { method: 'POST' }, respond: { drop: true } });
    const body = JSON.stringify(oktaUser('drop@x.io', 'D', 'R', 'dr'));
    const url = new URL(s.base);
    const r = await rawRequest(
      `POST ${url.pathname}/Users HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        `Content-Type: application/scim+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    expect(r).toEqual({ bytes: 0, closed: true });
    await set();
    expect(await countUsers('drop@x.io')).toBe(0);
    const dropped = s.core.log.query({ methods: ['POST'], limit: 5 }).find((e) => e.status === 0);
    expect(dropped).toMatchObject({ fault: { rule: 'drop', action: 'drop' } });
  });
});

describe('respond.afterWrite (the lost acknowledgement)', () => {
  it('applies a create exactly once, answers with the fault, and the retry meets 409 uniqueness', async () => {
    await set({
      name: 'lost',
      match: { method: 'POST', resource: 'Users' },
      respond: { status: 504, afterWrite: true },
      times: 1,
    });
    const body = oktaUser('lost@x.io', 'L', 'A', 'la');
    const r = await s.scim('/Users', { method: 'POST', json: body });
    expect(r.status).toBe(504);
    expect(lastLog()).toMatchObject({
      status: 504,
      fault: { rule: 'lost', afterWrite: true },
      warnings: expect.arrayContaining([expect.stringContaining('replaced the real answer, 201')]),
    });
    expect(await countUsers('lost@x.io')).toBe(1);
    const retry = await s.scim('/Users', { method: 'POST', json: body });
    expect(retry.status).toBe(409);
    expect(((await retry.json()) as { scimType: string }).scimType).toBe('uniqueness');
    expect(await countUsers('lost@x.io')).toBe(1);
  });

  it('applies a PATCH once, then drops the connection', async () => {
    const created = await s.scim('/Users', { method: 'POST', json: oktaUser('patch@x.io', 'P', 'A', 'pa') });
    const { id } = (await created.json()) as { id: string };
    await set({
      name: 'lost-patch',
      match: { method: 'PATCH', userName: '^patch@' },
      respond: { drop: true, afterWrite: true },
    });
    await expect(
      s.scim(`/Users/${id}`, { method: 'PATCH', json: pathlessReplace({ active: false }) }),
    ).rejects.toThrow();
    await set();
    const after = (await (await s.scim(`/Users/${id}`)).json()) as {
      active: boolean;
      meta: { version: string };
    };
    expect(after.active).toBe(false);
    // One write: the version moved once from the create's.
    const detail = s.core.store.engine.read((r) => s.core.store.users.findById(r, id));
    expect(detail?.version).toBe(2);
  });
});

describe('authentication comes first', () => {
  it('a request without a valid token gets 401, and the rule does not count it', async () => {
    await set({ name: 'all', match: {}, respond: { status: 500 } });
    expect((await fetch(`${s.base}/Users`)).status).toBe(401);
    expect(
      (await fetch(`${s.base}/Users`, { headers: { authorization: 'Bearer wrong-token-000000000000' } }))
        .status,
    ).toBe(401);
    expect(s.core.faults.states()[0]).toMatchObject({ matched: 0, hits: 0 });
    expect((await s.scim('/Users')).status).toBe(500);
    expect(s.core.faults.states()[0]).toMatchObject({ matched: 1, hits: 1 });
  });

  it("matches on the token name and on the target resource's userName", async () => {
    const other = await s.core.tokens.create('other-client');
    const created = await s.scim('/Users', { method: 'POST', json: oktaUser('target@x.io', 'T', 'G', 'tg') });
    const { id } = (await created.json()) as { id: string };
    await set(
      { name: 'other-token', match: { token: 'other-client' }, respond: { status: 503 } },
      { name: 'target', match: { method: 'DELETE', userName: '^TARGET@' }, respond: { status: 500 } },
    );
    expect(
      (await s.scim('/Users?count=1', { headers: { authorization: `Bearer ${other.token}` } })).status,
    ).toBe(503);
    expect((await s.scim('/Users?count=1')).status).toBe(200);
    expect((await s.scim(`/Users/${id}`, { method: 'DELETE' })).status).toBe(500);
    await set();
    expect((await s.scim(`/Users/${id}`)).status).toBe(200);
  });
});
