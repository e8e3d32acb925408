/**
 * ScimDesk under test: seeded data directories and headless servers in child processes,
 * started as `npm run serve` starts them (`node --import tsx server/cli.ts …`).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryOf, runChild } from '../../test/support/child-process';
import { startChildServer, type ChildServer } from '../../test/support/child-server';
import { TOKEN } from './okta-traffic';

export interface Instance {
  child: ChildServer;
  /** http://127.0.0.1:port (SCIM paths are under /api/v2/scim) */
  origin: string;
  consoleUrl: string | null;
  dataDir: string;
  /** ms from spawn to "SCIM base URL" (console line included when served) */
  startMs: number;
  memory(): { rssMiB: number; peakMiB: number };
  stop(): Promise<number | null>;
}

export interface StartOptions {
  console?: boolean;
  snapshotJournalBytes?: number;
  /** node flags for the server process (e.g. --cpu-prof while profiling) */
  nodeArgs?: string[];
  /** start with resource history off (the history-cost scenario) */
  historyOff?: boolean;
  /** start the floor build (`--bench-floor`: no request log, no Okta action, no history) */
  floor?: boolean;
}

export async function startInstance(dataDir: string, o: StartOptions = {}): Promise<Instance> {
  const child = await startChildServer({
    dataDir,
    token: TOKEN,
    console: o.console === true,
    extraArgs: [
      ...(o.snapshotJournalBytes ? ['--snapshot-journal-bytes', String(o.snapshotJournalBytes)] : []),
      ...(o.historyOff ? ['--bench-history-off'] : []),
      ...(o.floor ? ['--bench-floor'] : []),
    ],
    ...(o.nodeArgs ? { nodeArgs: o.nodeArgs } : {}),
    startTimeoutMs: 120_000,
  });
  return {
    child,
    origin: new URL(child.base).origin,
    consoleUrl: child.consoleUrl,
    dataDir,
    startMs: child.startMs,
    memory: () => memoryOf(child.pid),
    stop: async () => {
      const code = await child.stop();
      if (code !== 0) console.warn(`  ScimDesk exited with ${code}:\n${child.output().slice(-2000)}`);
      return code;
    },
  };
}

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `scimdesk-bench-${label}-`));
}

/** Seeds users `from`…`users - 1` (and groups) through the store; returns the seeding time in ms. */
export async function seedStore(
  dataDir: string,
  users: number,
  opts: { from?: number; groups?: number; members?: number } = {},
): Promise<number> {
  const out = await runChild([
    'bench/seed-store.ts',
    dataDir,
    '--users',
    String(users),
    '--from',
    String(opts.from ?? 0),
    '--groups',
    String(opts.groups ?? 0),
    '--members',
    String(opts.members ?? 0),
  ]);
  return (JSON.parse(out.trim().split('\n').pop() ?? '{}') as { seedMs: number }).seedMs;
}

export async function copyDir(from: string, label: string): Promise<string> {
  const to = await tempDir(label);
  await cp(from, to, { recursive: true });
  return to;
}

export async function removeDir(dir: string): Promise<void> {
  if (process.env['KEEP_BENCH_DIRS']) console.log(`  kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
