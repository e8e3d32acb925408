/**
 * The benches' hidden start options (docs/running.md): `--bench-history-off` records no
 * resource history, and `--bench-floor` records nothing about requests (no request log, no Okta
 * action, no history) while answering SCIM exactly as before. Real CLI in a child process; the
 * data directory is read back through the store after it stops.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store';
import { CHILD_TOKEN, startChildServer } from '../support/child-server';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function pushUser(flags: string[]): Promise<{ dataDir: string; logged: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'scimdesk-switch-'));
  dirs.push(dataDir);
  const server = await startChildServer({ dataDir, token: CHILD_TOKEN, extraArgs: flags });
  try {
    const headers = { authorization: `Bearer ${CHILD_TOKEN}`, 'content-type': 'application/scim+json' };
    const created = await fetch(`${server.base}/Users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'floor@example.com',
        name: { givenName: 'Flo', familyName: 'Or' },
        emails: [{ value: 'floor@example.com', primary: true }],
        active: true,
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patched = await fetch(`${server.base}/Users/${id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
    });
    expect(patched.status).toBeLessThan(300);
    const read = await fetch(`${server.base}/Users/${id}`, { headers });
    expect(((await read.json()) as { active: boolean }).active).toBe(false);
  } finally {
    expect(await server.stop()).toBe(0);
  }
  const file = join(dataDir, 'log', 'requests.jsonl');
  return { dataDir, logged: existsSync(file) ? readFileSync(file, 'utf8') : '' };
}

async function versions(dataDir: string): Promise<number> {
  const store = await openStore({ dir: join(dataDir, 'db') });
  try {
    return store.history.stats().versions;
  } finally {
    await store.close();
  }
}

describe('bench start options', () => {
  it('by default logs every request and records a version per write', async () => {
    const { dataDir, logged } = await pushUser([]);
    expect(logged.trim().split('\n')).toHaveLength(3);
    expect(await versions(dataDir)).toBe(2);
  });

  it('--bench-history-off keeps the request log and records no history', async () => {
    const { dataDir, logged } = await pushUser(['--bench-history-off']);
    expect(logged.trim().split('\n')).toHaveLength(3);
    expect(await versions(dataDir)).toBe(0);
  });

  it('--bench-floor answers the same and records nothing about the requests', async () => {
    const { dataDir, logged } = await pushUser(['--bench-floor']);
    expect(logged).toBe('');
    expect(await versions(dataDir)).toBe(0);
  });
});
