/** electron/window.ts: the console window's options are the secure ones, inline. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));
const { createMainWindow } = await import('../../electron/window');

describe('createMainWindow', () => {
  beforeEach(() => resetElectronMock());

  it('uses contextIsolation, sandbox, no nodeIntegration, webSecurity and the preload', () => {
    createMainWindow({ preloadPath: '/x/out/preload/index.cjs', url: 'app://scimdesk/index.html' });
    const win = BrowserWindow.instances[0];
    expect(win).toBeDefined();
    const prefs = win?.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/x/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('holds the layout from 1280×800 and shows only when painted', () => {
    createMainWindow({ preloadPath: '/p', url: 'app://scimdesk/index.html' });
    const win = BrowserWindow.instances[0];
    expect(win?.options).toMatchObject({ width: 1280, height: 800, show: false });
    expect(win?.loadURL).toHaveBeenCalledWith('app://scimdesk/index.html');
    expect(win?.show).not.toHaveBeenCalled();
    win?.emit('ready-to-show');
    expect(win?.show).toHaveBeenCalledOnce();
  });
});
