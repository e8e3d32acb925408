/**
 * `npx tsx bench/console-search.ts [--users N] [--dir D]`: the console scenario of
 * `npm run bench` (./scenarios/console.ts) alone, on a directory seeded through the store
 * (default 100,000 users), so the search figures of issue 17 can be measured without the whole
 * bench. `--dir` reuses a directory seeded before (`bench/seed-store.ts D --users N`; kept as it
 * is left, and migrated if an older build seeded it: the start-up time then includes that).
 * Needs the renderer built (`npx electron-vite build`). Prints the figures as JSON.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../test/support/child-process';
import { removeDir, seedStore, startInstance, tempDir } from './lib/instance';
import { consoleScenario, SEARCH_DEBOUNCE_MS } from './lib/scenarios/console';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { users: { type: 'string', default: '100000' }, dir: { type: 'string' } },
  });
  const users = Number(values.users);
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('the renderer is not built: run `npx electron-vite build` first');
  }
  const dir = values.dir ?? (await tempDir('console'));
  try {
    if (!values.dir) {
      const seedMs = await seedStore(dir, users);
      console.log(`seeded ${users.toLocaleString('en')} users in ${seedMs} ms`);
    }
    const inst = await startInstance(dir, { console: true });
    try {
      const figures = await consoleScenario(inst.consoleUrl as string, users);
      console.log(
        JSON.stringify({ users, startMs: inst.startMs, debounceMs: SEARCH_DEBOUNCE_MS, ...figures }, null, 2),
      );
    } finally {
      await inst.stop();
    }
  } finally {
    if (!values.dir) await removeDir(dir);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
