/**
 * The one console window. `webPreferences` are written inline, in full, so a review can see
 * them at a glance (checklist items 2 "Do not enable Node.js integration for remote content",
 * 3 "Enable context isolation", 4 "Enable process sandboxing", 6 "Do not disable webSecurity",
 * 9 "Do not enable experimental features", 10 "Do not use enableBlinkFeatures").
 */
import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  /** app://scimdesk/index.html, or the Vite dev server URL in development */
  url: string;
}

/** Creates the console window and starts loading it; shows it once painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'ScimDesk',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(options.url).catch((err: unknown) => console.error('console failed to load:', err));
  return win;
}
