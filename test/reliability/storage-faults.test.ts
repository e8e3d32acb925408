/**
 * Storage damage seen from the SCIM side (issue 4, "Faults: storage damage"). The engine's own
 * tests (test/store/durability-*.test.ts) prove the journal mechanics; these prove what Okta and
 * the admin see over HTTP:
 * - a full disk (ENOSPC on append) or EIO on fsync: the write is answered with a SCIM 503 (with
 *   Retry-After: Okta retries 5xx, docs/okta.md §1), never a 2xx; the store reports 'failed' on
 *   core.events and in the console's info(); reads keep working; once the fault clears, writes
 *   succeed and a restart holds every acknowledged write and none of the refused ones;
 * - a truncated or corrupted journal at start-up: the server starts, recovers to the last good
 *   record and says so (core.storeNotices, the CLI's stderr);
 * - a snapshot that cannot be written: reported, writes go on, nothing is lost.
 * Faults come through the `storeIo` seam of startScimDesk (journal file operations).
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminService } from '../../server/admin/service';
import { startScimDesk, type ScimDeskCore, type StartOptions } from '../../server/app';
import { nodeIo, type EngineIo } from '../../server/store/engine-io';
import { scanRecords } from '../../server/store/journal';
import { oktaUser, pathlessReplace } from '../e2e/okta-bodies';
import { CHILD_TOKEN, startChildServer } from '../support/child-server';
import { expectScimError } from '../support/scim-error';

const TOKEN = 'faults-token-0123456789abcdefghijklmn';
const dirs: string[] = [];
const cores: ScimDeskCore[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'scimdesk-faults-'));
  dirs.push(d);
  return d;
}

async function start(dataDir: string, extra: Partial<StartOptions> = {}): Promise<ScimDeskCore> {
  const core = await startScimDesk({ dataDir, port: 0, bootstrapToken: TOKEN, ...extra });
  cores.push(core);
  return core;
}

async function closeCore(core: ScimDeskCore): Promise<void> {
  cores.splice(cores.indexOf(core), 1);
  await core.close();
}

function client(core: ScimDeskCore) {
  return (path: string, method = 'GET', json?: unknown): Promise<Response> =>
    fetch(`${core.scimUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(json === undefined ? {} : { 'content-type': 'application/scim+json' }),
      },
      body: json === undefined ? null : JSON.stringify(json),
    });
}

async function postUser(core: ScimDeskCore, userName: string): Promise<Response> {
  return client(core)('/Users', 'POST', oktaUser(userName, 'Disk', 'Full', userName));
}

async function userNames(core: ScimDeskCore): Promise<string[]> {
  const res = await client(core)('/Users?count=200');
  const body = (await res.json()) as { Resources?: { userName: string }[] };
  return (body.Resources ?? []).map((u) => u.userName).sort();
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Journal I/O with switches: a failing `write` writes half the batch first (a torn append). */
function faultyIo(): { fault: { write: boolean; fsync: boolean }; io: Partial<EngineIo> } {
  const fault = { write: false, fsync: false };
  return {
    fault,
    io: {
      async write(fd, data, position) {
        if (!fault.write) return nodeIo.write(fd, data, position);
        await nodeIo.write(fd, data.subarray(0, Math.ceil(data.length / 2)), position);
        throw errno('ENOSPC');
      },
      async fsync(fd) {
        if (fault.fsync) throw errno('EIO');
        return nodeIo.fsync(fd);
      },
    },
  };
}

describe.each([
  ['the disk is full (ENOSPC, torn append)', 'write' as const, /ENOSPC/],
  ['fsync fails (EIO)', 'fsync' as const, /EIO/],
])('when %s', (_name, kind, code) => {
  it('writes get a SCIM 503, the store reports failed, and nothing acknowledged is lost', async () => {
    const dataDir = await tempDir();
    const { fault, io } = faultyIo();
    const core = await start(dataDir, { storeIo: io });
    const admin = createAdminService(core);
    const health: { health: string; message: string | null }[] = [];
    core.events.on('store', (s) => health.push(s));

    expect((await postUser(core, 'before@example.com')).status).toBe(201);
    const before = (await (await client(core)('/Users?count=1')).json()) as { Resources: { id: string }[] };
    const id = before.Resources[0]?.id as string;

    fault[kind] = true;
    const refused = await postUser(core, 'refused@example.com');
    const body = await expectScimError(refused, 503);
    expect(body.detail).toMatch(/not applied/);
    expect(refused.headers.get('retry-after')).toBe('5');
    await expectScimError(
      await client(core)(`/Users/${id}`, 'PATCH', pathlessReplace({ active: false })),
      503,
    );
    expect(health.at(-1)).toMatchObject({ health: 'failed' });
    expect(health.at(-1)?.message).toMatch(code);
    const info = await admin.info();
    expect(info.storeHealth).toBe('failed');
    expect(info.storeError).toMatch(/journal append failed/);

    // Reads still work and show only what is on disk.
    expect(await userNames(core)).toEqual(['before@example.com']);
    const stillActive = (await (await client(core)(`/Users/${id}`)).json()) as { active: boolean };
    expect(stillActive.active).toBe(true);
    // The 503 is in the request log with the reason.
    const logged = core.log.query({}).find((e) => e.status === 503);
    expect(logged?.warnings.join(' ')).toMatch(/could not be saved/);

    fault[kind] = false;
    expect((await postUser(core, 'after@example.com')).status).toBe(201);
    expect(health.at(-1)).toMatchObject({ health: 'ok' });
    expect((await admin.info()).storeHealth).toBe('ok');
    await closeCore(core);

    const again = await start(dataDir);
    expect(await userNames(again)).toEqual(['after@example.com', 'before@example.com']);
  });
});

/** Starts, creates `n` users one by one (the last record is the last user), stops cleanly. */
async function seed(n: number): Promise<{ dataDir: string; journal: string }> {
  const dataDir = await tempDir();
  const core = await start(dataDir);
  for (let i = 0; i < n; i++) expect((await postUser(core, `u${i}@example.com`)).status).toBe(201);
  await closeCore(core);
  const db = join(dataDir, 'db');
  const segments = (await readdir(db)).filter((f) => f.startsWith('journal-')).sort();
  return { dataDir, journal: join(db, segments.at(-1) as string) };
}

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `u${i}@example.com`).sort();

describe('a damaged journal at start-up', () => {
  const cases: [string, (buf: Buffer) => Buffer, number, RegExp | null][] = [
    ['last record torn (cut 7 bytes short)', (b) => b.subarray(0, b.length - 7), 4, /torn record/],
    [
      'last record corrupted (one byte flipped)',
      (b) => {
        const out = Buffer.from(b);
        out[out.length - 3] = (out[out.length - 3] as number) ^ 0xff;
        return out;
      },
      4,
      /CRC mismatch/,
    ],
    ['zeroes after the last record', (b) => Buffer.concat([b, Buffer.alloc(4096)]), 5, /bad length 0/],
    [
      'half a header after the last record',
      (b) => Buffer.concat([b, Buffer.from([9, 0, 0])]),
      5,
      /torn header/,
    ],
    [
      'the record of the third user corrupted',
      (b) => {
        const rec = scanRecords(b).records.find((r) => r.payload.includes('u2@example.com'));
        const out = Buffer.from(b);
        if (rec) out[rec.start + 12] = (out[rec.start + 12] as number) ^ 0x55;
        return out;
      },
      2,
      /CRC mismatch/,
    ],
  ];

  it.each(cases)(
    '%s: starts, recovers to the last good record, reports it',
    async (_n, damage, kept, msg) => {
      const { dataDir, journal } = await seed(5);
      await writeFile(journal, damage(await readFile(journal)));
      const core = await start(dataDir);
      expect(await userNames(core)).toEqual(names(5).slice(0, kept));
      expect(core.storeNotices.join('\n')).toMatch(msg ?? /./);
      expect(core.storeNotices.join('\n')).toMatch(/recovered to LSN \d+/);
      // The repaired store takes writes and keeps them.
      expect((await postUser(core, 'z-after-repair@example.com')).status).toBe(201);
      await closeCore(core);
      const again = await start(dataDir);
      expect(again.storeNotices).toEqual([]);
      expect(await userNames(again)).toEqual([...names(5).slice(0, kept), 'z-after-repair@example.com']);
    },
  );

  it('the headless CLI prints the repair before the SCIM base URL', async () => {
    const dataDir = await tempDir();
    const first = await startChildServer({ dataDir, token: CHILD_TOKEN });
    const res = await fetch(`${first.base}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CHILD_TOKEN}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(oktaUser('cli@example.com', 'C', 'L', 'cli')),
    });
    expect(res.status).toBe(201);
    await first.kill();
    const db = join(dataDir, 'db');
    const journal = join(
      db,
      (await readdir(db))
        .filter((f) => f.startsWith('journal-'))
        .sort()
        .at(-1) as string,
    );
    await writeFile(journal, Buffer.concat([await readFile(journal), Buffer.from('garbage after a crash')]));
    const second = await startChildServer({ dataDir, token: CHILD_TOKEN });
    try {
      expect(second.output()).toMatch(
        /Store repaired at start-up: journal .*truncated there, recovered to LSN/,
      );
    } finally {
      await second.stop();
    }
  });
});

describe('a snapshot that cannot be written', () => {
  it('is reported, writes go on, and nothing is lost', async () => {
    const dataDir = await tempDir();
    const core = await start(dataDir);
    const events: { health: string; message: string | null }[] = [];
    core.events.on('store', (s) => events.push(s));
    for (let i = 0; i < 3; i++) expect((await postUser(core, `u${i}@example.com`)).status).toBe(201);
    // The snapshot worker writes snapshot.tmp, then renames it: a directory there makes it fail.
    await mkdir(join(dataDir, 'db', 'snapshot.tmp'));
    await expect(core.store.engine.snapshot()).rejects.toThrow(/snapshot failed/);
    expect(events.at(-1)?.message).toMatch(/snapshot failed \(journal kept\)/);
    for (let i = 3; i < 5; i++) expect((await postUser(core, `u${i}@example.com`)).status).toBe(201);
    await closeCore(core);

    const again = await start(dataDir);
    expect(await userNames(again)).toEqual(names(5));
    // With the obstacle gone, a snapshot succeeds and a restart from it holds everything.
    await rm(join(dataDir, 'db', 'snapshot.tmp'), { recursive: true, force: true });
    await again.store.engine.snapshot();
    expect((await postUser(again, 'u5@example.com')).status).toBe(201);
    await closeCore(again);
    const third = await start(dataDir);
    expect(await userNames(third)).toEqual(names(6));
    expect(third.store.engine.stats().snapshotLsn).toBeGreaterThan(0);
  });
});
