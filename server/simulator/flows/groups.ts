/**
 * Group push, rename and unlink (docs/okta.md §2.9, §2.10, §2.13). OIN: lookup, POST with
 * `members: []`, the path-less `{id, displayName}` PATCH Okta sends with every membership
 * update (quirk Q2), then member PATCHes. AIW: lookup, POST, GET, PUT of the whole group.
 */
import { diverges, expectStatus, objectBody } from '../judge';
import { GROUP_URN, groupPut, memberRefs, patchOps, pathlessReplace } from '../okta-bodies';
import { StepSkipped, type RunContext, type SimGroup, type SimUser } from '../run-context';
import {
  createdId,
  expectFound,
  expectMembers,
  judgeGroupWrite,
  lookupGroup,
  readGroup,
  type Send,
} from './reads';

/** Lookup (must miss), then POST /Groups with no members. */
async function lookupAndCreateGroup(ctx: RunContext, send: Send, displayName: string): Promise<SimGroup> {
  const { ex: look, page } = await lookupGroup(send, displayName);
  if (page.totalResults !== 0 || page.resources.length)
    diverges(
      look,
      'a displayName no one has created was found: Okta would link to it instead of pushing the group',
    );
  const ex = await send('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName, members: [] } });
  const { id, body } = createdId(ex, 'group');
  const group: SimGroup = { id, displayName, deleted: false };
  if (body['displayName'] !== displayName)
    diverges(ex, `displayName came back as "${String(body['displayName'])}"`);
  return group;
}

/** Okta's membership write after a create or on Push Now: OIN PATCH add, or AIW GET + PUT. */
export async function pushMembers(
  ctx: RunContext,
  send: Send,
  g: SimGroup,
  members: SimUser[],
): Promise<void> {
  const path = `/Groups/${encodeURIComponent(g.id)}`;
  if (ctx.app === 'oin') {
    judgeGroupWrite(
      await send('PATCH', path, { body: pathlessReplace({ id: g.id, displayName: g.displayName }) }),
    );
    if (members.length)
      judgeGroupWrite(
        await send('PATCH', path, {
          body: patchOps({ op: 'add', path: 'members', value: memberRefs(members) }),
        }),
      );
    return;
  }
  const got = await send('GET', path);
  expectStatus(got, [200], 'Okta reads the group before its PUT');
  objectBody(got, 'the group');
  judgeGroupWrite(await send('PUT', path, { body: groupPut(g.id, g.displayName, members) }));
}

export async function groupPushFlow(ctx: RunContext): Promise<void> {
  await ctx.step(
    'group-push',
    'create',
    'Push group: displayName lookup finds nothing, POST /Groups → 201, then push its member',
    async (send) => {
      const u = ctx.user('primary');
      const g = await lookupAndCreateGroup(ctx, send, `Okta Sim ${ctx.tag}`);
      ctx.groups.set('pushed', g);
      await pushMembers(ctx, send, g, [u]);
    },
  );
  await ctx.step(
    'group-push',
    'read-back',
    'The pushed member is in the group on read-back',
    async (send) => {
      await expectMembers(send, ctx.group('pushed').id, [ctx.user('primary')], 'the membership push');
    },
  );
  await ctx.step(
    'group-push',
    'lookup-case',
    'A case-varied displayName lookup finds the group (Link Group)',
    async (send) => {
      const g = ctx.group('pushed');
      const { ex, page } = await lookupGroup(send, g.displayName.toUpperCase());
      expectFound(ex, page, g.id, 'Link Group would miss it and Okta would push a second group');
    },
  );
  await ctx.step(
    'group-push',
    'empty-group',
    'Push an empty group (QA C9317): create, name PATCH or PUT, no members',
    async (send) => {
      const g = await lookupAndCreateGroup(ctx, send, `Okta Sim Empty ${ctx.tag}`);
      ctx.groups.set('empty', g);
      await pushMembers(ctx, send, g, []);
      await expectMembers(send, g.id, [], 'pushing an empty group');
    },
  );
}

export async function renameFlow(ctx: RunContext): Promise<void> {
  await ctx.step(
    'rename',
    'request',
    `Rename: ${ctx.app === 'oin' ? 'path-less PATCH {id, displayName}' : 'GET then PUT the whole group'}`,
    async (send) => {
      const g = ctx.group('pushed');
      g.displayName = `Okta Sim Renamed ${ctx.tag}`;
      const path = `/Groups/${encodeURIComponent(g.id)}`;
      if (ctx.app === 'oin') {
        judgeGroupWrite(
          await send('PATCH', path, { body: pathlessReplace({ id: g.id, displayName: g.displayName }) }),
        );
      } else {
        expectStatus(await send('GET', path), [200], 'Okta reads the group before its PUT');
        judgeGroupWrite(
          await send('PUT', path, { body: groupPut(g.id, g.displayName, [ctx.user('primary')]) }),
        );
      }
    },
  );
  await ctx.step(
    'rename',
    'read-back',
    'The new name reads back and the members are untouched (quirk Q3)',
    async (send) => {
      const g = ctx.group('pushed');
      const { ex, displayName } = await readGroup(send, g.id);
      if (displayName !== g.displayName)
        diverges(ex, `displayName reads back as "${String(displayName)}", not "${g.displayName}"`);
      await expectMembers(send, g.id, [ctx.user('primary')], 'the rename');
    },
  );
}

export async function groupDeleteFlow(ctx: RunContext): Promise<void> {
  await ctx.step(
    'group-delete',
    'request',
    'Unlink with "Delete the group in the target app": DELETE /Groups/{id} → 204',
    async (send) => {
      const g = ctx.group('pushed');
      const ex = await send('DELETE', `/Groups/${encodeURIComponent(g.id)}`);
      expectStatus(ex, [204, 200], 'Okta expects 204 for the DELETE');
      g.deleted = true;
    },
  );
  await ctx.step(
    'group-delete',
    'read-back',
    'The deleted group is gone: GET 404, lookup 0, users untouched, second DELETE 404',
    async (send) => {
      const g = ctx.groups.get('pushed');
      if (!g?.deleted) throw new StepSkipped('needs group-delete.request to succeed');
      const path = `/Groups/${encodeURIComponent(g.id)}`;
      const got = await send('GET', path, { okta: false });
      if (got.status !== 404) diverges(got, 'the deleted group still reads back (expected 404)');
      const { ex, page } = await lookupGroup(send, g.displayName);
      if (page.resources.length) diverges(ex, 'the deleted group is still found by its displayName');
      const u = ctx.user('primary');
      const user = await send('GET', `/Users/${encodeURIComponent(u.id)}`, { okta: false });
      if (user.status !== 200)
        diverges(user, 'deleting the group touched its member (QA C9318: users are kept)');
      const again = await send('DELETE', path, { okta: false });
      expectStatus(again, [404], 'a second DELETE must answer 404');
    },
  );
}
