/**
 * Resource history's cost on its own (the same scenario `npm run bench` runs):
 * `npx tsx bench/history-cost.ts [--users 10000,250000] [--rounds 3] [--round-ms 3000] [--control]`.
 * Prints one JSON line per size: write throughput with history on and off, and the cost.
 * `--control` runs both servers with history off: what the method reads when there is no cost.
 */
import { parseArgs } from 'node:util';
import { removeDir, seedStore, tempDir } from './lib/instance';
import { historyCost } from './lib/scenarios/history-cost';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000,250000' },
    rounds: { type: 'string', default: '3' },
    'round-ms': { type: 'string', default: '3000' },
    control: { type: 'boolean', default: false },
  },
});
for (const n of values.users.split(',').map(Number)) {
  const dir = await tempDir(`history-seed-${n}`);
  try {
    await seedStore(dir, n, { groups: 1, members: 0 });
    const r = await historyCost(dir, n, Number(values.rounds), Number(values['round-ms']), values.control);
    console.log(JSON.stringify(r));
  } finally {
    await removeDir(dir);
  }
}
