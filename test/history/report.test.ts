/**
 * The validation report over a real server's data directory: `npm run report` reads it while
 * the server runs and after it stopped, never changes a byte of it; the HTML parses (parse5)
 * and names every checklist step and resource; the HAR has the HAR 1.2 structure.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST_STEPS } from '../../server/admin/checklist';
import type { ValidationReport } from '../../server/report/report-types';
import { startTestServer, type TestServer } from '../support/scim-server';
import { checkHar } from './har-structure';
import { oktaSession } from './okta-traffic';

const run = promisify(execFile);
let srv: TestServer;
let out: string;
let ids: { userId: string; groupId: string };

async function fingerprint(dir: string): Promise<string> {
  const h = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    for (const name of (await readdir(d)).sort()) {
      const p = join(d, name);
      const s = await stat(p);
      if (s.isDirectory()) await walk(p);
      else h.update(`${p}:${s.size}:${s.mtimeMs}:`).update(await readFile(p));
    }
  };
  await walk(dir);
  return h.digest('hex');
}

async function report(format: string, dataDir = srv.dataDir): Promise<string> {
  const file = join(out, `report-${format}-${Math.random().toString(36).slice(2)}`);
  await run(
    process.execPath,
    ['--import', 'tsx', 'server/report/cli.ts', '--data', dataDir, '--format', format, '--out', file],
    {
      timeout: 60_000,
    },
  );
  return readFile(file, 'utf8');
}

interface Node {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}
function textOf(n: Node): string {
  return n.nodeName === '#text' ? (n.value ?? '') : (n.childNodes ?? []).map(textOf).join('');
}
function all(n: Node, pred: (n: Node) => boolean, acc: Node[] = []): Node[] {
  if (pred(n)) acc.push(n);
  for (const c of n.childNodes ?? []) all(c, pred, acc);
  return acc;
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'scimdesk-report-out-'));
  srv = await startTestServer();
  ids = await oktaSession(srv);
  srv.core.log.flush();
}, 60_000);
afterAll(async () => {
  await srv.close();
  await rm(out, { recursive: true, force: true });
});

describe('npm run report', () => {
  it('reads a running server’s directory without changing it, and the HTML parses and names every step and resource', async () => {
    const before = await fingerprint(srv.dataDir);
    const html = await report('html');
    expect(await fingerprint(srv.dataDir)).toBe(before);
    const errors: string[] = [];
    const doc = parse(html, { onParseError: (e) => errors.push(e.code) }) as unknown as Node;
    expect(errors).toEqual([]);
    const text = textOf(doc);
    for (const step of CHECKLIST_STEPS) expect(text).toContain(step.label);
    for (const name of ['jane.doe@example.com', 'Finance', ids.userId, ids.groupId])
      expect(text).toContain(name);
    // Self-contained: no scripts, no external resources of any kind.
    expect(all(doc, (n) => n.nodeName === 'script' || n.nodeName === 'link' || n.nodeName === 'img')).toEqual(
      [],
    );
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).toContain('@media print');
  }, 90_000);

  it('JSON carries the same content: checklist, lifecycle, warnings, counts', async () => {
    const rep = JSON.parse(await report('json')) as ValidationReport;
    expect(rep.checklist.map((c) => c.id)).toEqual(CHECKLIST_STEPS.map((s) => s.id));
    const credentials = rep.checklist.find((c) => c.id === 'credentials-tested');
    expect(credentials?.done).toBe(true);
    expect(credentials?.evidence[0]?.oktaAction).toBe('test-credentials');
    expect(rep.users.map((u) => u.userName)).toContain('jane.doe@example.com');
    expect(rep.groups.map((g) => g.displayName)).toContain('Finance');
    const refused = rep.warnings.find((w) => w.kind === 'refused-request');
    expect(refused?.status).toBe(409);
    expect(refused?.scimType).toBe('uniqueness');
    expect(rep.statusCounts['4xx']).toBe(1);
    expect(rep.actionCounts['assign-create']).toBe(2);
    expect(rep.actionCounts['deactivate']).toBe(1);
    expect(rep.span.requests).toBeGreaterThan(8);
    // history while the server runs: versions still waiting for the history files are read from
    // the journal records that carry them
    const jane = rep.history.find((h) => h.resourceId === ids.userId);
    expect(jane?.versions.map((v) => v.kind)).toEqual(expect.arrayContaining(['create', 'deactivate']));
    expect(rep.span.versions).toBe(rep.history.reduce((n, h) => n + h.versions.length, 0));
  }, 90_000);

  it('exports the evidence as a HAR 1.2 file, redacted', async () => {
    const text = await report('har');
    const har = JSON.parse(text) as unknown;
    expect(checkHar(har)).toEqual([]);
    expect(text).not.toContain('S3cret-Pa55word');
    expect(text).not.toContain('test-token-0123456789');
  }, 90_000);

  it('reads the directory after the server stopped, and refuses to write into it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scimdesk-report-stopped-'));
    const other = await startTestServer({ dataDir: dir });
    await oktaSession(other);
    await other.core.close();
    const before = await fingerprint(dir);
    const rep = JSON.parse(await report('json', dir)) as ValidationReport;
    expect(rep.users).toHaveLength(1);
    // after a stop the versions are in the history files
    expect((await readdir(join(dir, 'db'))).some((f) => /^history-\d+\.log$/.test(f))).toBe(true);
    expect(rep.history.find((h) => h.resourceType === 'User')?.versions.length).toBeGreaterThan(0);
    expect(await fingerprint(dir)).toBe(before);
    await expect(
      run(process.execPath, [
        '--import',
        'tsx',
        'server/report/cli.ts',
        '--data',
        dir,
        '--out',
        join(dir, 'r.html'),
      ]),
    ).rejects.toThrow(/outside the data directory/);
    expect(await fingerprint(dir)).toBe(before);
    await rm(dir, { recursive: true, force: true });
  }, 90_000);
});
