/**
 * The console's other transport: under Electron the preload exposes `window.scimdesk` (named
 * functions answering `{ ok, data } | { ok: false, error }`, plus `onEvent`), and the console
 * must use it without knowing (docs/architecture.md "Rules that keep it simple").
 *
 * Electron cannot run here, so a page init script stands in for electron/preload.ts with the
 * same surface, relaying each call to the real admin service over its HTTP binding. The page is
 * opened WITHOUT the console secret in its URL: the HTTP transport would get 401 everywhere, so
 * anything that works proves the bridge was used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_METHOD_NAMES as ADMIN_METHODS } from '../../server/admin/methods';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';
import { oktaUser } from './okta-bodies';

const WAIT_MS = 10_000;
let h: ConsoleHarness;
let page: Page;
let token = '';

/** Runs in the page before the console: the preload's surface, over the admin HTTP binding. */
function installBridge({ secret, methods }: { secret: string; methods: string[] }) {
  const bridge: Record<string, unknown> = {};
  for (const m of methods) {
    bridge[m] = async (arg?: unknown) => {
      const res = await fetch(`/admin/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
        body: JSON.stringify(arg ?? {}),
      });
      return (await res.json()) as unknown;
    };
  }
  bridge['onEvent'] = (cb: (e: unknown) => void) => {
    const es = new EventSource(`/admin/events?token=${encodeURIComponent(secret)}`);
    es.onmessage = (e: MessageEvent<string>) => cb(JSON.parse(e.data));
    return () => es.close();
  };
  (window as unknown as { scimdesk: unknown }).scimdesk = Object.freeze(bridge);
}

beforeAll(async () => {
  h = await startConsoleHarness();
  await h.context.addInitScript(installBridge, { secret: h.admin.secret, methods: [...ADMIN_METHODS] });
  token = (await h.core.tokens.create('OKTA')).token;
  page = await h.context.newPage();
  await page.goto(`${h.admin.origin}/#/users`);
});

afterAll(async () => {
  await h?.close();
});

describe('console e2e: Electron preload bridge transport', () => {
  it('loads data through window.scimdesk with no console secret in the URL', async () => {
    await page.getByText('No users yet').waitFor({ timeout: WAIT_MS });
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Tokens' }).click();
    await page.getByRole('row').filter({ hasText: 'OKTA' }).waitFor({ timeout: WAIT_MS });
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('receives live events through onEvent', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Users' }).click();
    await page.getByText('No users yet').waitFor({ timeout: WAIT_MS });
    const res = await h.scim(token, '/Users', {
      method: 'POST',
      json: oktaUser('bridge.user@example.com', 'Bridge', 'User', '00ubridge'),
    });
    expect(res.status).toBe(201);
    await page.getByRole('row').filter({ hasText: 'bridge.user@example.com' }).waitFor({ timeout: WAIT_MS });
  });

  it('shows errors from the envelope instead of failing silently', async () => {
    await page.goto(`${h.admin.origin}/#/users/no-such-user`);
    await page
      .getByRole('complementary', { name: 'User detail' })
      .getByRole('alert')
      .waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'users-not-found');
    expect(h.problems.filter((p) => !p.includes('404'))).toEqual([]);
  });
});
