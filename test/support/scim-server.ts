/**
 * Starts the real ScimDesk server in-process on 127.0.0.1:0 with a fresh data directory and a
 * bootstrap token, and gives tests a small fetch wrapper.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScimDesk, type ScimDeskCore } from '../../server/app';
import type { ProfileName } from '../../server/admin/contract';
import { ResponseRecorder } from './self-description';

export const TOKEN = 'test-token-0123456789abcdefghijklmnop';

export interface TestServer {
  core: ScimDeskCore;
  /** base URL, e.g. http://127.0.0.1:PORT/api/v2/scim */
  base: string;
  dataDir: string;
  /** fetch relative to base with the bearer token and SCIM content type */
  scim(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** every SCIM response so far, checked against the server's own /Schemas (issue 15) */
  recorder: ResponseRecorder;
  /** stops the server; fails if any response disagreed with the server's self-description */
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { profile?: ProfileName; dataDir?: string; maxBodyBytes?: number } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'scimdesk-test-')));
  const recorder = new ResponseRecorder((key) => ({ errorDescription: key.startsWith('netskope') }));
  const core = await startScimDesk({
    dataDir,
    observeResponse: recorder.observe,
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
    recorder,
    async close() {
      await core.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
      const problems = recorder.disagreements();
      if (problems.length) {
        throw new Error(
          `${problems.length} SCIM response(s) disagree with the server's own /Schemas and /ResourceTypes:\n${problems.slice(0, 40).join('\n')}`,
        );
      }
    },
  };
}
