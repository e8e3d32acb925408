/**
 * The one shared mock of the `electron` module (as Electron Fiddle keeps one global mock).
 * Tests use it with `vi.mock('electron', () => import('./electron-mock'))` and inspect the
 * recorded state; `resetElectronMock()` restores a clean slate between tests.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

export class FakeFrame {
  constructor(public url = '') {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  destroyed = false;
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Emits `name` with a cancellable event; returns whether a listener called preventDefault. */
export function emitCancellable(target: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  target.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly loadURL = vi.fn((url: string) => {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  });
  constructor(public readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, fn: Handler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcMain.handlers.set(channel, fn);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

const rendererEmitter = new EventEmitter();
export const ipcRenderer = {
  emitter: rendererEmitter,
  invoke: vi.fn((channel: string, arg?: unknown) => Promise.resolve({ ok: true, data: { channel, arg } })),
  on: vi.fn((channel: string, fn: Handler) => {
    rendererEmitter.on(channel, fn);
  }),
  removeListener: vi.fn((channel: string, fn: Handler) => {
    rendererEmitter.removeListener(channel, fn);
  }),
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const shell = { openExternal: vi.fn(() => Promise.resolve()) };

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  readonly protocol = protocol;
  setPermissionRequestHandler(h: Handler | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler | null): void {
    this.permissionCheckHandler = h;
  }
}

export const session = { defaultSession: new FakeSession() };

export const dialog = { showErrorBox: vi.fn() };

let resolveReady: () => void = () => undefined;
let ready = new Promise<void>((r) => (resolveReady = r));

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly getAppPath = vi.fn(() => '/opt/scimdesk');
  readonly getPath = vi.fn(
    (name: string) => `/home/u/.config/ScimDesk${name === 'userData' ? '' : `/${name}`}`,
  );
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly whenReady = vi.fn(() => ready);
}
export const app = new FakeApp();

/** Resolves `app.whenReady()`. */
export function fireReady(): void {
  resolveReady();
}

export function resetElectronMock(): void {
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  rendererEmitter.removeAllListeners();
  contextBridge.exposed.clear();
  session.defaultSession = new FakeSession();
  app.removeAllListeners();
  app.isPackaged = false;
  ready = new Promise<void>((r) => (resolveReady = r));
  vi.clearAllMocks();
  app.requestSingleInstanceLock.mockImplementation(() => true);
}
