/**
 * The Faults screen in Chromium against the real headless server (issue 13 acceptance): the
 * editor validates as the admin types; "429 once" is enabled from the presets, the banner
 * shows on every screen, a user pushed twice over SCIM gets 429 then 201, the 429 is marked
 * in the Request log and the pair shows in Retries. Waits are bounded polls, never sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';
import { oktaUser } from './okta-bodies';

const WAIT_MS = 10_000;

let h: ConsoleHarness;
let page: Page;
let token = '';

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
const banner = () => page.getByTestId('faults-banner');

beforeAll(async () => {
  h = await startConsoleHarness();
  token = (await h.core.tokens.create('OKTA')).token;
  page = await h.newPage();
});

afterAll(async () => {
  await h?.close();
});

describe('console e2e: fault injection', () => {
  it('validates the rules editor as the admin types, with the rule and field named', async () => {
    await nav('Faults').click();
    await page.getByRole('heading', { name: 'Faults', exact: true }).waitFor({ timeout: WAIT_MS });
    await page.getByText('No fault rules').waitFor({ timeout: WAIT_MS });
    const editor = page.getByLabel('Rules (JSON, as in a --faults file)');
    await editor.fill('{"rules": [{"name": "okta-429", "match": {}, "respond": {"status": 200}}]}');
    await page
      .getByText('rules[0] "okta-429": respond.status must be 4xx or 5xx')
      .waitFor({ timeout: WAIT_MS });
    expect(await page.getByRole('button', { name: 'Save rules' }).isDisabled()).toBe(true);
    await editor.fill(
      '{"rules": [{"name": "okta-429", "match": {}, "respond": {"status": 429}, "enabled": false}]}',
    );
    await page.getByText('Valid: 1 rule(s).').waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page
      .getByRole('table', { name: 'Fault rules' })
      .getByText('okta-429')
      .waitFor({ timeout: WAIT_MS });
    // a disabled rule does not raise the banner
    expect(await banner().count()).toBe(0);
    await page
      .getByRole('row')
      .filter({ hasText: 'okta-429' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await page.getByText('No fault rules').waitFor({ timeout: WAIT_MS });
  });

  it('enables "429 once"; the banner shows on every screen', async () => {
    await page.getByRole('button', { name: '429 once, Retry-After 5' }).click();
    await page.locator('tr[data-rule="429-once"]').waitFor({ timeout: WAIT_MS });
    await banner().getByText('429-once').waitFor({ timeout: WAIT_MS });
    await nav('Users').click();
    await banner().waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'faults-banner');
  });

  it('a user pushed twice gets 429 then 201; the 429 is marked in the log and the pair is in Retries', async () => {
    const body = oktaUser('retry.me@example.com', 'Retry', 'Me', '00uretry');
    const first = await h.scim(token, '/Users', { method: 'POST', json: body });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('5');
    const second = await h.scim(token, '/Users', { method: 'POST', json: body });
    expect(second.status).toBe(201);

    await nav('Request log').click();
    await page.locator('[data-fault="429-once"]').first().waitFor({ timeout: WAIT_MS });
    // the rule is used up: the banner goes away by itself
    await banner().waitFor({ state: 'detached', timeout: WAIT_MS });
    await screenshot(page, 'faults-log');

    await nav('Faults').click();
    const row = page
      .getByRole('table', { name: 'Retries' })
      .getByRole('row')
      .filter({ hasText: 'retry.me@example.com' });
    await row.waitFor({ timeout: WAIT_MS });
    expect(await row.textContent()).toMatch(
      /POST \/Users retry\.me@example\.com: 429 \(Retry-After 5\) → retried after [\d.]+ s → 201/,
    );
    await row.getByText('Retry-After 5 not honoured').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('tr[data-rule="429-once"]').getByText('used up').count()).toBe(1);
    await screenshot(page, 'faults-retries');
    expect(h.problems).toEqual([]);
  });
});
