/**
 * Issue 12 in Chromium against the real headless server: a user pushed, updated (PUT, the AIW
 * profile push) and deactivated (OIN PATCH) over SCIM. The Request log shows each request's
 * Okta action and filters on it; the Activity feed on Connect tells the deactivation; Export
 * report downloads a self-contained HTML report that opens in the browser and names the user.
 *
 * Waits poll locators with a bounded timeout (no sleeps, no timed assertions).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';
import { oktaUser, pathlessReplace } from './okta-bodies';

const WAIT_MS = 10_000;
let h: ConsoleHarness;
let page: Page;
let token = '';
let userId = '';

const nav = (p: Page, name: string) =>
  p.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });

beforeAll(async () => {
  h = await startConsoleHarness();
  token = (await h.core.tokens.create('okta')).token;
  const send = async (
    path: string,
    init: { method?: string; json?: unknown; query?: string },
    status: number[],
  ) => {
    const res = await h.scim(token, path, init);
    if (!status.includes(res.status)) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
  };
  await send(
    '/Users',
    { query: 'filter=userName%20eq%20%22jane.doe%40example.com%22&startIndex=1&count=100' },
    [200],
  );
  const created = await send(
    '/Users',
    { method: 'POST', json: oktaUser('jane.doe@example.com', 'Jane', 'Doe', '00u1') },
    [201],
  );
  userId = String(created['id']);
  const got = await send(`/Users/${userId}`, {}, [200]);
  await send(
    `/Users/${userId}`,
    { method: 'PUT', json: { ...got, name: { givenName: 'Janet', familyName: 'Doe' } } },
    [200],
  );
  await send(`/Users/${userId}`, { method: 'PATCH', json: pathlessReplace({ active: false }) }, [200, 204]);
  page = await h.newPage();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('console e2e: Okta actions, activity and the report', () => {
  it('shows the deactivation in the Activity feed, linked to its request', async () => {
    await page.getByRole('heading', { name: 'Connect Okta' }).waitFor({ timeout: WAIT_MS });
    const feed = page.getByRole('list', { name: 'Activity feed' });
    const line = feed.getByRole('listitem').filter({ hasText: 'Okta deactivated jane.doe@example.com' });
    await line.waitFor({ timeout: WAIT_MS });
    await expect(
      feed.getByRole('listitem').filter({ hasText: 'Okta updated jane.doe@example.com' }).count(),
    ).resolves.toBe(1);
    await expect(
      feed.getByRole('listitem').filter({ hasText: 'Okta created jane.doe@example.com' }).count(),
    ).resolves.toBe(1);
    // newest first
    await expect(feed.getByRole('listitem').first().textContent()).resolves.toContain('deactivated');
    await screenshot(page, 'connect-activity');
    await line.getByRole('button', { name: 'request' }).click();
    await page.getByText('PATCH', { exact: true }).first().waitFor({ timeout: WAIT_MS });
    expect(page.url()).toContain('#/log/');
  });

  it('shows the user’s history in its drawer: old and new values and the actions', async () => {
    await nav(page, 'Users').click();
    await page.getByRole('table', { name: /users/i }).getByText('jane.doe@example.com').first().click();
    const list = page.getByRole('list', { name: 'History versions' });
    const versions = list.getByRole('listitem');
    await versions.first().waitFor({ timeout: WAIT_MS });
    const first = versions.nth(0);
    await expect(first.textContent()).resolves.toContain('Deactivated');
    await expect(first.textContent()).resolves.toContain('Deactivate');
    await first.locator('del', { hasText: 'true' }).waitFor({ timeout: WAIT_MS });
    await first.locator('ins', { hasText: 'false' }).waitFor({ timeout: WAIT_MS });
    const update = versions.filter({ hasText: 'Profile push' }).filter({ hasText: 'name.givenName' });
    await update.locator('del', { hasText: 'Jane' }).waitFor({ timeout: WAIT_MS });
    await update.locator('ins', { hasText: 'Janet' }).waitFor({ timeout: WAIT_MS });
    await versions.filter({ hasText: 'Assign: create' }).first().waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'user-history');
    await first.getByRole('button', { name: 'request' }).click();
    expect(page.url()).toContain('#/log/');
  });

  it('shows each request’s Okta action in the Request log and filters on it', async () => {
    await nav(page, 'Request log').click();
    const table = page.getByRole('table', { name: /request log/i });
    await table.getByText('Deactivate', { exact: true }).waitFor({ timeout: WAIT_MS });
    await table.getByText('Assign: create', { exact: true }).waitFor({ timeout: WAIT_MS });
    await table.getByText('Assign: lookup', { exact: true }).waitFor({ timeout: WAIT_MS });
    await page.getByLabel('Okta action').selectOption('deactivate');
    await table.getByText('Assign: create', { exact: true }).waitFor({ state: 'detached', timeout: WAIT_MS });
    await expect(table.getByText('Deactivate', { exact: true }).count()).resolves.toBe(1);
    await screenshot(page, 'log-okta-action');
  });

  it('exports the report and opens it in the browser', async () => {
    await nav(page, 'Connect').click();
    await page.getByLabel('Report format').selectOption('html');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: WAIT_MS }),
      page.getByRole('button', { name: 'Export report' }).click(),
    ]);
    // Saved under its suggested name: Chromium renders a file:// page as HTML by its extension.
    const dir = await mkdtemp(join(tmpdir(), 'scimdesk-report-dl-'));
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^scimdesk-report-.*\.html$/);
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<script/i);
    const report = await h.context.newPage();
    const external: string[] = [];
    report.on('request', (r) => {
      if (!r.url().startsWith('file:')) external.push(r.url());
    });
    await report.goto(pathToFileURL(file).href);
    await report.getByRole('heading', { name: 'ScimDesk validation report' }).waitFor({ timeout: WAIT_MS });
    await report.getByRole('heading', { name: 'Okta setup checklist' }).waitFor({ timeout: WAIT_MS });
    await report.getByText('jane.doe@example.com').first().waitFor({ timeout: WAIT_MS });
    await report.getByText(userId).first().waitFor({ timeout: WAIT_MS });
    expect(external).toEqual([]);
    await screenshot(report, 'report-html');
    expect(h.problems).toEqual([]);
    await report.close();
    await rm(dir, { recursive: true, force: true });
  });
});
