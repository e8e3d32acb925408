/**
 * The request log: every SCIM request and response, kept in memory for the console (newest
 * last in `entries`) and appended to JSON-lines files in the data directory so it survives a
 * restart. Bounded by entry count and bytes, in memory and on disk (two files that rotate,
 * each at most half the byte cap). Log writes are not fsync'd per entry: they are
 * diagnostics, not acknowledged data.
 */
import { EventEmitter } from 'node:events';
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry, LogQuery, LogSummary } from '../domain/request-record';
import { matchesQuery, toCsv } from './log-query';

export interface LogRetention {
  maxEntries: number;
  maxBytes: number;
}

const CURRENT = 'requests.jsonl';
const PREVIOUS = 'requests.1.jsonl';

function sizeOf(e: LogEntry): number {
  return (e.requestBody?.length ?? 0) + (e.responseBody?.length ?? 0) + 512;
}

export function summarize(e: LogEntry): LogSummary {
  return {
    id: e.id,
    seq: e.seq,
    time: e.time,
    method: e.method,
    path: e.path,
    query: e.query,
    status: e.status,
    durationMs: e.durationMs,
    tokenName: e.tokenName,
    userAgent: e.userAgent,
    resourceType: e.resourceType,
    resources: e.resources,
    warnings: e.warnings,
    patchStyle: e.patchStyle,
    ...(e.simulated ? { simulated: true } : {}),
  };
}

export class RequestLog extends EventEmitter<{ entry: [LogSummary]; cleared: [] }> {
  /**
   * Oldest first from `head`; slots before `head` were dropped (and cleared). A full log drops
   * one entry per request: copying the array each time (slice) cost ~2 ms per request at
   * 20,000 entries, so the dropped prefix is cut off only once it is half the array.
   */
  private entries: (LogEntry | undefined)[] = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 1;
  private pending: string[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private fileBytes = 0;

  constructor(
    private readonly dir: string | null,
    private retention: LogRetention,
  ) {
    super();
    this.load();
  }

  setRetention(r: LogRetention): void {
    this.retention = r;
    this.trim();
  }

  /** Assigns the sequence number; call when a request starts so ids exist before the reply. */
  nextId(): { id: string; seq: number } {
    const seq = this.nextSeq++;
    return { id: `r${seq.toString(36)}-${Date.now().toString(36)}`, seq };
  }

  append(entry: LogEntry): void {
    this.entries.push(entry);
    this.bytes += sizeOf(entry);
    this.trim();
    if (this.dir) {
      this.pending.push(JSON.stringify(entry));
      this.flushTimer ??= setTimeout(() => this.flush(), 50);
    }
    this.emit('entry', summarize(entry));
  }

  get(id: string): LogEntry | undefined {
    for (let i = this.entries.length - 1; i >= this.head; i--) {
      if (this.entries[i]?.id === id) return this.entries[i];
    }
    return undefined;
  }

  /** Newest first, keyset-paged by `beforeSeq`. */
  query(q: LogQuery): LogSummary[] {
    return this.select(q).map(summarize);
  }

  /** Entries touching a resource (for the console's user and group detail views). */
  forResource(id: string, limit = 50): LogSummary[] {
    const out: LogSummary[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const e = this.entries[i];
      if (e && e.resources.some((r) => r.id === id)) out.push(summarize(e));
    }
    return out;
  }

  /** Newest-first entries for the checklist: a predicate scan over what is kept. */
  find(pred: (e: LogSummary) => boolean, limit: number): LogSummary[] {
    const out: LogSummary[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const e = this.entries[i];
      if (e && pred(e)) out.push(summarize(e));
    }
    return out;
  }

  export(q: LogQuery, format: 'json' | 'csv'): string {
    const rows = this.select({ ...q, limit: q.limit ?? 5000 });
    return format === 'json' ? JSON.stringify(rows, null, 2) : toCsv(rows);
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
    this.pending = [];
    if (this.dir) {
      for (const f of [CURRENT, PREVIOUS]) {
        const p = join(this.dir, f);
        if (existsSync(p)) unlinkSync(p);
      }
      this.fileBytes = 0;
    }
    this.emit('cleared');
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.length - this.head, bytes: this.bytes };
  }

  /** Writes buffered entries to disk now. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.dir || !this.pending.length) return;
    const chunk = this.pending.join('\n') + '\n';
    this.pending = [];
    try {
      if (this.fileBytes + chunk.length > this.retention.maxBytes / 2) {
        renameSync(join(this.dir, CURRENT), join(this.dir, PREVIOUS));
        this.fileBytes = 0;
      }
    } catch {
      // nothing to rotate yet
    }
    try {
      appendFileSync(join(this.dir, CURRENT), chunk);
      this.fileBytes += Buffer.byteLength(chunk);
    } catch (err) {
      // A full disk must not take the SCIM endpoint down with it; the entries stay in memory.
      console.error(`request log: could not write (${(err as Error).message})`);
    }
  }

  close(): void {
    this.flush();
  }

  private select(q: LogQuery): LogEntry[] {
    const limit = q.limit ?? 200;
    const out: LogEntry[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const e = this.entries[i];
      if (!e) continue;
      if (q.beforeSeq !== undefined && e.seq >= q.beforeSeq) continue;
      if (matchesQuery(e, q)) out.push(e);
    }
    return out;
  }

  private trim(): void {
    const max = this.retention.maxEntries;
    while (
      this.head < this.entries.length &&
      (this.entries.length - this.head > max || this.bytes > this.retention.maxBytes)
    ) {
      this.bytes -= sizeOf(this.entries[this.head] as LogEntry);
      this.entries[this.head++] = undefined;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  private load(): void {
    if (!this.dir) return;
    for (const f of [PREVIOUS, CURRENT]) {
      const p = join(this.dir, f);
      if (!existsSync(p)) continue;
      if (f === CURRENT) this.fileBytes = statSync(p).size;
      for (const line of readFileSync(p, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const e = JSON.parse(line) as LogEntry;
          this.entries.push(e);
          this.bytes += sizeOf(e);
          this.nextSeq = Math.max(this.nextSeq, e.seq + 1);
        } catch {
          // a torn last line after a crash: skip it
        }
      }
    }
    this.trim();
  }
}
