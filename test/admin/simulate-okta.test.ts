/**
 * "Simulate Okta" through the admin binding: validated input, a run against the tenant's own
 * endpoint with a token minted (and revoked) for it, progress events, simulated log entries
 * and a ticked checklist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminEvent } from '../../server/admin/contract';
import { invokeAdmin } from '../../server/admin/invoke';
import { createAdminService, type AdminService } from '../../server/admin/service';
import { SIMULATOR_TOKEN_NAME } from '../../server/admin/simulate-okta';
import { startTestServer, type TestServer } from '../support/scim-server';

let srv: TestServer;
let admin: AdminService;
const events: AdminEvent[] = [];

beforeAll(async () => {
  srv = await startTestServer({ profile: 'netskope' });
  admin = createAdminService(srv.core);
  admin.subscribe((e) => events.push(e));
});
afterAll(async () => {
  admin.dispose();
  await srv.close();
});

describe('simulateOkta', () => {
  it.each([
    [{ flows: ['teleport'] }, /flows/],
    [{ app: 'saml' }, /app/],
    [{ flows: [] }, /flows/],
    [{ app: 'oin', extra: 1 }, /extra/],
    [undefined, /simulateOkta/],
  ])('refuses bad input %j at the binding', async (payload, message) => {
    const r = await invokeAdmin(admin, 'simulateOkta', payload);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.message).toMatch(message);
    }
    expect(srv.core.log.size.entries).toBe(0);
  });

  it('runs the flows against this tenant, live, with a token it revokes afterwards', async () => {
    const before = events.length;
    const r = await invokeAdmin(admin, 'simulateOkta', { app: 'oin' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const result = r.data as { passed: number; failed: number; steps: { id: string; status: string }[] };
    expect(result.steps.filter((s) => s.status !== 'passed')).toEqual([]);
    expect(result.failed).toBe(0);

    const sim = events.slice(before).filter((e) => e.type === 'simulation');
    expect(sim[0]).toEqual({ type: 'simulation', running: true, step: null });
    expect(sim.filter((e) => e.type === 'simulation' && e.running && e.step)).toHaveLength(
      result.steps.length,
    );
    expect(sim.at(-1)).toEqual({ type: 'simulation', running: false, passed: result.passed, failed: 0 });

    // Every request it sent with its token is in the log, marked simulated. The one it sends
    // with a wrong token on purpose (credentials.wrong-token) cannot be attributed: 401, no token.
    const logged = srv.core.log.query({ limit: 5000 });
    expect(logged.length).toBeGreaterThan(result.steps.length);
    const unattributed = logged.filter((e) => e.tokenName === null);
    const attributed = logged.filter((e) => e.tokenName !== null);
    expect(unattributed.map((e) => [e.status, e.simulated])).toEqual([[401, undefined]]);
    expect(attributed.every((e) => e.simulated && e.tokenName === SIMULATOR_TOKEN_NAME)).toBe(true);
    const entry = srv.core.log.get(logged[0]?.id ?? '');
    expect(entry?.simulated).toBe(true);

    // The checklist ticked from that traffic, as it would for a real org.
    const steps = await admin.checklist();
    const done = steps.filter((s) => s.done).map((s) => s.id);
    expect(done).toEqual(
      expect.arrayContaining([
        'credentials-tested',
        'user-created',
        'user-updated',
        'user-deactivated',
        'group-pushed',
        'group-members',
      ]),
    );

    // The token is gone, and a request with a real token is not marked simulated.
    expect((await admin.listTokens()).some((t) => t.clientName === SIMULATOR_TOKEN_NAME)).toBe(false);
    await srv.scim('/Users?startIndex=1&count=2');
    expect(srv.core.log.query({ limit: 1 })[0]?.simulated).toBeUndefined();
  });

  it('runs one simulation at a time', async () => {
    const first = admin.simulateOkta({ flows: ['credentials'] });
    const second = await invokeAdmin(admin, 'simulateOkta', { flows: ['credentials'] });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await first).failed).toBe(0);
  });
});
