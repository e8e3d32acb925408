/**
 * Leaving the target as the run found it, as far as Okta's own traffic allows: groups the run
 * pushed are deleted (docs/okta.md §2.13) and users it created are deactivated, the way Okta
 * unassigns them (§2.4). Okta never sends DELETE /Users, so those users stay, inactive, and
 * the run says so.
 */
import { expectStatus, objectBody } from './judge';
import { mergedUserPut, pathlessReplace } from './okta-bodies';
import type { RunContext } from './run-context';
import { judgeUserPatch } from './flows/reads';

export async function cleanUp(ctx: RunContext): Promise<string[]> {
  const left: string[] = [];
  const groups = [...ctx.groups.values()].filter((g) => !g.deleted);
  if (groups.length) {
    await ctx.step(
      'cleanup',
      'groups',
      `Delete the ${groups.length} group(s) this run pushed`,
      async (send) => {
        for (const g of groups) {
          const ex = await send('DELETE', `/Groups/${encodeURIComponent(g.id)}`);
          if (ex.status === 204 || ex.status === 200 || ex.status === 404) g.deleted = true;
          else left.push(`group "${g.displayName}" (${g.id}): DELETE answered ${ex.status}`);
        }
        const failed = groups.filter((g) => !g.deleted);
        if (failed.length) throw new Error(`${failed.length} group(s) could not be deleted`);
      },
    );
  }
  const active = [...ctx.createdUsers.values()].filter((u) => u.active);
  if (active.length) {
    await ctx.step(
      'cleanup',
      'users',
      `Deactivate the ${active.length} user(s) this run left active`,
      async (send) => {
        for (const u of active) {
          const path = `/Users/${encodeURIComponent(u.id)}`;
          u.active = false;
          if (ctx.app === 'oin') {
            judgeUserPatch(await send('PATCH', path, { body: pathlessReplace({ active: false }) }), {
              active: false,
            });
          } else {
            const got = await send('GET', path);
            expectStatus(got, [200], 'Okta reads the user before its PUT');
            expectStatus(
              await send('PUT', path, { body: mergedUserPut(objectBody(got, 'the user'), u) }),
              [200],
            );
          }
        }
      },
    );
  }
  const users = [...ctx.createdUsers.values()];
  if (users.length) {
    const active = users.filter((u) => u.active).length;
    left.push(
      `${users.length} user(s) this run created stay on the target${active ? ` (${active} could not be deactivated)` : ', deactivated'}` +
        ` — Okta never deletes users: ${users.map((u) => u.userName).join(', ')}`,
    );
  }
  return left;
}

/** With `--no-cleanup`: what the run leaves, untouched. */
export function leftAsIs(ctx: RunContext): string[] {
  const out = [...ctx.groups.values()]
    .filter((g) => !g.deleted)
    .map((g) => `group "${g.displayName}" (${g.id}), not deleted (--no-cleanup)`);
  for (const u of ctx.createdUsers.values())
    out.push(`user ${u.userName} (${u.id}), ${u.active ? 'active' : 'deactivated'} (--no-cleanup)`);
  return out;
}
