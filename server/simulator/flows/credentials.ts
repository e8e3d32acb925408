/**
 * "Test API Credentials" and saving the connection (docs/okta.md §2.1): two constant GETs, and
 * the wrong-token case Okta's QA plan checks (C9340: a bad token must be refused with 401).
 */
import { expectStatus, isObject, listPage, taskFailed } from '../judge';
import type { RunContext } from '../run-context';

export async function credentialsFlow(ctx: RunContext): Promise<void> {
  await ctx.step(
    'credentials',
    'users',
    'Test API Credentials: GET /Users?startIndex=1&count=2',
    async (send) => {
      const ex = await send('GET', '/Users?startIndex=1&count=2');
      const page = listPage(ex, 'Test API Credentials');
      if (page.resources.length > 2)
        taskFailed(ex, `count=2 but ${page.resources.length} Resources came back`);
    },
  );
  await ctx.step(
    'credentials',
    'groups',
    'Saving with group push: GET /Groups?startIndex=1&count=100',
    async (send) => {
      listPage(await send('GET', '/Groups?startIndex=1&count=100'), 'the Groups check');
    },
  );
  await ctx.step(
    'credentials',
    'wrong-token',
    'A wrong token is refused with 401 and a JSON error',
    async (send) => {
      const ex = await send('GET', '/Users?startIndex=1&count=2', {
        authorization: `Bearer not-a-token-${ctx.tag}`,
      });
      expectStatus(ex, [401], 'a wrong token must be refused with 401, or Okta saves a broken connection');
      if (!isObject(ex.json))
        taskFailed(ex, 'the 401 is not JSON: Okta shows "Unrecognized token" instead of the error');
    },
  );
}
