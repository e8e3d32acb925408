/**
 * `npm run serve -- --faults FILE` as an operator runs it (a child process): a malformed file
 * is refused at start with the rule and field named, a valid one is in force from the first
 * request. Then live edits through the admin API, and a seeded probability rule that fails the
 * same requests on two separate server runs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminService, type AdminService } from '../../server/admin/service';
import { CHILD_TOKEN, ROOT, startChildServer } from '../support/child-server';
import { startTestServer, type TestServer } from '../support/scim-server';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimdesk-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('--faults FILE', () => {
  it('refuses a malformed file at start, naming the rule and the field, and exits non-zero', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        rules: [
          { name: 'fine', match: {}, respond: { status: 500 } },
          {
            name: 'okta-429',
            match: { method: 'POST', resource: 'Users' },
            respond: { status: 200, retryAfter: 2 },
          },
        ],
      }),
    );
    const r = await runCli([
      '--port',
      '0',
      '--no-console',
      '--data',
      join(dir, 'data-bad'),
      '--faults',
      file,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('rules[1] "okta-429": respond.status must be 4xx or 5xx');
    expect(r.stdout).not.toContain('SCIM base URL');
  });

  it('applies a valid file from the first request', async () => {
    const file = join(dir, 'good.json');
    await writeFile(
      file,
      JSON.stringify({
        rules: [
          { name: 'okta-429', match: { method: 'GET' }, respond: { status: 429, retryAfter: 2 }, times: 1 },
        ],
      }),
    );
    const child = await startChildServer({ dataDir: join(dir, 'data-good'), extraArgs: ['--faults', file] });
    try {
      expect(child.output()).toContain('Fault rules active: okta-429');
      const get = () => fetch(`${child.base}/Users`, { headers: { authorization: `Bearer ${CHILD_TOKEN}` } });
      const first = await get();
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('2');
      expect((await get()).status).toBe(200);
    } finally {
      await child.stop();
    }
  });
});

describe('admin API: live edits', () => {
  let s: TestServer;
  let admin: AdminService;
  beforeAll(async () => {
    s = await startTestServer();
    admin = createAdminService(s.core);
  });
  afterAll(async () => {
    admin.dispose();
    await s.close();
  });

  it('sets, toggles and counts rules; refuses a bad rule naming it; the Settings switch is the rate-limit rule', async () => {
    await expect(
      admin.setFaultRules({ rules: [{ name: 'bad', match: {}, respond: { status: 302 } }] }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'rules[0] "bad": respond.status must be 4xx or 5xx',
    });

    const events: string[] = [];
    const off = admin.subscribe((e) => events.push(e.type));
    let view = await admin.setFaultRules({
      rules: [{ name: 'flaky', match: { method: 'GET' }, respond: { status: 503 } }],
    });
    expect(view.anyActive).toBe(true);
    expect(events).toContain('faults-changed');
    expect((await s.scim('/Users')).status).toBe(503);
    expect((await admin.listFaults()).rules[0]).toMatchObject({ hits: 1, matched: 1, active: true });

    view = await admin.toggleFaultRule({ name: 'flaky', enabled: false });
    expect(view.anyActive).toBe(false);
    expect((await s.scim('/Users')).status).toBe(200);
    await expect(admin.toggleFaultRule({ name: 'nope', enabled: true })).rejects.toMatchObject({
      code: 'not-found',
    });

    view = await admin.addFaultPreset({ id: '429-once' });
    expect(view.rules.map((r) => r.rule.name)).toEqual(['flaky', '429-once']);
    expect(view.presets.map((p) => p.id)).toContain('drop-every-10th');

    // The Settings switch and the preset are one rule, kept in the stored settings.
    await admin.updateSettings({ rateLimit: { enabled: true, perSecond: 25 } });
    expect((await admin.listFaults()).rules[0]?.rule).toMatchObject({
      name: 'netskope-rate-limit',
      ratePerSecond: 25,
    });
    await admin.toggleFaultRule({ name: 'netskope-rate-limit', enabled: false });
    expect((await admin.getSettings()).rateLimit).toEqual({ enabled: false, perSecond: 25 });
    expect(s.core.settings().faultRules.map((r) => r.name)).toEqual([
      'netskope-rate-limit',
      'flaky',
      '429-once',
    ]);
    off();

    expect(
      await admin.checkFaultRules({ text: '{"rules":[{"name":"x","match":{},"respond":{"status":600}}]}' }),
    ).toEqual({
      ok: false,
      errors: ['rules[0] "x": respond.status must be 4xx or 5xx'],
    });
  });

  it('rules survive a restart from the stored settings', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'scimdesk-faults-restart-'));
    try {
      const a = await startTestServer({ dataDir });
      await a.core.setFaultRules([{ name: 'kept', match: {}, respond: { status: 500 }, enabled: false }]);
      await a.close();
      const b = await startTestServer({ dataDir });
      expect(b.core.faults.rules()).toEqual([
        { name: 'kept', match: {}, respond: { status: 500 }, enabled: false },
      ]);
      await b.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the rate-limit switch from before fault rules', () => {
  it('becomes the netskope-rate-limit rule at the first start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'scimdesk-faults-migrate-'));
    try {
      const a = await startTestServer({ dataDir });
      // what an older version stored: the switch on, no fault rules
      await a.core.store.engine.write((tx) =>
        a.core.store.settings.set(tx, 'rateLimit', { enabled: true, perSecond: 10 }),
      );
      expect(a.core.settings().faultRules).toEqual([]);
      await a.close();
      const b = await startTestServer({ dataDir });
      expect(b.core.faults.rules()).toMatchObject([{ name: 'netskope-rate-limit', ratePerSecond: 10 }]);
      expect(b.core.settings().rateLimit).toEqual({ enabled: true, perSecond: 10 });
      await b.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('seeded probability across runs', () => {
  it('fails the same requests on two separate servers', async () => {
    const statuses = async (): Promise<number[]> => {
      const s = await startTestServer();
      try {
        await s.core.setFaultRules([
          { name: 'flaky', match: { method: 'GET' }, respond: { status: 503 }, probability: 0.3, seed: 99 },
        ]);
        const out: number[] = [];
        for (let i = 0; i < 40; i++) out.push((await s.scim('/Users?count=1')).status);
        return out;
      } finally {
        await s.close();
      }
    };
    const first = await statuses();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
  });
});
