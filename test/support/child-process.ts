/**
 * The one launcher for child processes, shared by tests, the benchmark and scripts: a server runs
 * in its own process (never on the load generator's event loop; killable with SIGKILL; its RSS,
 * CPU and file descriptors readable from /proc), started with `node --import tsx …` as
 * `npm run serve` runs the CLI. ./child-server.ts starts the headless CLI with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (cwd of every child, so `--import tsx` resolves). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** captures of each ready pattern, in order */
  ready: string[];
  /** ms from spawn to the last ready line */
  startMs: number;
  /** everything printed so far (stdout and stderr; the last 100,000 characters of a chatty child) */
  output(): string;
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL (a crash, as `kill -9`), then wait for the exit */
  kill(): Promise<void>;
  /** SIGTERM (clean shutdown), then SIGKILL after 10 s; resolves with the exit code */
  stop(): Promise<number | null>;
}

/**
 * Spawns `node --import tsx <args>` in the repository root and waits until every pattern in
 * `readyLines` has matched a line of output (capture group 1 is kept), or fails after `timeoutMs`.
 */
export function startChild(
  args: string[],
  readyLines: RegExp[],
  opts: { env?: Record<string, string>; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<Child> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready: string[] = [];
  let exited: number | null | undefined;
  const exitInfo = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.once('exit', (code, signal) => {
      exited = code;
      res({ code, signal });
    }),
  );
  const exit = exitInfo.then(({ code }) => code);
  const stop = async (): Promise<number | null> => {
    if (exited !== undefined) return exited;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    const code = await exit;
    clearTimeout(timer);
    return code;
  };
  const kill = async (): Promise<void> => {
    if (exited === undefined) proc.kill('SIGKILL');
    await exit;
  };
  return new Promise((resolveChild, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${args.join(' ')}: not ready after ${opts.timeoutMs ?? 60_000} ms:\n${out}`));
    }, opts.timeoutMs ?? 60_000);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      if (out.length > 200_000) out = out.slice(-100_000);
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const pattern = readyLines[ready.length];
        const m = pattern?.exec(line);
        if (!m) continue;
        ready.push(m[1] ?? m[0]);
        if (ready.length === readyLines.length) {
          clearTimeout(timer);
          resolveChild({
            proc,
            pid: proc.pid as number,
            ready,
            startMs: performance.now() - t0,
            output: () => out,
            exited: exitInfo,
            kill,
            stop,
          });
        }
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exitInfo.then(({ code, signal }) => {
      clearTimeout(timer);
      if (ready.length < readyLines.length)
        reject(new Error(`${args.join(' ')} exited before it was ready (code ${code}, ${signal}):\n${out}`));
    });
  });
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc/<pid>/stat
 * (fields 14 and 15, in clock ticks of 10 ms). CPU per request is far steadier than throughput
 * on a machine others are using, so the report gives both.
 */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may contain spaces: count fields after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs `node --import tsx <args>` to completion and returns its stdout (throws on failure). */
export function runChild(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) =>
      code === 0 ? resolveRun(out) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}
