/**
 * The Users screen at tenant scale (issue 6: "paging that stays smooth at 100,000 users
 * (virtualised rows, server-side queries)"). 100,000 users are written through the store's
 * own repository (seeding that many over HTTP would take minutes), then the console must
 * show the total, keep only a screenful of rows in the DOM wherever it scrolls, and search
 * and sort on the server. Timings are printed for information, never asserted (benches own them).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';
import { SEARCH_DEBOUNCE_MS } from '../../renderer/src/lib/search-debounce';

const USERS = 100_000;
const CHUNK = 5_000;
const WAIT_MS = 20_000;
/** a screenful (~17 rows at 800 px) plus overscan on both sides, with room to spare */
const MAX_DOM_ROWS = 60;

let h: ConsoleHarness;
let page: Page;

const name = (i: number) => `user${String(i).padStart(6, '0')}@bulk.example`;

async function seed(core: ConsoleHarness['core']): Promise<void> {
  const now = new Date().toISOString();
  for (let start = 0; start < USERS; start += CHUNK) {
    await core.store.engine.write((tx) => {
      for (let i = start; i < Math.min(USERS, start + CHUNK); i++) {
        const id = randomUUID();
        core.store.users.insert(
          tx,
          id,
          {
            resource: {
              schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
              id,
              userName: name(i),
              name: { givenName: `Given${i}`, familyName: `Family${i}` },
              emails: [{ value: name(i), primary: true, type: 'work' }],
              externalId: `00u${i}`,
              active: i % 10 !== 0,
            },
            ignored: [],
          },
          now,
        );
      }
    });
  }
}

const table = () => page.getByRole('table', { name: 'Users' });
const domRows = () => table().getByRole('row').count();
const range = () => page.getByTestId('range');

beforeAll(async () => {
  h = await startConsoleHarness();
  const t0 = performance.now();
  await seed(h.core);
  console.log(`seeded ${USERS} users in ${Math.round(performance.now() - t0)} ms`);
  page = await h.newPage();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('console e2e: 100,000 users', () => {
  it('shows the total and renders only the rows in view', async () => {
    const t0 = performance.now();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Users' }).click();
    await table()
      .getByRole('row')
      .filter({ hasText: name(0) })
      .waitFor({ timeout: WAIT_MS });
    console.log(`first rows visible ${Math.round(performance.now() - t0)} ms after navigation`);
    await expect.poll(() => range().textContent(), { timeout: WAIT_MS }).toMatch(/^1-\d+ of 100,000$/);
    expect(await domRows()).toBeLessThan(MAX_DOM_ROWS);
    await screenshot(page, 'users-100k');
  });

  it('jumps to the last user with the End key, fetching only that page', async () => {
    await page.getByRole('rowgroup', { name: /^Users:/ }).focus();
    const t0 = performance.now();
    await page.keyboard.press('End');
    await table()
      .getByRole('row')
      .filter({ hasText: name(USERS - 1) })
      .waitFor({ timeout: WAIT_MS });
    console.log(`last row visible ${Math.round(performance.now() - t0)} ms after End`);
    await expect.poll(() => range().textContent(), { timeout: WAIT_MS }).toMatch(/-100,000 of 100,000$/);
    expect(await domRows()).toBeLessThan(MAX_DOM_ROWS);
    // keyboard focus follows: the focused row is the last one
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'));
    expect(focused).toBe(String(USERS + 1));

    // Enter opens the detail with the focus in it; Esc closes it and returns to the row
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('complementary', { name: 'User detail' });
    await drawer.getByText('00u99999', { exact: true }).waitFor({ timeout: WAIT_MS });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('User detail');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe(
      String(USERS + 1),
    );
  });

  it('searches on the server and sorts on the server', async () => {
    const search = page.getByRole('searchbox', { name: 'Search users' });
    const t0 = performance.now();
    await search.fill('user054321');
    await expect.poll(() => range().textContent(), { timeout: WAIT_MS }).toBe('1-1 of 1');
    console.log(
      `search answered ${Math.round(performance.now() - t0)} ms after typing (${SEARCH_DEBOUNCE_MS} ms debounce and Playwright's polling included)`,
    );
    await table()
      .getByRole('row')
      .filter({ hasText: name(54321) })
      .waitFor({ timeout: WAIT_MS });
    await search.fill('');
    await expect.poll(() => range().textContent(), { timeout: WAIT_MS }).toMatch(/of 100,000$/);

    await table().getByRole('button', { name: /Email/ }).click();
    await table()
      .getByRole('row')
      .nth(1)
      .filter({ hasText: name(USERS - 1) })
      .waitFor({ timeout: WAIT_MS });
    const sorted = await table().getByRole('columnheader', { name: /Email/ }).getAttribute('aria-sort');
    expect(sorted).toBe('descending');
  });

  it('keeps up with a burst of SCIM requests in the live log, rendering only the rows in view', async () => {
    const token = (await h.core.tokens.create('BURST')).token;
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Request log' })
      .click();
    await page.getByText('No requests yet').waitFor({ timeout: WAIT_MS });
    const BURST = 400;
    const t0 = performance.now();
    for (let i = 0; i < BURST; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          h.scim(token, '/Users', { query: `filter=${encodeURIComponent(`userName eq "${name(i + k)}"`)}` }),
        ),
      );
    }
    await expect
      .poll(() => page.getByTestId('log-count').textContent(), { timeout: WAIT_MS })
      .toBe(`${BURST} entries loaded`);
    console.log(`${BURST} requests sent and shown live in ${Math.round(performance.now() - t0)} ms`);
    expect(await page.getByRole('table', { name: 'Request log' }).getByRole('row').count()).toBeLessThan(
      MAX_DOM_ROWS,
    );
  });
});
