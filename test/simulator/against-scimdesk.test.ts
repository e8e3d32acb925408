/**
 * Acceptance: the Okta simulator passes against ScimDesk itself in every tenant profile, as
 * an OIN app (PATCH) and as an AIW app (GET + PUT). The real server runs in-process on
 * 127.0.0.1:0; the simulator talks to it over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from '../../server/domain/profiles';
import { runSimulation } from '../../server/simulator/runner';
import { SIMULATOR_FLOWS } from '../../server/simulator/types';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';

describe.each(PROFILE_NAMES)('simulator against ScimDesk (%s profile)', (profile) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ profile });
  });
  afterAll(() => server.close());

  it.each(['oin', 'aiw'] as const)('every flow passes as an %s app and cleans up', async (app) => {
    const r = await runSimulation({ baseUrl: server.base, token: TOKEN, app });
    expect(r.steps.filter((s) => s.status !== 'passed').map((s) => `${s.id}: ${s.reason}`)).toEqual([]);
    expect(r.failed).toBe(0);
    expect(new Set(r.steps.map((s) => s.flow))).toEqual(new Set([...SIMULATOR_FLOWS, 'cleanup']));
    // Okta's own requests went out with Okta's User-Agent; the run's groups are gone.
    const groups = await (await server.scim('/Groups?startIndex=1&count=100')).json();
    expect((groups as { totalResults: number }).totalResults).toBe(0);
    const users = (await (
      await server.scim(`/Users?filter=${encodeURIComponent('userName co "Okta"')}`)
    ).json()) as { Resources: { active: boolean }[] };
    expect(users.Resources.length).toBeGreaterThanOrEqual(2);
    expect(users.Resources.every((u) => u.active === false)).toBe(true);
    expect(r.leftBehind.join(' ')).toMatch(/deactivated — Okta never deletes users/);
    const uas = server.core.log.find((e) => e.userAgent === 'Okta SCIM Client 1.0.0', 10_000);
    expect(uas.length).toBeGreaterThanOrEqual(r.steps.length);
  });
});
