/**
 * Serves the console in headless mode: the admin service over HTTP+SSE on its own loopback
 * listener (never the SCIM one), with a per-launch secret in the printed URL.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScimDeskCore } from './core';
import { createAdminService } from './admin/service';
import { startAdminHttp, type AdminHttpServer } from './admin/http';

/** out/renderer, found from the repository root (headless mode runs from the checkout). */
export function rendererDir(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return join(root, 'out', 'renderer');
}

export async function startConsole(
  core: ScimDeskCore,
  opts: { port: number; host?: string },
): Promise<AdminHttpServer> {
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) {
    console.warn(`Console: the renderer is not built (${dir} is missing); run "npm run build"`);
  }
  return startAdminHttp({
    admin: createAdminService(core),
    rendererDir: dir,
    port: opts.port,
    ...(opts.host ? { host: opts.host } : {}),
  });
}
