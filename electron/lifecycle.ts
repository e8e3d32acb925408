/**
 * App lifecycle, Electron Fiddle style: main.ts only wires real modules into `runApp`, which
 * owns the order of things — single-instance lock, privileged scheme, server start, guards,
 * protocol, window, IPC, and a clean server stop on quit.
 */
import path from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import type { AdminHost } from '../server/admin/events';
import { registerAdminIpc } from './ipc';
import { originOf } from './origin';
import { resolveAppPaths } from './paths';
import { APP_ENTRY_URL, APP_ORIGIN, handleAppProtocol, registerAppScheme } from './protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { createMainWindow } from './window';

/** What the server module hands back (server/app.ts `startScimDesk`). */
export interface ScimDeskHandle {
  scimUrl: string;
  admin: AdminHost;
  close(): Promise<void>;
}

export interface ElectronServerOptions {
  /** inside app.getPath('userData') */
  dataDir: string;
  /** sql.js wasm, resolved for the dev or packaged layout */
  wasmPath: string;
  mode: 'electron';
}

export type StartServer = (options: ElectronServerOptions) => Promise<ScimDeskHandle>;

/** The Vite dev server URL that `electron-vite dev` sets; ignored once packaged. */
function devServerUrl(): string | undefined {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && url ? url : undefined;
}

/** Starts the desktop app. Returns false if another instance already runs (this one quits). */
export function runApp(startServer: StartServer): boolean {
  // One instance per user: two would share the data directory and corrupt the journal.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  // Both must happen before `ready`: sandbox every renderer (checklist item 4) and give
  // app:// its privileges.
  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents();

  let win: BrowserWindow | null = null;
  let server: ScimDeskHandle | null = null;
  let unbind: (() => void) | null = null;
  let stopping = false;
  let stopped = false;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!server || stopped) return;
    // Let the store flush its journal before the process goes.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    unbind?.();
    server
      .close()
      .catch((err: unknown) => console.error('server did not stop cleanly:', err))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      const paths = resolveAppPaths({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: process.resourcesPath,
      });
      const dev = devServerUrl();
      const devOrigin = dev ? originOf(dev) : null;
      const trustedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
      server = await startServer({
        dataDir: path.join(app.getPath('userData'), 'data'),
        wasmPath: paths.sqlWasmPath,
        mode: 'electron',
      });
      hardenSession(session.defaultSession, trustedOrigins);
      handleAppProtocol(paths.rendererDir);
      win = createMainWindow({ preloadPath: paths.preloadPath, url: dev ?? APP_ENTRY_URL });
      const current = win;
      unbind = registerAdminIpc({ admin: server.admin, getWindow: () => current, trustedOrigins });
      console.log(`SCIM base URL: ${server.scimUrl}`);
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      console.error('ScimDesk failed to start:', err);
      dialog.showErrorBox('ScimDesk could not start', message);
      app.exit(1);
    });
  return true;
}
