/**
 * Starts the real ScimDesk server in-process on 127.0.0.1:0 with a fresh data directory and a
 * bootstrap token, and gives tests a small fetch wrapper.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScimDesk, type ScimDeskCore } from '../../server/app';
import type { ProfileName } from '../../server/admin/contract';

export const TOKEN = 'test-token-0123456789abcdefghijklmnop';

export interface TestServer {
  core: ScimDeskCore;
  /** base URL, e.g. http://127.0.0.1:PORT/api/v2/scim */
  base: string;
  dataDir: string;
  /** fetch relative to base with the bearer token and SCIM content type */
  scim(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { profile?: ProfileName; dataDir?: string; maxBodyBytes?: number } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'scimdesk-test-')));
  const core = await startScimDesk({
    dataDir,
    port: 0,
    bootstrapToken: TOKEN,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}),
  });
  const base = core.scimUrl;
  return {
    core,
    base,
    dataDir,
    scim(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization') && !headers.has('x-no-auth'))
        headers.set('authorization', `Bearer ${TOKEN}`);
      headers.delete('x-no-auth');
      let body = init.body;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        if (!headers.has('content-type')) headers.set('content-type', 'application/scim+json; charset=utf-8');
      }
      const { json: _json, ...rest } = init;
      return fetch(path.startsWith('http') ? path : `${base}${path}`, {
        ...rest,
        headers,
        body: body ?? null,
      });
    },
    async close() {
      await core.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
