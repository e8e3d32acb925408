/**
 * Assigning the app to users (docs/okta.md §2.2): the userName lookup, then create, or link
 * when the lookup finds the user (§2.2 step 3). Also the uniqueness rules Okta relies on: a
 * second POST of the same userName, in any case, is a 409 (quirks Q10, Q11).
 */
import { createUserBody, mergedUserPut, oktaUserId } from '../okta-bodies';
import { diverges, expectStatus, objectBody, taskFailed } from '../judge';
import type { RunContext, SimUser } from '../run-context';
import { createdId, expectFound, lookupUser, readUser, type Send } from './reads';

/** A case-mixed userName (the SPEC test requires it kept exactly, docs/okta.md §3.1 step 6). */
function newUser(ctx: RunContext, given: string, family: string): Omit<SimUser, 'id'> {
  return {
    userName: `${given}.${family}.${ctx.tag}@Example.com`,
    externalId: oktaUserId(`${ctx.tag}${given}`),
    givenName: given,
    familyName: family,
    active: true,
  };
}

/** Lookup (must miss) then POST; records the user. */
async function lookupAndCreate(ctx: RunContext, send: Send, draft: Omit<SimUser, 'id'>): Promise<SimUser> {
  const { ex: look, page } = await lookupUser(send, draft.userName);
  if (page.totalResults !== 0 || page.resources.length)
    diverges(
      look,
      `a userName no one has created was found: Okta would link to it instead of creating the user`,
    );
  const ex = await send('POST', '/Users', { body: createUserBody(draft) });
  if (ex.status === 409) taskFailed(ex, 'a new userName was refused as a duplicate');
  const { id, body } = createdId(ex, 'user');
  const user: SimUser = { ...draft, id };
  ctx.createdUsers.set(id, user);
  if (body['userName'] !== draft.userName)
    diverges(ex, `userName came back as "${String(body['userName'])}", not as sent (case must be kept)`);
  if (body['active'] === false) diverges(ex, 'the new user came back inactive');
  if ('password' in body) diverges(ex, 'the answer returns password (RFC 7643 §4.1.1: returned "never")');
  return user;
}

export async function assignFlow(ctx: RunContext): Promise<void> {
  const draft = newUser(ctx, 'Ava', 'Okta');
  let created: SimUser | undefined;
  await ctx.step(
    'assign',
    'create',
    'Assign: userName lookup finds nothing, then POST /Users → 201',
    async (send) => {
      created = await lookupAndCreate(ctx, send, draft);
      ctx.users.set('primary', created);
    },
  );
  await ctx.step('assign', 'read-back', 'The created user reads back as sent', async (send) => {
    const u = ctx.user('primary');
    const { ex, user } = await readUser(send, u.id);
    if (user['userName'] !== u.userName)
      diverges(ex, `userName reads back as "${String(user['userName'])}", not "${u.userName}"`);
    const name = user['name'] as Record<string, unknown> | undefined;
    if (name?.['givenName'] !== u.givenName || name['familyName'] !== u.familyName)
      diverges(ex, `name reads back as ${JSON.stringify(name)}, not as sent`);
  });
  await ctx.step('assign', 'lookup-case', 'A case-varied userName lookup finds the user', async (send) => {
    const u = ctx.user('primary');
    const { ex, page } = await lookupUser(send, u.userName.toUpperCase());
    expectFound(
      ex,
      page,
      u.id,
      'the lookup is case-sensitive, so Okta would POST a duplicate on the next assignment (RFC 7643 §4.1.1 caseExact:false)',
    );
  });
  for (const [id, variant] of [
    ['duplicate', (s: string) => s],
    ['duplicate-case', (s: string) => s.toLowerCase()],
  ] as const) {
    await ctx.step(
      'assign',
      id,
      `A second POST of the same userName${id === 'duplicate' ? '' : ' in another case'} → 409`,
      async (send) => {
        const u = ctx.user('primary');
        const ex = await send('POST', '/Users', {
          body: createUserBody({ ...u, userName: variant(u.userName) }),
        });
        if (ex.status >= 200 && ex.status < 300) {
          const body = ex.json as Record<string, unknown> | undefined;
          const dupId = typeof body?.['id'] === 'string' ? body['id'] : null;
          if (dupId && dupId !== u.id) ctx.createdUsers.set(dupId, { ...u, id: dupId });
          diverges(
            ex,
            'a duplicate userName was accepted: Okta expects 409 "User already exists" and now two accounts exist',
          );
        }
        expectStatus(ex, [409], 'a duplicate userName must answer 409 (RFC 7644 §3.3)');
      },
    );
  }
  await ctx.step(
    'assign',
    'link',
    'Re-assign: the lookup finds the user, then GET and PUT (link, no POST)',
    async (send) => {
      const u = ctx.user('primary');
      const { ex: look, page } = await lookupUser(send, u.userName);
      expectFound(look, page, u.id, 'Okta would POST instead of linking and hit a 409');
      const { user } = await readUser(send, u.id, true);
      const ex = await send('PUT', `/Users/${encodeURIComponent(u.id)}`, { body: mergedUserPut(user, u) });
      expectStatus(ex, [200], 'the profile PUT after a link must answer 200');
      const body = objectBody(ex, 'the PUT answer');
      if (body['id'] !== u.id) diverges(ex, `the PUT answered id ${String(body['id'])}, not ${u.id}`);
    },
  );
  await ctx.step(
    'assign',
    'create-second',
    'Assign a second user (for the membership flows)',
    async (send) => {
      ctx.users.set('second', await lookupAndCreate(ctx, send, newUser(ctx, 'Ben', 'Okta')));
    },
  );
}
