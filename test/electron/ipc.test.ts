/**
 * electron/ipc.ts: one handler per contract method; the sender must be our window's main
 * frame on app://scimdesk; every payload is validated before the service is called.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_METHOD_NAMES as ADMIN_METHODS } from '../../server/admin/methods';
import type { AdminEvent } from '../../server/admin/contract';
import { createFakeAdmin, type FakeAdmin } from '../admin/fake-admin';
import { BrowserWindow, FakeFrame, FakeWebContents, ipcMain, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));
const { registerAdminIpc } = await import('../../electron/ipc');

const TRUSTED = ['app://scimdesk'];
let win: BrowserWindow;
let fake: FakeAdmin;
let dispose: () => void;

function call(
  channel: string,
  payload: unknown,
  event?: { sender: unknown; senderFrame: unknown },
): Promise<unknown> {
  const h = ipcMain.handlers.get(channel);
  if (!h) throw new Error(`no handler for ${channel}`);
  const ev = event ?? { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  return Promise.resolve(h(ev, payload));
}

beforeEach(async () => {
  resetElectronMock();
  win = new BrowserWindow({});
  await win.loadURL('app://scimdesk/index.html');
  fake = createFakeAdmin();
  dispose = registerAdminIpc({ admin: fake.host, getWindow: () => win as never, trustedOrigins: TRUSTED });
});

describe('channels', () => {
  it('registers exactly one handler per contract method, named admin:<method>', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(ADMIN_METHODS.map((m) => `admin:${m}`).sort());
  });

  it('removes the handlers and the event subscription on dispose', () => {
    expect(fake.bus.size).toBe(1);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(fake.bus.size).toBe(0);
  });
});

describe('sender validation', () => {
  it('answers the console main frame', async () => {
    expect(await call('admin:listTokens', undefined)).toMatchObject({ ok: true });
    expect(fake.calls.map((c) => c.method)).toEqual(['listTokens']);
  });

  const cases: [string, () => { sender: unknown; senderFrame: unknown }][] = [
    [
      'a subframe (iframe) of our window',
      () => ({ sender: win.webContents, senderFrame: new FakeFrame('app://scimdesk/x') }),
    ],
    [
      'another web contents',
      () => ({ sender: new FakeWebContents(), senderFrame: win.webContents.mainFrame }),
    ],
    [
      'a destroyed / navigated-away frame (senderFrame null)',
      () => ({ sender: win.webContents, senderFrame: null }),
    ],
  ];
  it.each(cases)('refuses %s without calling the service', async (_name, make) => {
    const r = await call('admin:createToken', { clientName: 'okta' }, make());
    expect(r).toEqual({ ok: false, error: { code: 'invalid-input', message: 'untrusted sender' } });
    expect(fake.calls).toHaveLength(0);
  });

  it.each([
    'https://evil.example/',
    'file:///tmp/x.html',
    'app://other/index.html',
    'about:blank',
    'http://127.0.0.1:5173/',
  ])('refuses the main frame once it shows %s', async (url) => {
    win.webContents.mainFrame.url = url;
    expect(await call('admin:info', undefined)).toMatchObject({ ok: false });
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses everything once the window is destroyed', async () => {
    win.destroyed = true;
    expect(await call('admin:info', undefined)).toMatchObject({ ok: false });
    expect(fake.calls).toHaveLength(0);
  });

  it('trusts the dev server origin only when it is listed', async () => {
    dispose();
    registerAdminIpc({
      admin: fake.host,
      getWindow: () => win as never,
      trustedOrigins: [...TRUSTED, 'http://localhost:5173'],
    });
    win.webContents.mainFrame.url = 'http://localhost:5173/';
    expect(await call('admin:info', undefined)).toMatchObject({ ok: true });
  });
});

describe('payload validation', () => {
  it.each([
    ['createToken', { clientName: '' }],
    ['createToken', { clientName: 'x'.repeat(500) }],
    ['createToken', 'okta'],
    ['revokeToken', { scimId: -1 }],
    ['listUsers', { limit: 5000 }],
    ['getUser', {}],
    ['updateSettings', { profile: 'azure' }],
    ['exportLog', { format: 'xml' }],
    ['info', { unexpected: true }],
  ])('%s(%j) → invalid-input, service not called', async (method, payload) => {
    const r = await call(`admin:${method}`, payload);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(fake.calls).toHaveLength(0);
  });

  it('passes the parsed payload (defaults applied, unknown keys stripped)', async () => {
    await call('admin:listGroupMembers', { id: 'g1', extra: 'dropped' });
    expect(fake.calls[0]).toEqual({ method: 'listGroupMembers', arg: { id: 'g1', offset: 0, limit: 100 } });
  });

  it('returns service errors as data, not as thrown errors', async () => {
    expect(await call('admin:getUser', { id: 'missing' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'user not found' },
    });
  });
});

describe('events', () => {
  it('pushes every admin event to the window on admin:event', () => {
    const event: AdminEvent = { type: 'users-changed', rows: [], removed: ['u1'], overflow: false };
    fake.bus.emit(event);
    expect(win.webContents.send).toHaveBeenCalledWith('admin:event', event);
  });

  it('drops events while the window is destroyed', () => {
    win.destroyed = true;
    fake.bus.emit({ type: 'tokens-changed', tokens: [] });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});
