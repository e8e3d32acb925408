/**
 * A small in-test AdminHost for testing the bindings themselves (http.ts, electron/ipc.ts):
 * it records calls and returns canned data. The real service is tested separately.
 */
import { AdminEventBus } from '../../server/admin/events';
import { AdminError } from '../../server/admin/admin-error';
import {
  ADMIN_METHOD_NAMES as ADMIN_METHODS,
  type AdminHandlers,
  type AdminMethod,
} from '../../server/admin/methods';
import type { AdminHost } from '../../server/admin/events';

export interface FakeAdmin {
  host: AdminHost;
  bus: AdminEventBus;
  calls: { method: AdminMethod; arg: unknown }[];
}

export function createFakeAdmin(): FakeAdmin {
  const bus = new AdminEventBus();
  const calls: FakeAdmin['calls'] = [];
  const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const m of ADMIN_METHODS) {
    api[m] = (arg?: unknown) => {
      calls.push({ method: m, arg });
      switch (m) {
        case 'getUser':
          return Promise.reject(new AdminError('not-found', 'user not found'));
        case 'clearLog':
          return Promise.resolve(undefined);
        case 'exportLog':
          return Promise.reject(new Error('disk on fire /secret/path'));
        case 'listTokens':
          return Promise.resolve([
            { scimId: 1, clientName: 'okta', tokenPrefix: 'abcd1234', creationTime: 'x', lastUsedTime: null },
          ]);
        default:
          return Promise.resolve({ method: m, arg: arg ?? null });
      }
    };
  }
  const host = Object.assign(api as unknown as AdminHandlers, { subscribe: bus.subscribe.bind(bus) });
  return { host, bus, calls };
}
