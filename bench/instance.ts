/**
 * ScimDesk under test: seeded data directories and headless servers in child processes,
 * started as `npm run serve` starts them (`node --import tsx server/cli.ts …`).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryOf, runChild, startChild, type Child } from './child';
import { TOKEN } from './okta-traffic';

export interface Instance {
  child: Child;
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
}

export async function startInstance(dataDir: string, o: StartOptions = {}): Promise<Instance> {
  const args = ['server/cli.ts', '--port', '0', '--data', dataDir, '--bootstrap-token', TOKEN];
  if (!o.console) args.push('--no-console');
  if (o.snapshotJournalBytes) args.push('--snapshot-journal-bytes', String(o.snapshotJournalBytes));
  const ready = [/^SCIM base URL: (http:\/\/[^/]+)/];
  if (o.console) ready.push(/^Console: (\S+)/);
  const child = await startChild(args, ready, {
    timeoutMs: 120_000,
    ...(o.nodeArgs ? { nodeArgs: o.nodeArgs } : {}),
  });
  return {
    child,
    origin: child.ready[0] as string,
    consoleUrl: o.console ? (child.ready[1] as string) : null,
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
