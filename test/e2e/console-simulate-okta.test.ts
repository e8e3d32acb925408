/**
 * "Simulate Okta" in the console (issue 14), in Chromium against the real headless server:
 * one click sends Okta's flows to this tenant; the simulator's steps appear, the Connect
 * checklist ticks from that traffic, and the request log shows it marked as simulated.
 * Waits poll locators with a bound that only stops a hang (no timed assertions).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';

const WAIT_MS = 60_000;

let h: ConsoleHarness;
let page: Page;

const nav = (p: Page, name: string) =>
  p.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });

beforeAll(async () => {
  h = await startConsoleHarness();
  page = await h.newPage();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('console e2e: Simulate Okta', () => {
  it('runs the flows against this tenant and ticks the checklist', { timeout: 120_000 }, async () => {
    await page.getByRole('heading', { name: 'Connect Okta' }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-step].done').count()).toBe(0);
    await page.getByRole('button', { name: 'Simulate Okta' }).click();

    for (const id of [
      'credentials-tested',
      'user-created',
      'user-updated',
      'user-deactivated',
      'group-pushed',
      'group-members',
    ])
      await page.locator(`[data-step="${id}"].done`).waitFor({ timeout: WAIT_MS });
    const status = page.getByRole('status').filter({ hasText: /\d+ passed, \d+ failed/ });
    await status.waitFor({ timeout: WAIT_MS });
    expect(await status.textContent()).toMatch(/^\d+ passed, 0 failed$/);
    await page.locator('[data-sim-step="members.replace-empty"].sim-passed').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-sim-step].sim-failed').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Simulate Okta' }).isEnabled()).toBe(true);
    await screenshot(page, 'connect-simulated');
  });

  it('shows its requests in the log, marked simulated, and leaves no token behind', async () => {
    await nav(page, 'Request log').click();
    const table = page.getByRole('table', { name: 'Request log' });
    const simulatedRow = table.getByRole('row').filter({ hasText: 'simulated' });
    await simulatedRow.first().waitFor({ timeout: WAIT_MS });
    expect(await simulatedRow.first().textContent()).toContain('Okta simulator');
    await simulatedRow.first().click();
    const detail = page.getByRole('complementary', { name: 'Request detail' });
    await detail.locator('.badge-sim').filter({ hasText: 'simulated' }).waitFor({ timeout: WAIT_MS });
    await detail.getByText('Okta SCIM Client 1.0.0').first().waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'log-simulated');

    expect(h.core.tokens.list().some((t) => t.clientName === 'Okta simulator')).toBe(false);
    expect(h.problems).toEqual([]);
  });
});
