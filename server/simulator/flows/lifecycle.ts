/**
 * Profile push, deactivate, reactivate, password push and unassign (docs/okta.md §2.3-2.6,
 * §2.14). An OIN app PATCHes path-less `replace` operations with an object value (quirk Q1);
 * an App Integration Wizard app GETs the user and PUTs it back whole (docs/okta.md §1).
 */
import { diverges, expectStatus, objectBody } from '../judge';
import { mergedUserPut, pathlessReplace, placeholderPassword } from '../okta-bodies';
import type { RunContext, SimUser } from '../run-context';
import { activeOf, expectFound, judgeUserPatch, lookupUser, readUser, type Send } from './reads';

/** Sends Okta's write for a change to `u`: PATCH with `patch` (OIN) or GET + PUT (AIW). */
async function pushUser(
  ctx: RunContext,
  send: Send,
  u: SimUser,
  patch: Record<string, unknown>,
  putExtra: Record<string, unknown> = {},
): Promise<void> {
  const path = `/Users/${encodeURIComponent(u.id)}`;
  if (ctx.app === 'oin') {
    judgeUserPatch(await send('PATCH', path, { body: pathlessReplace(patch) }), {
      ...(typeof patch['active'] === 'boolean' ? { active: patch['active'] } : {}),
    });
    return;
  }
  const { user } = await readUser(send, u.id, true);
  const ex = await send('PUT', path, { body: mergedUserPut(user, u, putExtra) });
  expectStatus(ex, [200], 'Okta expects 200 with the user after a PUT');
  const body = objectBody(ex, 'the PUT answer');
  if (activeOf(body) !== u.active)
    diverges(ex, `answered active:${String(body['active'])} after Okta sent active:${String(u.active)}`);
  if ('password' in body) diverges(ex, 'the answer returns password (RFC 7643 §4.1.1: returned "never")');
}

async function setActive(
  ctx: RunContext,
  flow: 'deactivate' | 'reactivate' | 'unassign',
  key: 'primary' | 'second',
  active: boolean,
  id = 'request',
): Promise<void> {
  const verb = active ? 'Reactivate' : flow === 'unassign' ? 'Unassign' : 'Deactivate';
  const how = ctx.app === 'oin' ? `PATCH {"active":${active}}` : `GET + PUT "active":${active}`;
  await ctx.step(flow, id, `${verb} the ${key} user: ${how}`, async (send) => {
    const u = ctx.user(key);
    u.active = active;
    await pushUser(ctx, send, u, { active });
  });
  await ctx.step(
    flow,
    `${id === 'request' ? '' : `${id}-`}read-back`,
    `The ${key} user reads back with active:${active} and the same id`,
    async (send) => {
      const u = ctx.user(key);
      const { ex, user } = await readUser(send, u.id);
      if (activeOf(user) !== active)
        diverges(
          ex,
          `active reads back as ${String(user['active'])} after Okta set it to ${active}: ${active ? 'the user stays locked out' : 'the user keeps access Okta removed'}`,
        );
    },
  );
}

export async function profileFlow(ctx: RunContext): Promise<void> {
  await ctx.step(
    'profile',
    'push',
    `Profile push: ${ctx.app === 'oin' ? 'PATCH name and displayName' : 'GET then PUT the whole user'}`,
    async (send) => {
      const u = ctx.user('primary');
      u.givenName = 'Another';
      await pushUser(ctx, send, u, {
        name: { givenName: u.givenName, familyName: u.familyName },
        displayName: `${u.givenName} ${u.familyName}`,
      });
    },
  );
  await ctx.step(
    'profile',
    'read-back',
    'The new givenName reads back, other attributes kept',
    async (send) => {
      const u = ctx.user('primary');
      const { ex, user } = await readUser(send, u.id);
      const name = user['name'] as Record<string, unknown> | undefined;
      if (name?.['givenName'] !== u.givenName)
        diverges(ex, `givenName reads back as ${String(name?.['givenName'])}, not ${u.givenName}`);
      if (user['userName'] !== u.userName) diverges(ex, `userName changed to ${String(user['userName'])}`);
      if (activeOf(user) !== true) diverges(ex, 'the profile push made the user inactive (quirk Q21)');
    },
  );
}

export async function deactivateFlow(ctx: RunContext): Promise<void> {
  await setActive(ctx, 'deactivate', 'primary', false);
  await ctx.step(
    'deactivate',
    'lookup',
    'The deactivated user is still found by the userName lookup',
    async (send) => {
      const u = ctx.user('primary');
      const { ex, page } = await lookupUser(send, u.userName);
      expectFound(ex, page, u.id, 'on reassignment Okta would POST and hit a 409 (quirk Q16)');
    },
  );
}

export async function reactivateFlow(ctx: RunContext): Promise<void> {
  await setActive(ctx, 'reactivate', 'primary', true);
}

export async function passwordFlow(ctx: RunContext): Promise<void> {
  await ctx.step(
    'password',
    'push',
    `Password push: ${ctx.app === 'oin' ? 'PATCH {"password":…}' : 'GET then PUT with password'}`,
    async (send) => {
      const u = ctx.user('primary');
      const password = placeholderPassword();
      await pushUser(ctx, send, u, { password }, { password });
    },
  );
  await ctx.step(
    'password',
    'read-back',
    'The user never returns a password and stays active',
    async (send) => {
      const u = ctx.user('primary');
      const { ex, user } = await readUser(send, u.id);
      if ('password' in user) diverges(ex, 'the user returns password (RFC 7643 §4.1.1: returned "never")');
      if (activeOf(user) !== true) diverges(ex, 'the password push made the user inactive');
    },
  );
}

export async function unassignFlow(ctx: RunContext): Promise<void> {
  await setActive(ctx, 'unassign', 'primary', false);
  await setActive(ctx, 'unassign', 'second', false, 'second');
}
