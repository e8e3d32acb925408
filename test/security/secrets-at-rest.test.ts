/**
 * Tokens and passwords never reach the disk in clear (issue 4, "tokens never stored or logged in
 * clear"; docs/architecture.md "Security posture": tokens stored as SHA-256, the request log redacts
 * Authorization, Netskope-Api-Token and password). Tokens are created and used in every header
 * form (and refused ones tried), Okta-shaped writes carry a password (docs/okta.md §2.2 sends one
 * on every create) in every place a body can hold it, then every file in the data directory
 * (snapshot, journal segments, request log) is read as raw bytes and searched.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens';
import { createAdminService } from '../../server/admin/service';
import { oktaUser, PATCH_SCHEMA } from '../e2e/okta-bodies';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';

const PASSWORD = 'Pa55-w0rd-that-must-not-leak-7Q';
let s: TestServer;
const secrets: Record<string, string> = { bootstrap: TOKEN };

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

/** The needles to look for: the whole secret, and its tail past the stored 8-character prefix. */
function needles(secret: string): Buffer[] {
  return [Buffer.from(secret, 'utf8'), Buffer.from(secret.slice(8), 'utf8'), Buffer.from(secret, 'utf16le')];
}

async function scan(): Promise<{ files: string[]; hits: string[]; all: Buffer }> {
  const files = await filesUnder(s.dataDir);
  const hits: string[] = [];
  const chunks: Buffer[] = [];
  for (const f of files) {
    const bytes = await readFile(f);
    chunks.push(bytes);
    for (const [name, secret] of Object.entries({ ...secrets, password: PASSWORD })) {
      if (needles(secret).some((n) => bytes.includes(n))) hits.push(`${name} in ${f}`);
    }
  }
  return { files, hits, all: Buffer.concat(chunks) };
}

describe('secrets at rest', () => {
  it('no token and no password appears in the database files or the request log', async () => {
    const admin = createAdminService(s.core);
    const minted = await admin.createToken({ clientName: 'Okta' });
    secrets['minted'] = minted.token;
    const revoked = await s.core.tokens.create('revoked');
    secrets['revoked'] = revoked.token;
    await s.core.tokens.revoke(revoked.scimId);
    secrets['unknown'] = 'unknown-token-abcdefghijklmnopqrstuvwxyz012345';

    const as =
      (headers: Record<string, string>) =>
      (path: string, init: RequestInit & { json?: unknown } = {}) =>
        s.scim(path, {
          ...init,
          headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
        });
    const forms = [
      as({ authorization: `Bearer ${TOKEN}` }),
      as({ authorization: `bearer ${minted.token}` }),
      as({ authorization: '', 'netskope-api-token': minted.token }),
    ];
    let n = 0;
    for (const call of forms) {
      n++;
      const created = await call('/Users', {
        method: 'POST',
        json: { ...oktaUser(`s${n}@example.com`, 'S', 'R', `s${n}`), password: PASSWORD },
      });
      expect(created.status).toBe(201);
      const id = ((await created.json()) as { id: string }).id;
      const put = await call(`/Users/${id}`, {
        method: 'PUT',
        json: { ...oktaUser(`s${n}@example.com`, 'S', 'R', `s${n}`), Password: PASSWORD },
      });
      expect(put.status).toBe(200);
      const ops = [
        { op: 'replace', path: 'password', value: PASSWORD },
        { op: 'replace', value: { password: PASSWORD, active: true } },
      ];
      expect(
        (await call(`/Users/${id}`, { method: 'PATCH', json: { schemas: [PATCH_SCHEMA], Operations: ops } }))
          .status,
      ).toBe(204);
      // Malformed JSON carrying a password: refused, and still redacted in the log.
      const bad = await call('/Users', {
        method: 'POST',
        body: `{"userName":"x","password":"${PASSWORD}",`,
        headers: { 'content-type': 'application/scim+json' },
      });
      expect(bad.status).toBe(400);
    }
    // Refused credentials in every form.
    const refused: Record<string, string>[] = [
      { authorization: `Bearer ${secrets['revoked']}` },
      { authorization: `Bearer ${secrets['unknown']}` },
      { authorization: `Token ${secrets['unknown']}` },
      { authorization: '', 'netskope-api-token': secrets['unknown'] as string },
    ];
    for (const headers of refused) {
      expect((await as(headers)('/Users')).status).toBe(401);
    }

    // Both a snapshot and journal records on disk, the log flushed.
    await s.core.store.engine.snapshot();
    expect(
      (
        await forms[0]?.('/Users', {
          method: 'POST',
          json: { ...oktaUser('after@example.com', 'A', 'S', 'as'), password: PASSWORD },
        })
      )?.status,
    ).toBe(201);
    await s.core.store.engine.flush();
    s.core.log.flush();

    const { files, hits, all } = await scan();
    const names = files.map((f) => f.slice(s.dataDir.length));
    expect(names.some((f) => f.endsWith('snapshot.db'))).toBe(true);
    expect(names.some((f) => /journal-\d+\.log$/.test(f))).toBe(true);
    expect(names.some((f) => f.endsWith('requests.jsonl'))).toBe(true);
    expect(hits).toEqual([]);
    // The scan read the right bytes: the token digests and the redaction marks are there.
    expect(all.includes(Buffer.from(hashToken(TOKEN)))).toBe(true);
    expect(all.includes(Buffer.from(hashToken(minted.token)))).toBe(true);
    expect(all.includes(Buffer.from('[redacted]'))).toBe(true);
    expect(all.includes(Buffer.from('s3@example.com'))).toBe(true);

    // Exports from the console are built from the same redacted entries.
    const exported = s.core.log.export({}, 'json') + s.core.log.export({}, 'csv');
    for (const secret of [...Object.values(secrets), PASSWORD]) expect(exported.includes(secret)).toBe(false);
  });
});
