/**
 * The typed channel map between main and preload (after GitHub Desktop's single map from
 * channel name to signature). Only electron/ipc.ts (ipcMain) and electron/preload.ts
 * (ipcRenderer) use these channels; nothing else touches IPC.
 *
 * Its one run-time import is the method table (server/admin/methods.ts), which itself imports
 * types only, so the sandboxed preload bundle stays free of zod and of everything else the
 * contract module pulls in.
 */
import type { AdminEvent } from '../server/admin/contract';
import type { AdminResult } from '../server/admin/invoke';
import {
  ADMIN_METHOD_NAMES,
  type AdminData,
  type AdminInput,
  type AdminMethod,
  type AdminSchema,
} from '../server/admin/methods';

/**
 * The contract's method names, from the one method table. server/admin/methods.ts imports
 * types only, so the preload bundle gets a list of strings and nothing of zod.
 */
export const BRIDGE_METHODS: readonly AdminMethod[] = ADMIN_METHOD_NAMES;

/** One invoke channel per contract method. */
export type AdminChannel = `admin:${AdminMethod}`;
export const channelOf = <M extends AdminMethod>(method: M): `admin:${M}` => `admin:${method}`;

/** Main → renderer push channel for AdminEvent. */
export const ADMIN_EVENT_CHANNEL = 'admin:event';

type BridgeFn<M extends AdminMethod> = [AdminSchema<M>] extends [undefined]
  ? () => Promise<AdminResult<AdminData<M>>>
  : (arg: AdminInput<M>) => Promise<AdminResult<AdminData<M>>>;

/**
 * What the preload exposes as `window.scimdesk`: every contract method, resolving to the same
 * `{ ok, data } | { ok: false, error }` envelope as the headless HTTP binding (errors are data,
 * because thrown errors lose their fields crossing the context bridge), plus `onEvent`.
 */
export type ScimDeskBridge = { readonly [M in AdminMethod]: BridgeFn<M> } & {
  /** Subscribes to live admin events; returns the unsubscribe function. */
  readonly onEvent: (listener: (event: AdminEvent) => void) => () => void;
};
