/** electron/protocol.ts: the app:// scheme and its handler (traversal, MIME types, CSP). */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONSOLE_CSP } from '../../server/admin/csp';
import { FakeSession, protocol, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));
const p = await import('../../electron/protocol');

let dir: string;
let handler: (r: Request) => Promise<Response>;

beforeAll(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'scimdesk-protocol-'));
  dir = path.join(base, 'renderer');
  await fs.mkdir(path.join(dir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>ScimDesk</title>');
  await fs.writeFile(path.join(dir, 'assets', 'index-abc.js'), 'export {}');
  await fs.writeFile(path.join(dir, 'assets', 'index-abc.css'), 'body{}');
  await fs.writeFile(path.join(dir, 'assets', 'logo.svg'), '<svg/>');
  await fs.writeFile(path.join(dir, 'assets', 'font.woff2'), 'w');
  await fs.writeFile(path.join(base, 'secret.txt'), 'do not serve');
  handler = p.createAppProtocolHandler(dir);
});

const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }));

describe('app:// scheme', () => {
  beforeEach(() => resetElectronMock());

  it('is registered as standard + secure (+ fetch), nothing more', () => {
    p.registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('installs its handler on the given session or the default protocol', () => {
    p.handleAppProtocol(dir);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    p.handleAppProtocol(dir, new FakeSession() as never);
    expect(protocol.handle).toHaveBeenCalledTimes(2);
  });
});

describe('app:// handler', () => {
  it('serves index.html with the CSP and hardening headers', async () => {
    const r = await get('app://scimdesk/index.html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toContain('ScimDesk');
  });

  it.each([
    ['app://scimdesk/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://scimdesk/assets/index-abc.css', 'text/css; charset=utf-8'],
    ['app://scimdesk/assets/logo.svg', 'image/svg+xml'],
    ['app://scimdesk/assets/font.woff2', 'font/woff2'],
    ['app://scimdesk/', 'text/html; charset=utf-8'],
    ['app://scimdesk/users/42', 'text/html; charset=utf-8'],
  ])('%s → %s', async (url, type) => {
    const r = await get(url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(type);
    expect(r.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
  });

  it.each([
    'app://scimdesk/%2e%2e/secret.txt',
    'app://scimdesk/assets/..%2F..%2Fsecret.txt',
    'app://scimdesk/assets/..%5C..%5Csecret.txt',
    'app://scimdesk/%00',
    'app://scimdesk/assets/missing.js',
    'app://other/index.html',
  ])('refuses %s', async (url) => {
    const r = await get(url);
    expect([400, 403, 404]).toContain(r.status);
    expect(await r.text()).not.toContain('do not serve');
    expect(r.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
  });

  it('refuses methods other than GET and HEAD, and HEAD has no body', async () => {
    expect((await get('app://scimdesk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://scimdesk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
