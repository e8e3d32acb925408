/** Messages between the engine (main thread) and the snapshot worker. Types only. */

export interface WorkerInit {
  dir: string;
  wasmPath: string;
  /** the replica loads snapshot + journal up to exactly this LSN, then applies forwarded records */
  upTo: number;
}

export type ToWorker =
  /** durable records, in LSN order (journal payload JSON) */
  | { t: 'apply'; payloads: string[] }
  /** write snapshot.db covering exactly this LSN */
  | { t: 'snapshot'; id: number; lsn: number }
  /** how much ArrayBuffer memory the worker holds (the replica's file, any export in flight) */
  | { t: 'memory'; id: number };

export type FromWorker =
  | { t: 'ready'; lsn: number }
  | { t: 'snapshot'; id: number; ok: true; bytes: number }
  | { t: 'snapshot'; id: number; ok: false; error: string }
  | { t: 'memory'; id: number; arrayBuffers: number }
  /** the replica is unusable (load failed, or a record did not apply); the engine drops it */
  | { t: 'fatal'; error: string };
