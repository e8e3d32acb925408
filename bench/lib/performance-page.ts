/**
 * docs/performance.md, written by every `npm run bench` (never pasted by hand): which run made
 * it (full or quick), the machine, the tables of ./report.ts, and for each target what it
 * guards and, when missed, why — the texts live in bench/targets.json, keyed by check id.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ROOT } from '../../test/support/child-process';
import { runTables, type Check, type RunData } from './report';

export interface MachineFacts {
  cpus: number;
  model: string;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1, 5 and 15 minute load averages when the run started */
  loadavg: number[];
}

export function machineFacts(): MachineFacts {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()} ${process.arch}`,
    node: process.version,
    loadavg: loadavg(),
  };
}

interface TargetText {
  purpose: string;
  whenMissed: string;
}

export function targetTexts(): Record<string, TargetText> {
  const raw = JSON.parse(readFileSync(join(ROOT, 'bench', 'targets.json'), 'utf8')) as Record<
    string,
    TargetText | string
  >;
  const out: Record<string, TargetText> = {};
  for (const [id, v] of Object.entries(raw)) if (typeof v === 'object') out[id] = v;
  return out;
}

const loads = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');

/** The whole page for a finished run. */
export function performancePage(report: RunData): string {
  const texts = targetTexts();
  const m = report.machine;
  const when = `${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const scope = report.scope ? ` (${report.scope})` : '';
  const kind = report.quick
    ? `**quick** run${scope}. Its figures are indicative only: small sizes, one short round per scenario, and the targets at 100,000 and 250,000 users are not measured. Run \`npm run bench\` for the full report.`
    : `**full** run${scope}.`;
  const busy = Math.max(...m.loadavg, ...m.loadavgAtEnd) > m.cpus;
  const measured = report.checks.filter((c) => c.met !== null);
  const met = measured.filter((c) => c.met).length;
  const out: string[] = [
    '# Performance',
    '',
    "<!-- Written by `npm run bench` (bench/run.ts, bench/lib/performance-page.ts), or from a run's results by `npx tsx bench/write-docs.ts`. Do not edit by hand. -->",
    '',
    `This page is written by \`npm run bench\` at the end of each run; this one was a ${kind}`,
    '',
    `- Run: \`${report.command}\`, started ${when}, ${(report.totalMs / 60_000).toFixed(1)} min in all.`,
    `- Machine: ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}.`,
    `- Load average (1, 5, 15 min) at the start ${loads(m.loadavg)}, at the end ${loads(m.loadavgAtEnd)}.` +
      (busy
        ? ` **The load exceeded the ${m.cpus} cores**: other processes competed with the servers and the load generator, so ratios and latencies in this run are unreliable; measure again on an idle machine before drawing conclusions.`
        : ' The machine was otherwise idle enough for the ratios to be read as they stand.'),
    `- Targets: ${met} of ${measured.length} measured targets met${report.checks.length > measured.length ? `, ${report.checks.length - measured.length} not measured in this run` : ''}.`,
    '',
    '## How it is measured',
    '',
    'Every server runs in its own process; the bench process only generates load. Two ceilings answer the same routes with fixed, precomputed JSON of the same shape: bare `node:http` and a bare Express 5 app (`bench/ceiling-server.ts`). ScimDesk runs headless on a real data directory, seeded over HTTP with Okta-shaped `POST /Users` (16 concurrent), then through the store for the larger sizes (`bench/seed-store.ts`). One keep-alive load generator sends Okta-shaped requests 16 at a time (`bench/lib/okta-traffic.ts`). Throughput is _paired_: the same request stream goes to node:http, Express and ScimDesk in turn, round after round, so each ratio compares figures taken seconds apart. A fourth server joins the same rounds at 10,000 users and at the large size: the _floor build_, ScimDesk started with `--bench-floor` on a store-seeded copy (no request log, no Okta action, no history), which shows what the protocol, the store and Express cost with everything optional gone. "CPU ms/req" is the server process\'s CPU time per request (all threads); "CPU ratio" is Express\'s over ScimDesk\'s. Resource history\'s cost compares two servers from copies of one directory, history on and off, over eight rounds in which the two take turns every 500 ms, and is judged on server CPU per write. Every figure of the run is also in `bench/results/<timestamp>.json`.',
    '',
    '## Results',
    '',
    ...runTables(report),
    '',
    '## Targets missed, and why',
    '',
  ];
  const missed = report.checks.filter((c) => c.met === false);
  if (!missed.length) out.push('None in this run.');
  const byId = new Map<string, Check[]>();
  for (const c of missed) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  for (const [id, checks] of byId) {
    const t = texts[id];
    out.push(
      `- **${checks.map((c) => `${c.target} (${c.measured})`).join('; ')}**. ${t ? t.whenMissed : `(no explanation for \`${id}\` in bench/targets.json)`}`,
    );
  }
  out.push('', '## What each target guards', '');
  const seen = new Set<string>();
  for (const c of report.checks) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const t = texts[c.id];
    out.push(`- \`${c.id}\`: ${t ? t.purpose : '(no text in bench/targets.json)'}`);
  }
  out.push(
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm run bench                # full run, about 15 minutes on 2 cores; rewrites this page',
    'npm run bench -- --quick     # under a minute, small sizes; also rewrites this page',
    'npm run bench -- --no-docs   # leave docs/ alone (experiments)',
    'npm run bench -- --no-browser  # skip the console scenario in Chromium',
    'npx tsx bench/write-docs.ts  # rewrite this page from the newest bench/results/*.json',
    'npx tsx bench/profile.ts lookup 10000 5   # where one scenario spends its CPU',
    '```',
    '',
    'bench/README.md describes every entry point.',
  );
  return `${out.join('\n')}\n`;
}

/**
 * Writes docs/performance.md for a run; returns its path. Formatted with the project's Prettier
 * settings, so `npm run lint` (prettier --check) accepts the generated page as it is.
 */
export async function writePerformancePage(data: RunData): Promise<string> {
  const file = join(ROOT, 'docs', 'performance.md');
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(performancePage(data), { ...options, filepath: file }));
  return file;
}
