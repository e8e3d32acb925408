/**
 * `npm run simulate` as a child process (`node --import tsx server/cli-simulate.ts`) against
 * a real ScimDesk: the last line is `N passed, N failed`, the exit code says whether anything
 * failed, and `--report` writes every step as JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../server/simulator/types';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';

function simulate(args: string[]): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli-simulate.ts', ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCIMDESK_SIMULATE_TOKEN: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: out.trimEnd().split('\n'), stderr: err }));
  });
}

describe('npm run simulate', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer({ profile: 'netskope' });
    dir = await mkdtemp(join(tmpdir(), 'scimdesk-sim-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 with "N passed, 0 failed" and writes the report', async () => {
    const report = join(dir, 'report.json');
    const r = await simulate([
      '--url',
      server.base,
      '--token',
      TOKEN,
      '--flows',
      'deactivate',
      '--report',
      report,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const last = r.lines.at(-1) ?? '';
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(r.lines.filter((l) => /^\d+ passed, \d+ failed$/.test(l))).toHaveLength(1);
    const json = JSON.parse(await readFile(report, 'utf8')) as RunResult;
    expect(json.flows).toEqual(['assign', 'deactivate']);
    expect(`${json.passed} passed, ${json.failed} failed`).toBe(last);
    expect(json.steps.map((s) => s.id)).toContain('deactivate.read-back');
    expect(json.steps.every((s) => s.exchanges.length > 0)).toBe(true);
    expect(json.steps[0]?.exchanges[0]).toMatchObject({ method: 'GET', status: 200, okta: true });
  });

  it('exits 1 when a step fails, and names the step and its reason', async () => {
    const r = await simulate([
      '--url',
      server.base,
      '--token',
      'wrong-token-value',
      '--flows',
      'credentials',
    ]);
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toBe('1 passed, 2 failed');
    const i = r.lines.findIndex((l) => l.startsWith('FAIL credentials.users'));
    expect(r.lines[i + 1]).toMatch(
      /Okta task failed: GET \/Users\?startIndex=1&count=2 → 401: .* · response: \{/,
    );
  });

  it('exits 2 on a usage error', async () => {
    const r = await simulate(['--url', server.base, '--token', TOKEN, '--flows', 'assign,teleport']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown flow teleport/);
  });

  it('load mode prints throughput, percentiles and errors, and deactivates what it made', async () => {
    const r = await simulate([
      '--url',
      server.base,
      '--token',
      TOKEN,
      '--users',
      '25',
      '--concurrency',
      '3',
      '--rate',
      '500',
    ]);
    expect(r.code).toBe(0);
    const text = r.lines.join('\n');
    expect(text).toMatch(/Load: 25 users \(25 created, 0 linked\)/);
    expect(text).toMatch(/throughput [\d.]+ users\/s, [\d.]+ requests\/s \(50 requests\)/);
    expect(text).toMatch(/latency p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms/);
    expect(text).toMatch(/errors 0/);
    expect(r.lines.at(-1)).toBe('2 passed, 0 failed');
    const list = (await (
      await server.scim(`/Users?filter=${encodeURIComponent('userName sw "load."')}&count=100`)
    ).json()) as { totalResults: number; Resources: { active: boolean }[] };
    expect(list.totalResults).toBe(25);
    expect(list.Resources.every((u) => !u.active)).toBe(true);
  });
});
