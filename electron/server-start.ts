/**
 * Starts the server module for the desktop app: the SCIM listener on the usual port (so a
 * tunnel command and Okta's Base URL keep working across launches), or a free port if that
 * one is taken, plus the admin service that IPC binds to.
 */
import { createServer } from 'node:net';
import { startScimDesk } from '../server/app';
import { createAdminService } from '../server/admin/service';
import type { ElectronServerOptions, ScimDeskHandle } from './lifecycle';

/** Same default as `npm run serve` (server/cli.ts). */
export const DEFAULT_SCIM_PORT = 8787;

/**
 * Whether `port` can be bound on loopback right now. Probed before starting the core rather
 * than retrying after a failed start, because a failed listen happens after the store is
 * open, and opening the same data directory twice must never happen.
 */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Starts core + admin service; the handle's close() detaches the service, then stops the core. */
export async function startForElectron(options: ElectronServerOptions): Promise<ScimDeskHandle> {
  const base = { dataDir: options.dataDir, wasmPath: options.wasmPath, mode: options.mode };
  const free = await portFree(DEFAULT_SCIM_PORT);
  if (!free) console.warn(`port ${DEFAULT_SCIM_PORT} is in use; the SCIM listener takes a free port instead`);
  const core = await startScimDesk({ ...base, port: free ? DEFAULT_SCIM_PORT : 0 });
  const admin = createAdminService(core);
  return {
    scimUrl: core.scimUrl,
    admin,
    async close() {
      admin.dispose();
      await core.close();
    },
  };
}
