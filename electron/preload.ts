/**
 * The renderer end of the admin bridge, and the only file that touches `ipcRenderer`. Runs
 * sandboxed with context isolation, bundled to one CommonJS file by electron-vite.
 *
 * It exposes named functions only (Electron security checklist item 20, "Do not expose
 * Electron APIs to untrusted web content"): no raw `ipcRenderer`, no channel names chosen by
 * the page, and the IPC event object (which carries `sender`) never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AdminEvent } from '../server/admin/contract';
import { ADMIN_EVENT_CHANNEL, BRIDGE_METHODS, channelOf, type ScimDeskBridge } from './channels';

function buildBridge(): ScimDeskBridge {
  const api: Record<string, unknown> = {};
  for (const method of BRIDGE_METHODS) {
    api[method] = (arg?: unknown) => ipcRenderer.invoke(channelOf(method), arg);
  }
  api['onEvent'] = (listener: (event: AdminEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const relay = (_event: IpcRendererEvent, payload: AdminEvent): void => listener(payload);
    ipcRenderer.on(ADMIN_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(ADMIN_EVENT_CHANNEL, relay);
    };
  };
  return Object.freeze(api) as ScimDeskBridge;
}

contextBridge.exposeInMainWorld('scimdesk', buildBridge());
