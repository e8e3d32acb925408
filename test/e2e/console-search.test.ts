/**
 * Issue 17 in Chromium: each search box finds what its placeholder names (first name, last
 * name, an email that differs from userName, two words, a no-match, Ä/ä) and the Request log
 * reads a burst of creates to the millisecond, with the full time on hover and a time range
 * typed to the millisecond.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localAdminClient } from '../../server/admin/invoke';
import { createAdminService } from '../../server/admin/service';
import { formatPreciseTime } from '../../renderer/src/lib/format-time';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';

const WAIT_MS = 20_000;
const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const NAMES = ['abc@x.io', 'zebra@x.io', 'aegidius@x.io', 'other@y.io'];

let h: ConsoleHarness;
let page: Page;
let token = '';
const burst: string[] = [];

function user(userName: string, given: string, family: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER_URN],
    userName,
    name: { givenName: given, familyName: family },
    emails: [{ primary: true, value: userName, type: 'work' }],
    active: true,
    ...extra,
  };
}

async function post(path: string, json: unknown): Promise<string> {
  const r = await h.scim(token, path, { method: 'POST', json });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

/** Which of NAMES the rows of a table show. */
async function shown(table: string): Promise<string[]> {
  const texts = await page
    .getByRole('table', { name: table })
    .locator('[role="row"][aria-rowindex]')
    .evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
  return NAMES.filter((n) => texts.some((t) => t.includes(n)));
}

beforeAll(async () => {
  h = await startConsoleHarness();
  const service = createAdminService(h.core);
  token = (await localAdminClient(service).createToken({ clientName: 'OKTA' })).token;
  service.dispose();
  const ids = [
    await post(
      '/Users',
      user('abc@x.io', 'Zebulon', 'Quartermaine', {
        emails: [{ primary: true, value: 'mail.abc@x.io', type: 'work' }],
        externalId: '00uEXT123',
      }),
    ),
    await post('/Users', user('zebra@x.io', 'Zebra', 'Quarter', { externalId: '00uEXT999' })),
    await post('/Users', user('aegidius@x.io', 'Ägidius', 'Straße')),
    await post('/Users', user('other@y.io', 'Other', 'Person')),
  ];
  await post('/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Ärzte Nord',
    externalId: '00gNORTH',
    members: ids.map((value) => ({ value })),
  });
  page = await h.newPage();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('console search (issue 17)', () => {
  it('Users: the placeholder names the fields, and each is found', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Users' }).click();
    const box = page.getByRole('searchbox', { name: 'Search users' });
    expect(await box.getAttribute('placeholder')).toBe('Search userName, email, name, externalId or id');
    await expect.poll(() => shown('Users'), { timeout: WAIT_MS }).toEqual(NAMES);
    const cases: [string, string[]][] = [
      ['Zebulon', ['abc@x.io']],
      ['quartermaine', ['abc@x.io']],
      ['mail.abc', ['abc@x.io']],
      ['zebulon quartermaine', ['abc@x.io']],
      ['zeb quarter', ['abc@x.io', 'zebra@x.io']],
      ['ÄGIDIUS', ['aegidius@x.io']],
      ['STRAẞE', ['aegidius@x.io']],
      ['00uext9', ['zebra@x.io']],
    ];
    for (const [text, expected] of cases) {
      await box.fill(text);
      await expect.poll(() => shown('Users'), { timeout: WAIT_MS, message: text }).toEqual(expected);
      await expect
        .poll(() => page.getByTestId('range').textContent(), { timeout: WAIT_MS, message: text })
        .toBe(`1-${expected.length} of ${expected.length}`);
    }
    await box.fill('nobody-here');
    await page.getByText('No user matches “nobody-here”').waitFor({ timeout: WAIT_MS });
    expect(await shown('Users')).toEqual([]);
    await screenshot(page, 'users-search-no-match');
    await box.fill('');
    await expect.poll(() => shown('Users'), { timeout: WAIT_MS }).toEqual(NAMES);
  });

  it('Groups and a group’s members', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Groups' }).click();
    const box = page.getByRole('searchbox', { name: 'Search for groups' });
    expect(await box.getAttribute('placeholder')).toBe('Search name, externalId or id');
    await box.fill('gnorth');
    const row = page
      .getByRole('table', { name: 'Groups' })
      .getByRole('row')
      .filter({ hasText: 'Ärzte Nord' });
    await row.waitFor({ timeout: WAIT_MS });
    await box.fill('ärzte süd');
    await page.getByText('No group matches “ärzte süd”').waitFor({ timeout: WAIT_MS });
    await box.fill('ÄRZTE');
    await row.click();

    const view = page.getByRole('dialog', { name: 'Ärzte Nord' });
    const members = view.getByRole('searchbox', { name: 'Search for users in this group' });
    expect(await members.getAttribute('placeholder')).toBe(
      'Search members: userName, email, name, externalId or id',
    );
    await expect.poll(() => shown('Members'), { timeout: WAIT_MS }).toEqual(NAMES);
    for (const [text, expected] of [
      ['zebulon', ['abc@x.io']],
      ['Quartermaine', ['abc@x.io']],
      ['mail.abc', ['abc@x.io']],
      ['Zebulon Quartermaine', ['abc@x.io']],
      ['ägidius', ['aegidius@x.io']],
    ] as [string, string[]][]) {
      await members.fill(text);
      await expect.poll(() => shown('Members'), { timeout: WAIT_MS, message: text }).toEqual(expected);
    }
    await members.fill('nobody-here');
    await view.getByText('No member matches “nobody-here”').waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'members-search');
    await view.getByRole('button', { name: 'OK', exact: true }).click();
  });
});

describe('request log times (issue 17)', () => {
  beforeAll(async () => {
    for (let i = 0; i < 100; i++) {
      // one create per millisecond: wait (without sleeping) for the clock to move on
      const now = Date.now();
      for (let k = 0; k < 1_000_000 && Date.now() === now; k++);
      const name = `burst${String(i).padStart(3, '0')}@x.io`;
      burst.push(name);
      await post('/Users', user(name, 'Burst', String(i)));
    }
  }, 60_000);

  it('shows distinct millisecond times, newest first, with the full time on hover', async () => {
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Request log' })
      .click();
    const times = page
      .getByRole('table', { name: 'Request log' })
      .locator('[role="row"][aria-rowindex] time');
    await expect.poll(() => times.count(), { timeout: WAIT_MS }).toBeGreaterThanOrEqual(10);
    const cells = await times.evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent ?? '', title: e.getAttribute('title') ?? '' })),
    );
    for (const c of cells) {
      expect(c.text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
      expect(c.title).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d) \(/);
    }
    const texts = cells.map((c) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect([...texts].sort().reverse()).toEqual(texts);
    await screenshot(page, 'log-milliseconds');
  });

  it('a time range typed to the millisecond keeps exactly the creates inside it', async () => {
    const service = createAdminService(h.core);
    const log = (await localAdminClient(service).queryLog({ methods: ['POST'], limit: 500 }))
      .filter((e) => e.resources.some((r) => r.name?.startsWith('burst')))
      .sort((a, b) => a.seq - b.seq);
    service.dispose();
    expect(log).toHaveLength(100);
    const local = (iso: string) => formatPreciseTime(iso).replace(' ', 'T');
    await page.getByLabel('From time').fill(local((log[40] as { time: string }).time));
    await page.getByLabel('To time').fill(local((log[49] as { time: string }).time));
    // (the header row has an aria-rowindex too: count the rows with a time)
    const times = page
      .getByRole('table', { name: 'Request log' })
      .locator('[role="row"][aria-rowindex] time');
    await expect.poll(() => times.count(), { timeout: WAIT_MS }).toBe(10);
    const texts = await times.allTextContents();
    expect(texts).toEqual(
      log
        .slice(40, 50)
        .map((e) => formatPreciseTime(e.time))
        .reverse(),
    );
  });
});
