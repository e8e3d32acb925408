/**
 * End-to-end harness: the real headless server in-process (SCIM listener from server/app.ts,
 * admin service and HTTP+SSE binding as server/console.ts wires them), the console built by
 * Vite into a temp dir, and Debian's Chromium driven by playwright-core.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchConsoleBrowser } from '../support/chromium';
import { build } from 'vite';
import { startScimDesk, type ScimDeskCore } from '../../server/app';
import { startAdminHttp, type AdminHttpServer } from '../../server/admin/http';
import { createAdminService } from '../../server/admin/service';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

export interface ConsoleHarness {
  core: ScimDeskCore;
  admin: AdminHttpServer;
  /** the console URL with the per-launch secret, as printed by `npm run serve` */
  consoleUrl: string;
  context: BrowserContext;
  /** console errors, page errors and CSP violations seen on any page */
  problems: string[];
  newPage(): Promise<Page>;
  /** fetch against the SCIM base URL with a bearer token, as Okta calls it */
  scim(
    token: string,
    path: string,
    init?: { method?: string; json?: unknown; query?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Builds the renderer with the project's Vite config into `outDir`, as a production build.
 * Vitest sets NODE_ENV=test, which would make Vite and the React plugin emit React's
 * development runtime; NODE_ENV is set to production for the build only.
 */
export async function buildRenderer(outDir: string): Promise<void> {
  const previous = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      configFile: join(ROOT, 'renderer', 'vite.config.ts'),
      logLevel: 'error',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (previous === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = previous;
  }
}

/** Starts server, console and browser; `close()` stops all three and removes the temp dirs. */
export async function startConsoleHarness(): Promise<ConsoleHarness> {
  const tmp = await mkdtemp(join(tmpdir(), 'scimdesk-e2e-'));
  const rendererDir = join(tmp, 'renderer');
  await buildRenderer(rendererDir);
  const core = await startScimDesk({ dataDir: join(tmp, 'data'), port: 0, mode: 'headless' });
  const admin = await startAdminHttp({ admin: createAdminService(core), rendererDir, port: 0 });
  const context = await launchConsoleBrowser(join(tmp, 'profile'));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);

  return {
    core,
    admin,
    consoleUrl: admin.consoleUrl,
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      await page.goto(admin.consoleUrl);
      return page;
    },
    scim(token, path, init = {}) {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        Accept: 'application/scim+json',
        'User-Agent': 'Okta SCIM Client 1.0.0',
      };
      if (init.json !== undefined) headers['Content-Type'] = 'application/scim+json; charset=utf-8';
      return fetch(`${core.scimUrl}${path}${init.query ? `?${init.query}` : ''}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.json === undefined ? null : JSON.stringify(init.json),
      });
    },
    async close() {
      await context.close().catch(() => undefined);
      await admin.close().catch(() => undefined);
      await core.close().catch(() => undefined);
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** Saves a 1280×800 screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
