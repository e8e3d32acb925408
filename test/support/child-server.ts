/**
 * The headless server as a child process (`node --import tsx server/cli.ts`), as an operator
 * runs it: for tests, benches and scripts that must kill it with SIGKILL or watch its RSS and
 * file descriptors from outside (/proc/<pid>). Started by the one launcher, ./child-process.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { ROOT, startChild } from './child-process';

export { ROOT };

export const CHILD_TOKEN = 'child-token-0123456789abcdefghijklmn';

export interface ChildServer {
  child: ChildProcess;
  pid: number;
  /** e.g. http://127.0.0.1:PORT/api/v2/scim */
  base: string;
  /** the console URL with its secret (`…/#token=…`), when started with `console: true` */
  consoleUrl: string | null;
  /** ms from spawn to the last ready line */
  startMs: number;
  /** everything the child wrote to stdout and stderr so far */
  output(): string;
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, then wait for the exit */
  kill(): Promise<void>;
  /** SIGTERM (clean shutdown), then wait for the exit (SIGKILL after 10 s) */
  stop(): Promise<number | null>;
}

export interface ChildOptions {
  dataDir: string;
  token?: string;
  profile?: string;
  /** serve the console (admin listener on a free port) and wait for its URL too */
  console?: boolean;
  /** SCIM listener port (default 0: a free one; the printed base URL has the real one) */
  port?: number;
  /** extra CLI flags, e.g. `['--snapshot-journal-bytes', '262144']` */
  extraArgs?: string[];
  /** node flags before `--import tsx`, e.g. `['--cpu-prof', …]` */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** give up waiting for `SCIM base URL:` after this long (default 60 s: 2 cores, cold tsx) */
  startTimeoutMs?: number;
}

/** The CLI's arguments for these options (also used by launchers that add their own flags). */
export function cliArgs(opts: ChildOptions): string[] {
  return [
    'server/cli.ts',
    '--port',
    String(opts.port ?? 0),
    '--data',
    opts.dataDir,
    '--bootstrap-token',
    opts.token ?? CHILD_TOKEN,
    ...(opts.console ? ['--admin-port', '0'] : ['--no-console']),
    ...(opts.profile ? ['--profile', opts.profile] : []),
    ...(opts.extraArgs ?? []),
  ];
}

/** Spawns the CLI and resolves once it printed `SCIM base URL: <url>` (and `Console: <url>`). */
export async function startChildServer(opts: ChildOptions): Promise<ChildServer> {
  // server/cli.ts prints the base URL first, then the console URL.
  const ready = [/SCIM base URL: (\S+)/, ...(opts.console ? [/Console: (\S+)/] : [])];
  const c = await startChild(cliArgs(opts), ready, {
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.nodeArgs ? { nodeArgs: opts.nodeArgs } : {}),
    ...(opts.startTimeoutMs ? { timeoutMs: opts.startTimeoutMs } : {}),
  });
  const consoleUrl = c.ready[1] ?? null;
  if (opts.console && !consoleUrl?.startsWith('http')) {
    // The CLI says why on the same line, e.g. "Console: the renderer is not built (…)".
    await c.stop();
    throw new Error(`the console is not served: ${/Console: (.*)/.exec(c.output())?.[1] ?? c.output()}`);
  }
  return {
    child: c.proc,
    pid: c.pid,
    base: c.ready[0] as string,
    consoleUrl,
    startMs: c.startMs,
    output: c.output,
    exited: c.exited,
    kill: c.kill,
    stop: c.stop,
  };
}
