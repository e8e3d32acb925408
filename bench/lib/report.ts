/**
 * Collects what a bench run measured and writes it: `bench/results/<timestamp>.json` (every
 * figure), `bench/results/latest.md` (the tables) and docs/performance.md (./performance-page.ts:
 * the same tables with the machine, the run and why each missed target is missed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../test/support/child-process';
import type { TargetFigures } from './paired';
import { machineFacts, type MachineFacts } from './performance-page';

export interface ThroughputRow {
  scenario: string;
  users: number;
  scimdesk: TargetFigures;
  express: TargetFigures;
  node: TargetFigures;
  /** ScimDesk throughput / bare Express throughput, measured in the same rounds */
  vsExpress: number;
  vsNode: number;
  /** Express CPU per request / ScimDesk CPU per request (the same ratio, from server CPU time) */
  cpuVsExpress: number;
}

export interface Figure {
  section: string;
  name: string;
  value: string;
}

export interface Check {
  target: string;
  measured: string;
  /** null: not measured in this run (e.g. --quick) */
  met: boolean | null;
  /** key into bench/targets.json, which says why the target exists and why a miss happens */
  id: string;
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '–');

export class Report {
  readonly startedAt = new Date();
  readonly rows: ThroughputRow[] = [];
  readonly figures: Figure[] = [];
  readonly checks: Check[] = [];
  readonly notes: string[] = [];
  /** the machine as the run found it (load average before any server started) */
  readonly machine: MachineFacts = machineFacts();
  /** what this run covers (sizes, phases), in words, for the page */
  scope = '';

  constructor(
    readonly command: string,
    readonly quick: boolean,
  ) {}

  throughput(scenario: string, users: number, figures: Record<string, TargetFigures>): ThroughputRow {
    const get = (name: string) => {
      const f = figures[name];
      if (!f) throw new Error(`no figures for ${name}`);
      return f;
    };
    const row: ThroughputRow = {
      scenario,
      users,
      scimdesk: get('scimdesk'),
      express: get('express'),
      node: get('node'),
      vsExpress: get('scimdesk').throughput / get('express').throughput,
      vsNode: get('scimdesk').throughput / get('node').throughput,
      cpuVsExpress: get('express').cpuMsPerRequest / get('scimdesk').cpuMsPerRequest,
    };
    this.rows.push(row);
    const errs = row.scimdesk.errors + row.express.errors + row.node.errors;
    console.log(
      `  ${scenario} @${users}: ScimDesk ${f0(row.scimdesk.throughput)}/s p50 ${f1(row.scimdesk.p50)} p99 ${f1(row.scimdesk.p99)} ms` +
        ` | Express ${f0(row.express.throughput)}/s | node ${f0(row.node.throughput)}/s | ${pct(row.vsExpress)} of Express` +
        ` | CPU/req ${f2(row.scimdesk.cpuMsPerRequest)} vs Express ${f2(row.express.cpuMsPerRequest)} ms (${pct(row.cpuVsExpress)})${errs ? ` | ${errs} errors: ${[...row.scimdesk.errorSamples, ...row.express.errorSamples].join('; ')}` : ''}`,
    );
    return row;
  }

  figure(section: string, name: string, value: string): void {
    this.figures.push({ section, name, value });
    console.log(`  ${section}: ${name} = ${value}`);
  }

  check(target: string, measured: string, met: boolean | null, id: string): void {
    this.checks.push({ target, measured, met, id });
    console.log(`  [${met === null ? 'n/a' : met ? 'met' : 'MISSED'}] ${target}: ${measured}`);
  }

  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }

  /** Everything the run measured, as written to bench/results/<timestamp>.json. */
  data(totalMs: number): RunData {
    return {
      startedAt: this.startedAt.toISOString(),
      command: this.command,
      quick: this.quick,
      scope: this.scope,
      totalMs,
      machine: { ...this.machine, loadavgAtEnd: loadavg() },
      rows: this.rows,
      figures: this.figures,
      checks: this.checks,
      notes: this.notes,
    };
  }

  /** Writes the results files; returns their paths and the data written. */
  write(totalMs: number): { json: string; md: string; data: RunData } {
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = this.startedAt.toISOString().replace(/[:.]/g, '-');
    const json = join(dir, `${stamp}.json`);
    const md = join(dir, 'latest.md');
    const data = this.data(totalMs);
    writeFileSync(json, `${JSON.stringify(data, null, 2)}\n`);
    writeFileSync(md, markdown(data));
    return { json, md, data };
  }
}

/** A finished run: what bench/results/<timestamp>.json holds and docs/performance.md is made from. */
export interface RunData {
  startedAt: string;
  command: string;
  quick: boolean;
  /** what the run covers, in words (absent in results written before it was recorded) */
  scope?: string;
  totalMs: number;
  machine: MachineFacts & { loadavgAtEnd: number[] };
  rows: ThroughputRow[];
  figures: Figure[];
  checks: Check[];
  notes: string[];
}

/** The throughput, figure and target tables of a run (Markdown lines). */
export function runTables(d: Pick<RunData, 'rows' | 'figures' | 'checks' | 'notes'>): string[] {
  const out: string[] = [];
  out.push(
    '| Scenario | Users | ScimDesk req/s | p50 ms | p99 ms | Express req/s | node:http req/s | vs Express | vs node:http | CPU ms/req ScimDesk / Express | CPU ratio |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const r of d.rows) {
    out.push(
      `| ${r.scenario} | ${r.users.toLocaleString('en')} | ${f0(r.scimdesk.throughput)} | ${f1(r.scimdesk.p50)} | ${f1(r.scimdesk.p99)} | ` +
        `${f0(r.express.throughput)} | ${f0(r.node.throughput)} | ${pct(r.vsExpress)} | ${pct(r.vsNode)} | ` +
        `${f2(r.scimdesk.cpuMsPerRequest)} / ${f2(r.express.cpuMsPerRequest)} | ${pct(r.cpuVsExpress)} |`,
    );
  }
  out.push('', '| Measurement | Figure |', '|---|---|');
  for (const f of d.figures) out.push(`| ${f.section}: ${f.name} | ${f.value} |`);
  out.push('', '| Target | Measured | Met |', '|---|---|---|');
  for (const c of d.checks) {
    out.push(
      `| ${c.target} | ${c.measured} | ${c.met === null ? 'not measured' : c.met ? 'yes' : '**no**'} |`,
    );
  }
  if (d.notes.length) out.push('', ...d.notes.map((n) => `- ${n}`));
  return out;
}

/** bench/results/latest.md: one line about the run, then the tables. */
export function markdown(d: RunData): string {
  const m = d.machine;
  return `${[
    `Measured ${d.startedAt} with \`${d.command}\` on ${m.cpus} × ${m.model}, Node ${m.node}; ` +
      `load average at the end ${d.machine.loadavgAtEnd.map((l) => l.toFixed(1)).join(' ')}; ` +
      `whole run ${(d.totalMs / 60_000).toFixed(1)} min.`,
    '',
    ...runTables(d),
  ].join('\n')}\n`;
}
