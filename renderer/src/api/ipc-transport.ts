/**
 * Electron transport: the preload exposes named functions of the admin contract on
 * `window.scimdesk` (no raw ipcRenderer: Electron security checklist item 20, "Do not expose
 * Electron APIs to untrusted web content") plus `onEvent(cb)`.
 */
import type { AdminApi, AdminEvent, AdminMethod } from '../../../server/admin/contract';
import type { AdminClient, StreamState } from './client';
import { Listeners } from './listeners';
import { METHOD_NAMES } from './methods';
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
  const methods: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    methods[name] = async (arg?: unknown) => {
      try {
        return unwrap(await bridge[name](arg));
      } catch (err) {
        return rethrow(err);
      }
    };
  }
  const client: AdminClient = {
    ...(methods as unknown as AdminApi),
    transport: 'ipc',
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
  };
  return client;
}
