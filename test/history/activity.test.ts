/**
 * The activity feed and the admin methods of issue 12 over a real server: plain-language lines
 * newest first, each linked to its request and resource; the console's report and HAR exports.
 */
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminService } from '../../server/admin/service';
import type { AdminApi } from '../../server/admin/contract';
import { localAdminClient } from '../../server/admin/invoke';
import { startTestServer, type TestServer } from '../support/scim-server';
import { checkHar } from './har-structure';
import { oktaSession, SECRET_PASSWORD } from './okta-traffic';

let srv: TestServer;
let service: ReturnType<typeof createAdminService>;
let admin: AdminApi;
let ids: { userId: string; groupId: string };

beforeAll(async () => {
  srv = await startTestServer();
  service = createAdminService(srv.core);
  admin = localAdminClient(service);
  ids = await oktaSession(srv);
}, 60_000);
afterAll(async () => {
  service.dispose();
  await srv.close();
});

describe('activity feed', () => {
  it('tells what Okta did, newest first, linked to requests and resources', async () => {
    const feed = await admin.activity({});
    const texts = feed.map((a) => a.text);
    const okta = (t: string): string => t.replace(/^Okta|^Client "bootstrap"/, 'WHO');
    expect(texts.map(okta)).toEqual([
      'WHO added 1 member to Finance (1 dropped: not provisioned yet)',
      'WHO pushed the group Finance',
      'WHO deactivated jane.doe@example.com',
      'WHO updated jane.doe@example.com',
      expect.stringMatching(
        /^WHO's assign: create of jane\.doe@example\.com was refused \(409: User already exists/,
      ) as unknown as string,
      'WHO created jane.doe@example.com',
      'WHO tested the API credentials (GET /Users)',
    ]);
    const deactivated = feed.find((a) => a.action === 'deactivate');
    expect(deactivated?.resource?.id).toBe(ids.userId);
    const entry = await admin.getLogEntry({ id: deactivated?.requestId ?? '' });
    expect(entry.method).toBe('PATCH');
    expect(feed.find((a) => a.action === 'members-add')?.level).toBe('warn');
    const older = await admin.activity({ beforeSeq: feed[2]?.seq ?? 0, limit: 2 });
    expect(older.map((a) => a.requestId)).toEqual(feed.slice(3, 5).map((a) => a.requestId));
  });

  it('filters the request log by Okta action', async () => {
    const rows = await admin.queryLog({ actions: ['deactivate', 'assign-create'] });
    expect(rows.map((r) => r.oktaAction).sort()).toEqual(['assign-create', 'assign-create', 'deactivate']);
  });
});

describe('console exports', () => {
  it('exports the report as HTML that parses and as JSON', async () => {
    const html = await admin.exportReport({ format: 'html' });
    const errors: string[] = [];
    parse(html, { onParseError: (e) => errors.push(e.code) });
    expect(errors).toEqual([]);
    expect(html).toContain('jane.doe@example.com');
    const rep = JSON.parse(await admin.exportReport({ format: 'json' })) as { users: { id: string }[] };
    expect(rep.users.map((u) => u.id)).toEqual([ids.userId]);
  });

  it('exports chosen log entries as a redacted HAR 1.2 file', async () => {
    const rows = await admin.queryLog({ limit: 50 });
    const text = await admin.exportHar({ ids: rows.map((r) => r.id) });
    expect(checkHar(JSON.parse(text))).toEqual([]);
    expect(JSON.parse(text).log.entries).toHaveLength(rows.length);
    expect(text).not.toContain(SECRET_PASSWORD);
    expect(text).not.toMatch(/Bearer test-token/);
    await expect(admin.exportHar({ ids: ['no-such-entry'] })).rejects.toThrow(/none of these/);
  });
});
