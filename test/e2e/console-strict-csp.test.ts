/**
 * The console runs under a strict Content Security Policy: no inline script, no eval, and
 * styles only from its own files (`style-src 'self'`, without the 'unsafe-inline' the
 * bindings allow for development). The page's CSP header is tightened on the way to the
 * browser, every screen, drawer and modal is opened, and any violation fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startConsoleHarness, type ConsoleHarness } from './console-harness';
import { addMembers, oktaGroup, oktaUser } from './okta-bodies';

const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
const WAIT_MS = 10_000;

let h: ConsoleHarness;
let page: Page;

beforeAll(async () => {
  h = await startConsoleHarness();
  const token = (await h.core.tokens.create('OKTA')).token;
  const user = await h.scim(token, '/Users', {
    method: 'POST',
    json: oktaUser('csp.user@example.com', 'Csp', 'User', '00ucsp'),
  });
  const userId = ((await user.json()) as { id: string }).id;
  const group = await h.scim(token, '/Groups', { method: 'POST', json: oktaGroup('CSP group') });
  const groupId = ((await group.json()) as { id: string }).id;
  await h.scim(token, `/Groups/${groupId}`, {
    method: 'PATCH',
    json: addMembers([{ value: userId, display: 'csp.user@example.com' }]),
  });

  await h.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page = await h.context.newPage();
  await page.route(`${h.admin.origin}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': STRICT_CSP },
    });
  });
  await page.goto(h.consoleUrl);
});

afterAll(async () => {
  await h?.close();
});

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });

describe("console e2e: strict CSP (style-src 'self', no inline script)", () => {
  it('opens every screen, drawer and modal without a violation', async () => {
    await page.getByRole('heading', { name: 'Connect Okta' }).waitFor({ timeout: WAIT_MS });
    await nav('Tokens').click();
    await page.getByRole('button', { name: 'ADD TOKEN' }).click();
    await page
      .getByRole('dialog', { name: 'Add OAuth Client Name' })
      .getByRole('button', { name: 'CANCEL' })
      .click();
    await nav('Users').click();
    await page.getByRole('row').filter({ hasText: 'csp.user@example.com' }).click();
    await page.getByRole('complementary', { name: 'User detail' }).getByText('00ucsp').first().waitFor();
    await nav('Groups').click();
    await page.getByRole('row').filter({ hasText: 'CSP group' }).click();
    const view = page.getByRole('dialog', { name: 'CSP group' });
    await view.getByRole('row').filter({ hasText: 'csp.user@example.com' }).waitFor({ timeout: WAIT_MS });
    await view.getByRole('button', { name: 'OK', exact: true }).click();
    await nav('Request log').click();
    await page.getByRole('row').filter({ hasText: 'POST' }).first().click();
    await page.getByRole('complementary', { name: 'Request detail' }).getByText('Response').waitFor();
    await nav('Settings').click();
    await page.getByRole('button', { name: 'Save settings' }).waitFor({ timeout: WAIT_MS });

    const violations = () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(await violations()).toEqual([]);
    // and the strict policy really was in force: an inline <style> is refused
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red; }';
      document.head.append(style);
    });
    await expect.poll(violations, { timeout: WAIT_MS }).toEqual([expect.stringMatching(/^style-src/)]);
    h.problems.splice(
      0,
      h.problems.length,
      ...h.problems.filter((p) => !p.includes('Content Security Policy')),
    );
    expect(h.problems).toEqual([]);
  });
});
