/**
 * Live updates that carry what changed (issue 11), in Chromium against the real headless
 * server: with the Users screen open, a user created over SCIM appears, and its update and
 * deactivation change the row in place, with no listUsers request and no page reload; a group's
 * member count follows a membership PATCH with no listGroups request.
 *
 * "No request" is checked after the change is on screen, by counting the admin API calls the
 * page made; waits poll locators with a bound that only stops a hang (no timed assertions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';
import { addMembers, oktaGroup, oktaUser, pathlessReplace } from './okta-bodies';

const WAIT_MS = 10_000;

let h: ConsoleHarness;
let page: Page;
let token = '';
const apiCalls: string[] = [];

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
const rowWith = (table: string, text: string): Locator =>
  page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
const callsOf = (method: string) => apiCalls.filter((m) => m === method).length;

async function createUser(userName: string, given: string, externalId: string): Promise<string> {
  const res = await h.scim(token, '/Users', {
    method: 'POST',
    json: oktaUser(userName, given, 'Doe', externalId),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  h = await startConsoleHarness();
  token = (await h.core.tokens.create('OKTA')).token;
  page = await h.newPage();
  page.on('request', (r) => {
    const m = /\/admin\/api\/(\w+)$/.exec(new URL(r.url()).pathname);
    if (m?.[1]) apiCalls.push(m[1]);
  });
  // a full reload would lose this mark
  await page.evaluate(() => {
    (window as unknown as { liveMark?: number }).liveMark = 1;
  });
});

afterAll(async () => {
  await h?.close();
});

describe('console e2e: live rows', () => {
  let janeId = '';
  let johnId = '';

  it('shows a user created over SCIM in the open Users screen', async () => {
    await nav('Users').click();
    await page.getByText('No users yet').waitFor({ timeout: WAIT_MS });
    janeId = await createUser('jane.doe@example.com', 'Jane', '00u1');
    await rowWith('Users', 'jane.doe@example.com').getByText('Active').waitFor({ timeout: WAIT_MS });
    johnId = await createUser('john.doe@example.com', 'John', '00u2');
    await rowWith('Users', 'john.doe@example.com').waitFor({ timeout: WAIT_MS });
  });

  it('patches an updated and a deactivated user in place, without asking for the list again', async () => {
    const listed = callsOf('listUsers');
    const update = await h.scim(token, `/Users/${janeId}`, {
      method: 'PATCH',
      json: pathlessReplace({ name: { givenName: 'Janet', familyName: 'Doe' } }),
    });
    expect([200, 204]).toContain(update.status);
    const jane = rowWith('Users', 'jane.doe@example.com');
    await jane.getByText('Janet', { exact: true }).waitFor({ timeout: WAIT_MS });

    const off = await h.scim(token, `/Users/${johnId}`, {
      method: 'PATCH',
      json: pathlessReplace({ active: false }),
    });
    expect([200, 204]).toContain(off.status);
    await rowWith('Users', 'john.doe@example.com').getByText('Deactivated').waitFor({ timeout: WAIT_MS });
    await jane.getByText('Active').waitFor();

    expect(callsOf('listUsers')).toBe(listed);
    expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
    await screenshot(page, 'users-live-patched');
  });

  it("updates a group's member count in the open Groups screen without asking for the list again", async () => {
    await nav('Groups').click();
    await page.getByText('No groups yet').waitFor({ timeout: WAIT_MS });
    const created = await h.scim(token, '/Groups', { method: 'POST', json: oktaGroup('Engineering') });
    expect(created.status).toBe(201);
    const groupId = ((await created.json()) as { id: string }).id;
    const group = rowWith('Groups', 'Engineering');
    await group.waitFor({ timeout: WAIT_MS });
    await group.getByRole('cell', { name: '0', exact: true }).waitFor({ timeout: WAIT_MS });

    const listed = callsOf('listGroups');
    const push = await h.scim(token, `/Groups/${groupId}`, {
      method: 'PATCH',
      json: addMembers([
        { value: janeId, display: 'jane.doe@example.com' },
        { value: johnId, display: 'john.doe@example.com' },
      ]),
    });
    expect([200, 204]).toContain(push.status);
    await group.getByRole('cell', { name: '2', exact: true }).waitFor({ timeout: WAIT_MS });
    expect(callsOf('listGroups')).toBe(listed);
    expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
    expect(h.problems).toEqual([]);
    await screenshot(page, 'groups-live-patched');
  });
});
