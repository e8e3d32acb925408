/**
 * Electron transport: the preload exposes named functions of the admin contract on
 * `window.scimdesk` (no raw ipcRenderer: Electron security checklist item 20, "Do not expose
 * Electron APIs to untrusted web content") plus `onEvent(cb)`.
 */
import type { AdminEvent, AdminMethod } from '../../../server/admin/contract';
import { AdminError } from './admin-error';
import type { AdminClient, StreamState, TransportMembers } from './client';
import { Listeners } from './listeners';
import { withAdminMethods } from './method-client';
import { rethrow, unwrap } from './unwrap';

/** What the preload puts on `window.scimdesk`. */
export type PreloadBridge = {
  [K in AdminMethod]: (arg?: unknown) => Promise<unknown>;
} & { onEvent(cb: (event: AdminEvent) => void): () => void };

/** Builds the client over the preload bridge. */
export function createIpcTransport(bridge: PreloadBridge): AdminClient {
  const events = new Listeners<AdminEvent>();
  const states = new Listeners<StreamState>();
  let detach: (() => void) | null = null;
  // The bridge itself is the method list: the preload built it from the one method table.
  const call = async (name: string, arg: unknown): Promise<unknown> => {
    const fn = name !== 'onEvent' && Object.hasOwn(bridge, name) ? bridge[name as AdminMethod] : undefined;
    if (typeof fn !== 'function') throw new AdminError('invalid-input', 'unknown admin method');
    try {
      return unwrap(await fn(arg));
    } catch (err) {
      return rethrow(err);
    }
  };
  return withAdminMethods<TransportMembers>(
    {
      transport: 'ipc' as const,
      subscribe(listener) {
        const remove = events.add(listener);
        if (!detach) detach = bridge.onEvent((event) => events.emit(event));
        return () => {
          remove();
          if (events.size === 0 && detach) {
            detach();
            detach = null;
          }
        };
      },
      onStreamState(listener) {
        // IPC events cannot drop while the window lives: the stream is always open.
        listener('open');
        return states.add(listener);
      },
    },
    call,
  );
}
