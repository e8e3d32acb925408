/**
 * One source for the admin contract (issue 11): every method of the table in
 * server/admin/methods.ts reaches the service through every binding, with nothing else to
 * edit. The chain is the real one, end to end in one process: the console's IPC client
 * (renderer/src/api/ipc-transport.ts) over the real preload bridge, through the main-process
 * handlers (electron/ipc.ts) to a recording service; and the headless HTTP routes
 * (server/admin/http.ts). Only `electron` is mocked; its invoke is wired to its ipcMain.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_INPUT } from '../../server/admin/contract';
import { startAdminHttp, type AdminHttpServer } from '../../server/admin/http';
import { ADMIN_METHOD_NAMES } from '../../server/admin/methods';
import { createIpcTransport, type PreloadBridge } from '../../renderer/src/api/ipc-transport';
import { createFakeAdmin, type FakeAdmin } from '../admin/fake-admin';
import { BrowserWindow, contextBridge, ipcMain, ipcRenderer, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));
const { registerAdminIpc } = await import('../../electron/ipc');

let fake: FakeAdmin;
let web: AdminHttpServer;
let bridge: PreloadBridge;

beforeAll(async () => {
  resetElectronMock();
  const win = new BrowserWindow({});
  await win.loadURL('app://scimdesk/index.html');
  fake = createFakeAdmin();
  registerAdminIpc({ admin: fake.host, getWindow: () => win as never, trustedOrigins: ['app://scimdesk'] });
  // the renderer's invoke arrives at the main process's handler, as from the console's main frame
  ipcRenderer.invoke.mockImplementation((channel: string, arg?: unknown) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(
      handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, arg),
    ) as Promise<{ ok: boolean; data: { channel: string; arg: unknown } }>;
  });
  await import('../../electron/preload');
  bridge = contextBridge.exposed.get('scimdesk') as PreloadBridge;
  web = await startAdminHttp({ admin: fake.host, rendererDir: '/nonexistent', secret: 'derivation-secret' });
});
afterAll(async () => {
  await web?.close();
});

/** An argument every method accepts or rejects by its own validator (never by its name). */
const argFor = (method: (typeof ADMIN_METHOD_NAMES)[number]): unknown =>
  ADMIN_INPUT[method] === undefined ? undefined : {};

describe('the method table is the one list', () => {
  it('names every validator, and nothing else does', () => {
    expect(Object.keys(ADMIN_INPUT)).toEqual([...ADMIN_METHOD_NAMES]);
  });

  it('is free of run-time imports, so the sandboxed preload bundle never pulls in zod', async () => {
    const source = await readFile(new URL('../../server/admin/methods.ts', import.meta.url), 'utf8');
    const imports = source.match(/^import\s[^;]*;/gm) ?? [];
    expect(imports.length).toBeGreaterThan(0);
    for (const statement of imports) expect(statement).toMatch(/^import type /);
  });

  it.each([...ADMIN_METHOD_NAMES])(
    '%s reaches the service from the console client, through preload and IPC',
    async (method) => {
      expect(Object.keys(bridge)).toContain(method);
      const client = createIpcTransport(bridge) as unknown as Record<
        string,
        (arg?: unknown) => Promise<unknown>
      >;
      const before = fake.calls.length;
      const outcome = await client[method]?.(argFor(method)).then(
        () => 'ok',
        (err: { code?: string; message?: string }) => `${err.code}: ${err.message}`,
      );
      if (outcome === 'ok') {
        expect(fake.calls.slice(before).map((c) => c.method)).toEqual([method]);
      } else {
        // refused by its validator, or the fake's canned failure: never as an unknown method
        expect(outcome).not.toMatch(/unknown admin method|No handler registered/);
      }
    },
  );

  it.each([...ADMIN_METHOD_NAMES])('%s has an HTTP route on the headless listener', async (method) => {
    const arg = argFor(method);
    const res = await fetch(`${web.origin}/admin/api/${method}`, {
      method: 'POST',
      headers: { authorization: 'Bearer derivation-secret', 'content-type': 'application/json' },
      body: arg === undefined ? '' : JSON.stringify(arg),
    });
    const body = (await res.json()) as { ok: boolean; error?: { message: string } };
    expect(res.status).not.toBe(404);
    if (!body.ok) expect(body.error?.message).not.toMatch(/unknown admin method/);
  });

  it('a name outside the table reaches nothing', async () => {
    const client = createIpcTransport(bridge) as unknown as Record<string, () => Promise<unknown>>;
    await expect(client['dropDatabase']?.()).rejects.toMatchObject({ code: 'invalid-input' });
    const res = await fetch(`${web.origin}/admin/api/dropDatabase`, {
      method: 'POST',
      headers: { authorization: 'Bearer derivation-secret', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(ipcMain.handlers.has('admin:dropDatabase')).toBe(false);
  });
});
