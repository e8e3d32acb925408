/**
 * Rewrites docs/performance.md from a finished run, without running the bench again: after an
 * edit of bench/targets.json or of the page's layout (bench/lib/performance-page.ts).
 * Usage: npx tsx bench/write-docs.ts [bench/results/<timestamp>.json]   (default: the newest)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../test/support/child-process';
import { writePerformancePage } from './lib/performance-page';
import type { RunData } from './lib/report';

function newestResult(): string {
  const dir = join(ROOT, 'bench', 'results');
  const runs = readdirSync(dir)
    .filter((f) => /^\d{4}-.*\.json$/.test(f))
    .sort();
  const last = runs.at(-1);
  if (!last) throw new Error(`no results in ${dir}: run npm run bench first`);
  return join(dir, last);
}

const file = process.argv[2] ? resolve(process.argv[2]) : newestResult();
const raw = JSON.parse(readFileSync(file, 'utf8')) as RunData & { machine: Partial<RunData['machine']> };
// Results written before the page existed lack some machine facts and check ids.
const data: RunData = {
  ...raw,
  machine: {
    cpus: raw.machine.cpus ?? 0,
    model: raw.machine.model ?? 'unknown CPU',
    memoryGiB: raw.machine.memoryGiB ?? 0,
    os: raw.machine.os ?? 'unknown OS',
    node: raw.machine.node ?? 'unknown',
    loadavg: raw.machine.loadavg ?? [],
    loadavgAtEnd: raw.machine.loadavgAtEnd ?? raw.machine.loadavg ?? [],
  },
  checks: raw.checks.map((c) => ({ ...c, id: c.id ?? 'unknown' })),
};
console.log(`wrote ${await writePerformancePage(data)} from ${file}`);
