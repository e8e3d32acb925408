/**
 * The tenant custom schema (docs/schemas.md "The tenant custom schema") in Chromium against the
 * real headless server, netskope profile. Settings → "Custom user attributes" defines `costCode`
 * (string) and `level` (integer) by typing and clicking; over real SCIM HTTP a user carrying a
 * costCode is created, returned, found by a filter on the extension attribute, and a number sent
 * as a costCode is 400 invalidValue. The user's drawer shows the value in its SCIM JSON. Back in
 * Settings, costCode is marked in use with no Remove button and the schema cannot be deleted; an
 * attempt to change its type through the form shows Netskope's "Attribute is in Use" refusal;
 * the unused `level` is removed. Once the user's value is cleared, costCode is removed and the
 * schema deleted, and /Schemas no longer serves it.
 *
 * Waits poll locators with a bounded timeout (no sleeps, no timed assertions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';
import { oktaUser, PATCH_SCHEMA, USER_SCHEMA } from './okta-bodies';

const WAIT_MS = 10_000;
const TENANT = 'urn:ietf:params:scim:schemas:extension:tenant:2.0:User';
const USER_NAME = 'cost.coded@example.com';

let h: ConsoleHarness;
let page: Page;
let token = '';
let userId = '';

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
const panel = () => page.getByRole('region', { name: 'Custom user attributes' });
const addForm = () => panel().getByRole('form', { name: 'Add a custom attribute' });
/** the panel's status line (role status) once it says `text` */
const status = (text: string) => panel().getByRole('status').filter({ hasText: text });
const attrItem = (name: string): Locator =>
  panel()
    .getByRole('list', { name: 'Custom attributes' })
    .getByRole('listitem')
    .filter({ has: page.locator('.mono', { hasText: new RegExp(`^${name}$`) }) });

async function openSettings(): Promise<void> {
  await nav('Settings').click();
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor({ timeout: WAIT_MS });
  await panel().waitFor({ timeout: WAIT_MS });
}

async function addAttribute(name: string, type: string): Promise<void> {
  await addForm().getByLabel('Name', { exact: true }).fill(name);
  // the select's label text takes in its options' text, so "Type" is not an exact match
  await addForm().getByLabel('Type').selectOption(type);
  await addForm().getByRole('button', { name: 'Add attribute' }).click();
}

async function scimJson(
  path: string,
  init: { method?: string; json?: unknown; query?: string },
  status: number[],
): Promise<Record<string, unknown>> {
  const res = await h.scim(token, path, init);
  const text = await res.text();
  if (!status.includes(res.status)) throw new Error(`${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

beforeAll(async () => {
  h = await startConsoleHarness();
  token = (await h.core.tokens.create('okta')).token;
  page = await h.newPage();
  // every action and wait is bounded, clicks and fills included
  page.setDefaultTimeout(WAIT_MS);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('console e2e: custom user attributes', () => {
  it('defines costCode (string) and level (integer) in Settings', async () => {
    await openSettings();
    await panel().getByText('No custom schema is defined.').waitFor({ timeout: WAIT_MS });
    expect(await panel().getByRole('button', { name: 'Delete custom schema' }).count()).toBe(0);

    await addAttribute('costCode', 'string');
    await status('Saved "costCode".').waitFor({ timeout: WAIT_MS });
    await attrItem('costCode').getByText('string', { exact: true }).waitFor({ timeout: WAIT_MS });
    // the form is cleared for the next attribute
    expect(await addForm().getByLabel('Name', { exact: true }).inputValue()).toBe('');

    await addAttribute('level', 'integer');
    await status('Saved "level".').waitFor({ timeout: WAIT_MS });
    await attrItem('level').getByText('integer', { exact: true }).waitFor({ timeout: WAIT_MS });
    expect(await attrItem('costCode').count()).toBe(1);
    await screenshot(page, 'custom-schema-defined');

    // what the console defined is what SCIM serves
    const schema = await scimJson(`/Schemas/${TENANT}`, {}, [200]);
    const attrs = schema['attributes'] as Record<string, unknown>[];
    expect(attrs.map((a) => [a['name'], a['type']])).toEqual([
      ['costCode', 'string'],
      ['level', 'integer'],
    ]);
  });

  it('over SCIM: a costCode is stored, returned and filterable; a number for it is 400 invalidValue', async () => {
    const created = await scimJson(
      '/Users',
      {
        method: 'POST',
        json: {
          ...oktaUser(USER_NAME, 'Cost', 'Coded', '00ucost1'),
          schemas: [USER_SCHEMA, TENANT],
          [TENANT]: { costCode: 'CC-1234' },
        },
      },
      [201],
    );
    userId = String(created['id']);
    expect(created[TENANT]).toEqual({ costCode: 'CC-1234' });
    expect(created['schemas']).toContain(TENANT);

    const got = await scimJson(`/Users/${userId}`, {}, [200]);
    expect(got[TENANT]).toEqual({ costCode: 'CC-1234' });

    const filter = (expr: string) => ({ query: `filter=${encodeURIComponent(expr)}` });
    const hit = await scimJson('/Users', filter(`${TENANT}:costCode eq "CC-1234"`), [200]);
    expect(hit['totalResults']).toBe(1);
    expect((hit['Resources'] as Record<string, unknown>[]).map((r) => r['id'])).toEqual([userId]);
    const miss = await scimJson('/Users', filter(`${TENANT}:costCode eq "CC-9999"`), [200]);
    expect(miss['totalResults']).toBe(0);

    const wrong = await h.scim(token, '/Users', {
      method: 'POST',
      json: {
        ...oktaUser('wrong.type@example.com', 'Wrong', 'Type', '00ucost2'),
        schemas: [USER_SCHEMA, TENANT],
        [TENANT]: { costCode: 42 },
      },
    });
    expect(wrong.status).toBe(400);
    const error = (await wrong.json()) as Record<string, unknown>;
    expect(error['scimType']).toBe('invalidValue');
    expect(String(error['detail'])).toContain('costCode');
    const none = await scimJson('/Users', filter('userName eq "wrong.type@example.com"'), [200]);
    expect(none['totalResults']).toBe(0);
  });

  it('shows the value in the user’s drawer (its SCIM JSON)', async () => {
    await nav('Users').click();
    await page.getByRole('table', { name: /users/i }).getByText(USER_NAME).first().click();
    const drawer = page.getByRole('complementary', { name: 'User detail' });
    const json = drawer.getByLabel('User SCIM JSON');
    await json.filter({ hasText: '"costCode": "CC-1234"' }).waitFor({ timeout: WAIT_MS });
    expect(await json.textContent()).toContain(`"${TENANT}": {`);
    await screenshot(page, 'custom-schema-user-drawer');
    await drawer.getByRole('button', { name: 'Close user detail' }).click();
    await drawer.waitFor({ state: 'detached', timeout: WAIT_MS });
  });

  it('refuses to change or remove costCode while the user holds a value; removes the unused level', async () => {
    await openSettings();
    const cost = attrItem('costCode');
    await cost.getByText('— in use').waitFor({ timeout: WAIT_MS });
    expect(await cost.getByRole('button', { name: 'Remove costCode' }).count()).toBe(0);
    const deleteSchema = panel().getByRole('button', { name: 'Delete custom schema' });
    expect(await deleteSchema.isDisabled()).toBe(true);
    expect(await deleteSchema.getAttribute('title')).toBe('Users hold values for some attributes');

    // re-adding costCode as an integer would change an attribute in use: the server refuses
    await addAttribute('costCode', 'integer');
    await panel()
      .getByRole('alert')
      .filter({
        hasText: 'Cannot update existing attribute. Attribute is in Use: users hold values for "costCode"',
      })
      .waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'custom-schema-in-use');
    await cost.getByText('string', { exact: true }).waitFor({ timeout: WAIT_MS });
    const still = await scimJson(`/Schemas/${TENANT}`, {}, [200]);
    expect((still['attributes'] as Record<string, unknown>[]).map((a) => [a['name'], a['type']])).toEqual([
      ['costCode', 'string'],
      ['level', 'integer'],
    ]);

    // level holds no value: its removal goes through while costCode stays in use
    await attrItem('level').getByRole('button', { name: 'Remove level' }).click();
    await status('Removed "level".').waitFor({ timeout: WAIT_MS });
    await attrItem('level').waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await attrItem('costCode').count()).toBe(1);
    const after = await scimJson(`/Schemas/${TENANT}`, {}, [200]);
    expect((after['attributes'] as Record<string, unknown>[]).map((a) => a['name'])).toEqual(['costCode']);
  });

  it('once the value is cleared, removes costCode and deletes the schema', async () => {
    await scimJson(
      `/Users/${userId}`,
      {
        method: 'PATCH',
        json: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'remove', path: `${TENANT}:costCode` }] },
      },
      [200, 204],
    );
    const cleared = await scimJson(`/Users/${userId}`, {}, [200]);
    expect(cleared).not.toHaveProperty(TENANT);

    // the panel reads the schema when Settings opens
    await nav('Users').click();
    await openSettings();
    const remove = attrItem('costCode').getByRole('button', { name: 'Remove costCode' });
    await remove.waitFor({ timeout: WAIT_MS });
    await remove.click();
    await status('Removed "costCode".').waitFor({ timeout: WAIT_MS });
    await panel().getByText('The schema has no attributes.').waitFor({ timeout: WAIT_MS });

    await panel().getByRole('button', { name: 'Delete custom schema' }).click();
    await status('Custom schema deleted.').waitFor({ timeout: WAIT_MS });
    await panel().getByText('No custom schema is defined.').waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'custom-schema-deleted');
    expect((await h.scim(token, `/Schemas/${TENANT}`)).status).toBe(404);

    // the only console errors are Chromium's notes on the refused save (HTTP 400 from the admin API)
    expect(h.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  });
});
