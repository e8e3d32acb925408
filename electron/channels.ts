/**
 * The typed channel map between main and preload (after GitHub Desktop's single map from
 * channel name to signature). Only electron/ipc.ts (ipcMain) and electron/preload.ts
 * (ipcRenderer) use these channels; nothing else touches IPC.
 *
 * This file imports types only, so the sandboxed preload bundle stays free of zod and of
 * everything else the contract module pulls in.
 */
import type { AdminApi, AdminEvent, AdminMethod } from '../server/admin/contract';
import type { AdminData, AdminResult } from '../server/admin/invoke';

/**
 * The contract's method names, repeated here so the preload need not import the contract at
 * run time. The type checks below fail the build if this list and ADMIN_METHODS ever differ
 * (a unit test compares them too).
 */
export const BRIDGE_METHODS = [
  'info',
  'listTokens',
  'createToken',
  'revokeToken',
  'listUsers',
  'getUser',
  'listGroups',
  'getGroup',
  'listGroupMembers',
  'queryLog',
  'getLogEntry',
  'clearLog',
  'exportLog',
  'getSettings',
  'updateSettings',
  'checklist',
  'getCustomSchema',
  'setCustomSchema',
] as const satisfies readonly AdminMethod[];

type Missing = Exclude<AdminMethod, (typeof BRIDGE_METHODS)[number]>;
/** Compile-time proof that every contract method has a channel. */
export const _bridgeCoversContract: [Missing] extends [never] ? true : Missing = true;

/** One invoke channel per contract method. */
export type AdminChannel = `admin:${AdminMethod}`;
export const channelOf = <M extends AdminMethod>(method: M): `admin:${M}` => `admin:${method}`;

/** Main → renderer push channel for AdminEvent. */
export const ADMIN_EVENT_CHANNEL = 'admin:event';

type BridgeFn<M extends AdminMethod> =
  Parameters<AdminApi[M]> extends []
    ? () => Promise<AdminResult<AdminData<M>>>
    : (arg: Parameters<AdminApi[M]>[0]) => Promise<AdminResult<AdminData<M>>>;

/**
 * What the preload exposes as `window.scimdesk`: every contract method, resolving to the same
 * `{ ok, data } | { ok: false, error }` envelope as the headless HTTP binding (errors are data,
 * because thrown errors lose their fields crossing the context bridge), plus `onEvent`.
 */
export type ScimDeskBridge = { readonly [M in AdminMethod]: BridgeFn<M> } & {
  /** Subscribes to live admin events; returns the unsubscribe function. */
  readonly onEvent: (listener: (event: AdminEvent) => void) => () => void;
};
