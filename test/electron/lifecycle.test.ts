/** electron/lifecycle.ts: single instance, server start with user-data dir, window, IPC, clean stop. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeAdmin } from '../admin/fake-admin';
import {
  BrowserWindow,
  app,
  dialog,
  emitCancellable,
  fireReady,
  ipcMain,
  protocol,
  resetElectronMock,
  session,
} from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));
const { runApp } = await import('../../electron/lifecycle');

/** Lets queued promise callbacks run (bounded). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setImmediate(r));
}

beforeEach(() => {
  resetElectronMock();
  delete process.env['ELECTRON_RENDERER_URL'];
});

describe('runApp', () => {
  it('quits at once when another instance holds the lock', () => {
    app.requestSingleInstanceLock.mockImplementation(() => false);
    const start = vi.fn();
    expect(runApp(start)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(start).not.toHaveBeenCalled();
  });

  it('registers the scheme and sandbox before ready, then starts the server and the window', async () => {
    const fake = createFakeAdmin();
    const close = vi.fn(() => Promise.resolve());
    const start = vi.fn(() =>
      Promise.resolve({ scimUrl: 'http://127.0.0.1:8787/api/v2/scim', admin: fake.host, close }),
    );
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(runApp(start)).toBe(true);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(start).not.toHaveBeenCalled();

    fireReady();
    await settle();
    expect(start).toHaveBeenCalledWith({
      dataDir: expect.stringMatching(/ScimDesk[/\\]data$/),
      wasmPath: expect.stringContaining('sql-wasm.wasm'),
      mode: 'electron',
    });
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    const win = BrowserWindow.instances[0];
    expect(win?.loadURL).toHaveBeenCalledWith('app://scimdesk/index.html');
    expect(ipcMain.handlers.size).toBeGreaterThan(10);

    // second instance focuses the window
    app.emit('second-instance');
    expect(win?.focus).toHaveBeenCalled();

    // quit: held until the server has closed, then quits for real
    expect(emitCancellable(app, 'before-quit')).toBe(true);
    await settle();
    expect(close).toHaveBeenCalledOnce();
    expect(ipcMain.handlers.size).toBe(0);
    expect(app.quit).toHaveBeenCalled();
    expect(emitCancellable(app, 'before-quit')).toBe(false);
  });

  it('shows an error box and exits when the server cannot start', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    runApp(() => Promise.reject(new Error('data directory is locked')));
    fireReady();
    await settle();
    expect(dialog.showErrorBox).toHaveBeenCalledWith('ScimDesk could not start', 'data directory is locked');
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('loads the Vite dev server in development and trusts its origin', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    const fake = createFakeAdmin();
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    runApp(() => Promise.resolve({ scimUrl: 'x', admin: fake.host, close: () => Promise.resolve() }));
    fireReady();
    await settle();
    const win = BrowserWindow.instances[0];
    expect(win?.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    const h = ipcMain.handlers.get('admin:info');
    const r = await h?.({ sender: win?.webContents, senderFrame: win?.webContents.mainFrame }, undefined);
    expect(r).toMatchObject({ ok: true });
  });

  it('ignores the dev server URL once packaged', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    app.isPackaged = true;
    const fake = createFakeAdmin();
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    runApp(() => Promise.resolve({ scimUrl: 'x', admin: fake.host, close: () => Promise.resolve() }));
    fireReady();
    await settle();
    expect(BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://scimdesk/index.html');
  });
});
