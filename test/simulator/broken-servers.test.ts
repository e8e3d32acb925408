/**
 * The simulator catches each failure class of issue 14: a tiny server with one defect, and the
 * step that depends on it fails with its one-line reason. The same tiny server without a
 * defect passes, so each failure is the defect's doing.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../server/simulator/runner';
import type { SimulatorApp } from '../../server/simulator/types';
import { startTinyServer, TINY_TOKEN, type Defect } from './broken-servers';

async function simulate(defect: Defect, app: SimulatorApp = 'oin') {
  const server = await startTinyServer(defect);
  try {
    return await runSimulation({ baseUrl: server.base, token: TINY_TOKEN, app });
  } finally {
    await server.close();
  }
}

describe('the simulator against tiny servers', () => {
  it.each(['oin', 'aiw'] as const)('passes a correct tiny server (%s)', async (app) => {
    const r = await simulate('none', app);
    expect(r.steps.filter((s) => s.status !== 'passed')).toEqual([]);
    expect(r.failed).toBe(0);
    expect(r.passed).toBeGreaterThan(30);
  });

  it.each<{ defect: Defect; app: SimulatorApp; step: string; reason: RegExp }>([
    {
      app: 'oin',
      defect: 'case-sensitive-lookup',
      step: 'assign.lookup-case',
      reason: /found nothing: the lookup is case-sensitive, so Okta would POST a duplicate/,
    },
    {
      app: 'oin',
      defect: 'patch-200-no-body',
      step: 'deactivate.request',
      reason: /^PATCH \/Users\/\S+ → 200: PATCH answered 200 with no body .* response: \(empty body\)$/,
    },
    {
      app: 'oin',
      defect: 'members-ignored',
      step: 'group-push.read-back',
      reason: /the membership push reported success, but \S+ is absent on read-back/,
    },
    {
      defect: 'members-ignored',
      app: 'aiw',
      step: 'members.add',
      reason: /"add" reported success, but \S+, \S+ are absent on read-back \(members: \[\]\)/,
    },
    {
      app: 'oin',
      defect: 'no-409',
      step: 'assign.duplicate',
      reason: /^POST \/Users → 201: a duplicate userName was accepted/,
    },
    {
      app: 'oin',
      defect: 'wrong-total',
      step: 'import.users',
      reason: /totalResults says 100 but the walk returned \d+ users/,
    },
    {
      app: 'oin',
      defect: 'active-ignored',
      step: 'deactivate.read-back',
      reason: /active reads back as true after Okta set it to false: the user keeps access/,
    },
    {
      defect: 'active-ignored',
      app: 'aiw',
      step: 'deactivate.request',
      reason: /^PUT \/Users\/\S+ → 200: answered active:true after Okta sent active:false/,
    },
    {
      app: 'oin',
      defect: 'fixed-json',
      step: 'assign.create',
      reason:
        /^GET \/Users\?filter=userName%20eq%20%22.*→ 200: a userName no one has created was found: Okta would link to it/,
    },
  ])('fails $step on a server with $defect ($app)', async ({ defect, app, step, reason }) => {
    const r = await simulate(defect, app);
    const s = r.steps.find((x) => x.id === step);
    expect(s?.status, JSON.stringify(s)).toBe('failed');
    expect(s?.reason).toMatch(reason);
    expect(s?.reason).not.toContain('\n');
    expect(s?.reason).toContain(' · response: ');
    expect(r.failed).toBeGreaterThan(0);
  });

  it('says what a server that stores nothing does to the rest of the run', async () => {
    const r = await simulate('fixed-json');
    const failed = r.steps.filter((s) => s.status === 'failed').map((s) => s.id);
    // Nothing was created, so everything that needs the user is skipped, not falsely passed.
    expect(failed).toContain('assign.create');
    expect(r.steps.find((s) => s.id === 'profile.push')?.status).toBe('skipped');
    expect(r.steps.some((s) => s.status === 'passed' && s.flow === 'members')).toBe(false);
  });
});
