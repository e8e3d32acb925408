/**
 * "Import Now" (docs/okta.md §2.7-2.8): Okta walks /Users and /Groups with count=100 and
 * startIndex += 100 while the next start is within totalResults. A wrong totalResults makes it
 * stop early (users never imported) or walk empty pages; unstable order imports some twice.
 */
import { diverges, listPage, taskFailed } from '../judge';
import type { Exchange } from '../okta-http';
import type { RunContext } from '../run-context';
import type { Send } from './reads';

const PAGE = 100;
/** Bounds the walk: 1,000 pages is 100,000 resources. */
const MAX_PAGES = 1000;

interface Walk {
  ids: Set<string>;
  total: number;
  first: Exchange | null;
}

async function walk(send: Send, path: '/Users' | '/Groups'): Promise<Walk> {
  const ids = new Set<string>();
  let total = -1;
  let first: Exchange | null = null;
  for (let start = 1, pages = 0; pages < MAX_PAGES; start += PAGE, pages++) {
    const ex = await send('GET', `${path}?startIndex=${start}&count=${PAGE}`);
    first ??= ex;
    const page = listPage(ex, `the import page at startIndex=${start}`);
    if (total === -1) total = page.totalResults;
    else if (page.totalResults !== total)
      diverges(ex, `totalResults changed from ${total} to ${page.totalResults} during the walk`);
    for (const r of page.resources) {
      const id = String(r['id']);
      if (ids.has(id)) diverges(ex, `${id} came back on two pages: the order is not stable between pages`);
      ids.add(id);
    }
    if (page.resources.length > PAGE)
      taskFailed(ex, `count=${PAGE} but ${page.resources.length} Resources came back`);
    if (start + PAGE > total) {
      if (ids.size !== total)
        diverges(
          ex,
          `totalResults says ${total} but the walk returned ${ids.size} ${path.slice(1).toLowerCase()}`,
        );
      return { ids, total, first };
    }
  }
  return { ids, total, first };
}

export async function importFlow(ctx: RunContext): Promise<void> {
  let userTotal = 0;
  await ctx.step(
    'import',
    'users',
    'Import users: the paged walk (count=100) returns each user once',
    async (send) => {
      const { ids, total, first } = await walk(send, '/Users');
      userTotal = total;
      const mine = ctx.users.get('primary');
      if (mine && first && !ids.has(mine.id))
        diverges(first, `the user created in assign.create (${mine.id}) is not in the import`);
    },
  );
  await ctx.step('import', 'past-end', 'A page past the end is 200 with no Resources', async (send) => {
    const ex = await send('GET', `/Users?startIndex=${userTotal + 1}&count=${PAGE}`);
    const page = listPage(ex, 'the page past the end');
    if (page.resources.length)
      diverges(ex, `a page past the end returned ${page.resources.length} Resources (quirk Q14)`);
    if (page.totalResults !== userTotal)
      diverges(ex, `totalResults is ${page.totalResults} past the end but ${userTotal} on the first page`);
  });
  await ctx.step('import', 'groups', 'Import groups: the paged walk over /Groups', async (send) => {
    await walk(send, '/Groups');
  });
}
