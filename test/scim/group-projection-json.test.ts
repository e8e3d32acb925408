/**
 * `GET /Groups/{id}?attributes=members,displayName` drops `meta` (RFC 7644 §3.9: only the
 * asked-for attributes plus `id`); the members splice must still produce valid JSON. Found by
 * the Okta simulator's membership read-back (docs/simulator.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';

describe.each(['netskope', 'rfc'] as const)('group projection with members (%s)', (profile) => {
  let s: TestServer;
  let id: string;
  beforeAll(async () => {
    s = await startTestServer({ profile });
    const res = await s.scim('/Groups', {
      method: 'POST',
      json: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Projected',
        members: [],
      },
    });
    id = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => s.close());

  it.each(['members,displayName', 'members'])('attributes=%s answers parseable JSON', async (attrs) => {
    const res = await s.scim(`/Groups/${id}?attributes=${attrs}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body['id']).toBe(id);
    expect(body['members'] ?? []).toEqual([]);
    expect(text).not.toContain('undefined');
  });
});
