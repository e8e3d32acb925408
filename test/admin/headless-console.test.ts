/**
 * Headless console wiring end to end: real core, real admin service, real admin listener.
 * A SCIM request made with a token created through the admin API shows up on the SSE stream
 * as a `log` event, with no reload (issue 6 acceptance, non-UI half).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminHttp, type AdminHttpServer } from '../../server/admin/http';
import { createAdminService, type AdminService } from '../../server/admin/service';
import { startTestServer, type TestServer } from '../support/scim-server';

let srv: TestServer;
let admin: AdminService;
let web: AdminHttpServer;

beforeAll(async () => {
  srv = await startTestServer();
  admin = createAdminService(srv.core);
  web = await startAdminHttp({ admin, rendererDir: '/nonexistent', port: 0 });
});
afterAll(async () => {
  await web?.close();
  admin?.dispose();
  await srv?.close();
});

async function call(
  method: string,
  body: unknown,
): Promise<{ status: number; json: { ok: boolean; data?: unknown } }> {
  const r = await fetch(`${web.origin}/admin/api/${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${web.secret}`,
      'content-type': 'application/json',
      origin: web.origin,
    },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as { ok: boolean; data?: unknown } };
}

describe('headless console', () => {
  it('listens on a different port from SCIM, loopback only', () => {
    expect(web.port).not.toBe(Number(new URL(srv.base).port));
    expect(web.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('the SCIM listener does not serve the admin API', async () => {
    const r = await fetch(`${new URL(srv.base).origin}/admin/api/info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${web.secret}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).not.toBe(200);
  });

  it('token created over the admin API → SCIM POST → log event on the SSE stream', async () => {
    const created = await call('createToken', { clientName: 'Okta' });
    expect(created.status).toBe(200);
    const token = (created.json.data as { token: string }).token;

    const events: string[] = [];
    const req = http.get(`${web.origin}/admin/events?token=${encodeURIComponent(web.secret)}`);
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.statusCode).toBe(200);
    const sawLog = new Promise<void>((resolve) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(data.slice(6));
          if (data?.includes('"type":"log"') && data.includes('"method":"POST"')) resolve();
        }
      });
    });

    const post = await fetch(`${srv.base}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'live@okta.local',
        emails: [{ primary: true, value: 'live@okta.local' }],
      }),
    });
    expect(post.status).toBe(201);
    await sawLog;
    req.destroy();
    const log = events.map((e) => JSON.parse(e) as { type: string; entry?: { tokenName: string } });
    expect(log.find((e) => e.type === 'log')?.entry?.tokenName).toBe('Okta');

    const users = await call('listUsers', { search: 'live@' });
    expect((users.json.data as { total: number }).total).toBe(1);
  });
});
