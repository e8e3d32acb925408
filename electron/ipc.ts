/**
 * The main-process end of the admin bridge, and the only file that touches `ipcMain`.
 * One `handle` per contract method on `admin:<method>`; each call is checked twice before the
 * service sees it (Electron security checklist item 17, "Validate the sender of all IPC
 * messages", and Electron Fiddle's IPC manager, which drops messages from unknown senders):
 * 1. the sender is our window's main frame, showing a page of our own origin (a navigated or
 *    injected frame, or an iframe, is refused);
 * 2. the payload passes the contract's zod schema (../server/admin/invoke.ts).
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { AdminHost } from '../server/admin/events';
import { invokeAdmin, type AdminResult } from '../server/admin/invoke';
import { ADMIN_EVENT_CHANNEL, BRIDGE_METHODS, channelOf } from './channels';
import { isOnOrigin } from './origin';

export interface AdminIpcOptions {
  admin: AdminHost;
  /** the console window (the only trusted sender) */
  getWindow: () => BrowserWindow | null;
  /** origins the console is served from: app://scimdesk, plus the dev server in development */
  trustedOrigins: readonly string[];
}

const REFUSED: AdminResult = { ok: false, error: { code: 'invalid-input', message: 'untrusted sender' } };

/** True when the IPC event comes from the console's own main frame on a trusted origin. */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  win: BrowserWindow | null,
  trustedOrigins: readonly string[],
): boolean {
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender !== win.webContents || frame !== win.webContents.mainFrame) return false;
  return isOnOrigin(frame.url, trustedOrigins);
}

/**
 * Registers the handlers and the event push; returns a function removing both (for quit and
 * tests).
 */
export function registerAdminIpc(options: AdminIpcOptions): () => void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown): Promise<AdminResult> => {
      if (!isTrustedSender(event, options.getWindow(), options.trustedOrigins)) {
        console.warn(`refused admin:${method} from an untrusted sender`);
        return REFUSED;
      }
      return invokeAdmin(options.admin, method, payload);
    });
  }
  const unsubscribe = options.admin.subscribe((event) => {
    const win = options.getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(ADMIN_EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    for (const method of BRIDGE_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
