/**
 * A burst of creates reads in order in the Request log, by time (issue 17): times are taken to
 * the millisecond when a request arrives, together with its seq, and shown with milliseconds
 * (renderer/src/lib/format-time.ts); entries that share a millisecond stay in arrival order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSummary } from '../../server/admin/contract';
import { localAdminClient } from '../../server/admin/invoke';
import type { AdminApi } from '../../server/admin/methods';
import { createAdminService, type AdminService } from '../../server/admin/service';
import { formatPreciseTime } from '../../renderer/src/lib/format-time';
import { startTestServer, type TestServer } from '../support/scim-server';

let srv: TestServer;
let service: AdminService;
let admin: AdminApi;

beforeAll(async () => {
  srv = await startTestServer();
  service = createAdminService(srv.core);
  admin = localAdminClient(service);
});
afterAll(async () => {
  service?.dispose();
  await srv?.close();
});

function create(name: string): Promise<Response> {
  return srv.scim('/Users', {
    method: 'POST',
    json: {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: name,
      name: { givenName: 'Burst', familyName: name },
      emails: [{ primary: true, value: name, type: 'work' }],
      active: true,
    },
  });
}

/** The log's POST /Users entries for these userNames, oldest first (the log's own order). */
async function createsOf(prefix: string): Promise<LogSummary[]> {
  const entries = await admin.queryLog({ methods: ['POST'], limit: 1000 });
  return entries
    .filter((e) => e.resources.some((r) => r.name?.startsWith(prefix)))
    .sort((a, b) => a.seq - b.seq);
}

/** Waits (without sleeping) until the wall clock shows a new millisecond. */
function nextMillisecond(): void {
  const now = Date.now();
  for (let i = 0; i < 1_000_000 && Date.now() === now; i++);
}

describe('a burst of 100 creates in the log', () => {
  it('one create per millisecond: 100 distinct millisecond times, in creation order', async () => {
    const names: string[] = [];
    for (let i = 0; i < 100; i++) {
      nextMillisecond();
      const name = `ms${String(i).padStart(3, '0')}@burst.example`;
      names.push(name);
      expect((await create(name)).status).toBe(201);
    }
    const log = await createsOf('ms');
    expect(log.map((e) => e.resources[0]?.name)).toEqual(names);
    const shown = log.map((e) => formatPreciseTime(e.time));
    expect(shown.every((t) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(t))).toBe(true);
    expect(new Set(shown).size).toBe(100);
    expect([...shown].sort()).toEqual(shown);
  });

  it('back to back: times never go backwards, and a shared millisecond keeps creation order', async () => {
    const names: string[] = [];
    for (let i = 0; i < 100; i++) {
      const name = `bb${String(i).padStart(3, '0')}@burst.example`;
      names.push(name);
      expect((await create(name)).status).toBe(201);
    }
    const log = await createsOf('bb');
    // the log's order (seq) is the order the creates were sent, whether or not times tie
    expect(log.map((e) => e.resources[0]?.name)).toEqual(names);
    const shown = log.map((e) => formatPreciseTime(e.time));
    expect([...shown].sort()).toEqual(shown);
    // nothing is lost to the format: as many distinct texts as distinct stored times
    expect(new Set(shown).size).toBe(new Set(log.map((e) => e.time)).size);
  });

  it('all at once (concurrent): seq order is time order even though replies finish out of order', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `cc${String(i).padStart(3, '0')}@burst.example`);
    const replies = await Promise.all(names.map(create));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const log = await createsOf('cc');
    expect(log).toHaveLength(100);
    const times = log.map((e) => e.time);
    expect([...times].sort()).toEqual(times);
    expect([...log.map((e) => formatPreciseTime(e.time))].sort()).toEqual(
      log.map((e) => formatPreciseTime(e.time)),
    );
  });

  it('exports keep the stored time to the millisecond', async () => {
    const csv = await admin.exportLog({ methods: ['POST'], format: 'csv', limit: 1000 });
    const json = JSON.parse(await admin.exportLog({ methods: ['POST'], format: 'json', limit: 1000 })) as {
      time: string;
    }[];
    const log = await createsOf('ms');
    for (const e of log.slice(0, 5)) {
      expect(csv).toContain(e.time);
      expect(json.some((x) => x.time === e.time)).toBe(true);
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });
});
