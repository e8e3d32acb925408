/**
 * The headless server as a child process (`node --import tsx server/cli.ts`), as an operator
 * runs it: for tests and benches that must kill it with SIGKILL or watch its RSS and file
 * descriptors from outside (/proc/<pid>).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Repository root (cwd of the child, so `--import tsx` resolves). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));

export const CHILD_TOKEN = 'child-token-0123456789abcdefghijklmn';

export interface ChildServer {
  child: ChildProcess;
  pid: number;
  /** e.g. http://127.0.0.1:PORT/api/v2/scim */
  base: string;
  /** the console URL with its secret (`…/#token=…`), when started with `console: true` */
  consoleUrl: string | null;
  /** everything the child wrote to stdout and stderr so far */
  output(): string;
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, then wait for the exit */
  kill(): Promise<void>;
  /** SIGTERM (clean shutdown), then wait for the exit */
  stop(): Promise<void>;
}

export interface ChildOptions {
  dataDir: string;
  token?: string;
  profile?: string;
  /** serve the console (admin listener on a free port) and wait for its URL too */
  console?: boolean;
  /** give up waiting for `SCIM base URL:` after this long (default 60 s: 2 cores, cold tsx) */
  startTimeoutMs?: number;
  /** more command-line options, e.g. ['--faults', FILE] */
  extraArgs?: string[];
}

/** Spawns the CLI on port 0 and resolves once it printed `SCIM base URL: <url>`. */
export function startChildServer(opts: ChildOptions): Promise<ChildServer> {
  const args = [
    '--import',
    'tsx',
    CLI,
    '--port',
    '0',
    '--data',
    opts.dataDir,
    '--bootstrap-token',
    opts.token ?? CHILD_TOKEN,
    ...(opts.console ? ['--admin-port', '0'] : ['--no-console']),
    ...(opts.profile ? ['--profile', opts.profile] : []),
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${opts.startTimeoutMs ?? 60_000} ms:\n${out}`));
    }, opts.startTimeoutMs ?? 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /SCIM base URL: (\S+)/.exec(out);
      const c = /Console: (\S+)/.exec(out);
      if (m?.[1] && (!opts.console || c?.[1]) && child.pid !== undefined) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => (out += more.toString()));
        const pid = child.pid;
        resolve({
          child,
          pid,
          base: m[1],
          consoleUrl: c?.[1] ?? null,
          output: () => out,
          exited,
          async kill() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready (code ${code}, ${signal}):\n${out}`));
    });
  });
}
