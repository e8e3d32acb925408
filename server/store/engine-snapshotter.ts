/**
 * Main-thread side of the snapshot worker: starts it (lazily, at the first snapshot, loading
 * the replica from disk up to the snapshot's LSN), forwards every durable record to it, and
 * turns its replies into promises. If the worker dies, pending snapshots fail and the next
 * snapshot starts a fresh one from disk; writes never depend on it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerInit } from './engine-snapshot-protocol';

/**
 * Where the worker module is: a built `snapshot-worker.js` next to this module or one level up
 * (electron-vite emits `out/main/snapshot-worker.js` beside `index.js`, and this code may sit in
 * a chunk below it), else the TypeScript source (tsx, vitest).
 */
export function defaultWorkerUrl(): URL {
  // Kept out of the `new URL('…', import.meta.url)` pattern so bundlers leave it alone.
  const here = import.meta.url;
  for (const rel of ['./snapshot-worker.js', '../snapshot-worker.js']) {
    const url = new URL(rel, here);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return new URL('./snapshot-worker.ts', here);
}

/**
 * Starts the worker. A `.ts` module is run through tsx's ESM API, registered inside the worker
 * before the import: `execArgv: ['--import', 'tsx']` does not reach a worker's first module on
 * Node 20, and under vitest the parent has no tsx hooks to inherit.
 */
function spawn(url: URL, data: WorkerInit): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: data });
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs'));
  const code =
    `import(${JSON.stringify(api.href)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { eval: true, workerData: data });
}

interface Waiting {
  /** a snapshot's size, or the worker's ArrayBuffer bytes for a memory query */
  resolve: (n: number) => void;
  reject: (err: Error) => void;
}

export class Snapshotter {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly wasmPath: string,
    private readonly workerUrl: URL = defaultWorkerUrl(),
  ) {}

  /** Forwards durable records (in LSN order) to the replica, if one is running. */
  forward(payloads: string[]): void {
    this.send({ t: 'apply', payloads });
  }

  /**
   * Asks for a snapshot covering exactly `lsn`; every record up to it must be durable and
   * already forwarded (or on disk when the worker starts). Resolves with the snapshot's size.
   */
  snapshot(lsn: number): Promise<number> {
    try {
      if (this.closed) throw new Error('engine closed');
      if (!this.worker) this.start(lsn);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return this.ask((id) => ({ t: 'snapshot', id, lsn }));
  }

  /** ArrayBuffer bytes the worker holds now (null: no worker running). For tests and diagnostics. */
  workerArrayBuffers(): Promise<number | null> {
    if (!this.worker) return Promise.resolve(null);
    return this.ask((id) => ({ t: 'memory', id }));
  }

  /** Sends a request that the worker answers with the same id. */
  private ask(msg: (id: number) => ToWorker): Promise<number> {
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send(msg(id));
    });
  }

  private take(id: number): Waiting | undefined {
    const wait = this.waiting.get(id);
    this.waiting.delete(id);
    return wait;
  }

  private send(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  private start(upTo: number): void {
    const data: WorkerInit = { dir: this.dir, wasmPath: this.wasmPath, upTo };
    const w = spawn(this.workerUrl, data);
    // A snapshot in progress must not keep a finished process alive; its temp file is ignored.
    w.unref();
    w.on('message', (msg: FromWorker) => {
      if (msg.t === 'snapshot') {
        const wait = this.take(msg.id);
        if (msg.ok) wait?.resolve(msg.bytes);
        else wait?.reject(new Error(msg.error));
      } else if (msg.t === 'memory') {
        this.take(msg.id)?.resolve(msg.arrayBuffers);
      } else if (msg.t === 'fatal') {
        this.lose(w, new Error(`snapshot worker: ${msg.error}`));
      }
    });
    w.on('error', (err) => this.lose(w, err));
    w.on('exit', (code) => this.lose(w, new Error(`snapshot worker exited (code ${code})`)));
    this.worker = w;
  }

  private lose(w: Worker, err: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    void w.terminate();
    for (const wait of this.waiting.values()) wait.reject(err);
    this.waiting.clear();
  }

  /** Stops the worker; pending snapshots fail (their temp file is cleaned at next start-up). */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    if (!w) return;
    this.lose(w, new Error('engine closed'));
    await w.terminate();
  }
}
