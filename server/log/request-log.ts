/**
 * The request log: every SCIM request and response, kept in memory for the console (newest
 * last in `entries`) and appended to JSON-lines files in the data directory so it survives a
 * restart. Bounded by entry count and bytes, in memory and on disk (two files that rotate,
 * each at most half the byte cap). Log writes are not fsync'd per entry: they are
 * diagnostics, not acknowledged data.
 */
import { EventEmitter } from 'node:events';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { LogEntry, LogQuery, LogSummary } from '../domain/request-record';
import { matchesQuery, toCsv } from './log-query';
import { OktaActionClassifier, type ActionRequest } from './actions';
import type { OktaAction } from '../domain/okta-action';
import type { ActivityItem, ActivityQuery } from '../domain/activity';
import { describeActivity, mayBeActivity } from './activity';
import { LineStore, type StoredLine } from './line-store';

export interface LogRetention {
  maxEntries: number;
  maxBytes: number;
}

const CURRENT = 'requests.jsonl';
/**
 * Buffered entries go to disk this often: one write a flush, so at Okta's rates (thousands of
 * requests a second in a burst) the log costs one system call per few hundred entries. A crash
 * loses at most this much of the log, never an acknowledged write (the log is diagnostics).
 */
const FLUSH_MS = 200;
const PREVIOUS = 'requests.1.jsonl';

function sizeOf(e: LogEntry): number {
  return (e.requestBody?.length ?? 0) + (e.responseBody?.length ?? 0) + 512;
}

/**
 * One kept entry: its summary as an object, which every list, filter and scan reads, and the
 * whole entry as the JSON line written to disk, in a LineStore chunk (./line-store.ts): outside
 * V8's heap, so the garbage collector neither copies nor marks its bytes. Headers and bodies
 * are parsed back only when an entry is opened, searched by text, described in the activity
 * feed, exported or reported. Holding 20,000 entries as objects kept V8's background GC
 * threads busy: the floor build (no log) spent 0.14 ms less CPU a lookup at 10,000 users
 * (docs/performance.md).
 */
interface Kept {
  s: LogSummary;
  line: StoredLine;
  /** the entry's share of the byte cap (sizeOf) */
  size: number;
  /** not yet written to disk: its bytes must outlive a drop from memory until the next flush */
  unwritten: boolean;
}

const NEWLINE = Buffer.from('\n');

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
    // entries written before fault injection existed have no field
    fault: e.fault ?? null,
    oktaAction: e.oktaAction,
    ...(e.simulated ? { simulated: true } : {}),
  };
}

export class RequestLog extends EventEmitter<{ entry: [LogSummary]; cleared: [] }> {
  /**
   * Oldest first from `head`; slots before `head` were dropped (and cleared). A full log drops
   * one entry per request: copying the array each time (slice) cost ~2 ms per request at
   * 20,000 entries, so the dropped prefix is cut off only once it is half the array.
   */
  private entries: (Kept | undefined)[] = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 1;
  /** entries not yet on disk, in append order; written from their stored bytes */
  private pending: Kept[] = [];
  /** lines of entries dropped from memory before they were written: released after the flush */
  private droppedUnwritten: StoredLine[] = [];
  private readonly lines = new LineStore();
  private flushTimer: NodeJS.Timeout | null = null;
  private fileBytes = 0;
  /** requests.jsonl, open for appending between flushes (opened at the first, reopened after a rotation) */
  private fd: number | null = null;
  /** one classifier for all requests: Okta's flows span several requests (./actions/classify.ts) */
  private readonly classifier = new OktaActionClassifier();

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

  /** The Okta action of a request about to be appended; call in request order. */
  classify(request: ActionRequest): OktaAction {
    return this.classifier.classify(request);
  }

  /** The action of a request before it runs (./actions/classify.ts `begin`); settle it when answered. */
  beginAction(request: Omit<ActionRequest, 'status' | 'response'>): OktaAction {
    return this.classifier.begin(request);
  }

  settleAction(request: ActionRequest, action: OktaAction): void {
    this.classifier.settle(request, action);
  }

  append(entry: LogEntry): void {
    const kept = this.keep(entry, JSON.stringify(entry));
    this.entries.push(kept);
    this.bytes += kept.size;
    if (this.dir) {
      kept.unwritten = true;
      this.pending.push(kept);
      this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
    }
    this.trim();
    this.emit('entry', kept.s);
  }

  get(id: string): LogEntry | undefined {
    for (let i = this.entries.length - 1; i >= this.head; i--) {
      const k = this.entries[i];
      if (k?.s.id === id) return this.full(k);
    }
    return undefined;
  }

  /** Newest first, keyset-paged by `beforeSeq`. */
  query(q: LogQuery): LogSummary[] {
    return this.select(q).map((k) => k.s);
  }

  /** Entries touching a resource (for the console's user and group detail views). */
  forResource(id: string, limit = 50): LogSummary[] {
    return this.find((s) => s.resources.some((r) => r.id === id), limit);
  }

  /** Newest-first entries for the checklist: a predicate scan over what is kept. */
  find(pred: (e: LogSummary) => boolean, limit: number): LogSummary[] {
    const out: LogSummary[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const k = this.entries[i];
      if (k && pred(k.s)) out.push(k.s);
    }
    return out;
  }

  /** The activity feed, newest first, keyset-paged by `beforeSeq` (./activity.ts). */
  activity(q: ActivityQuery): ActivityItem[] {
    const limit = q.limit ?? 100;
    const out: ActivityItem[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const k = this.entries[i];
      if (!k || (q.beforeSeq !== undefined && k.s.seq >= q.beforeSeq) || !mayBeActivity(k.s)) continue;
      const item = describeActivity(this.full(k));
      if (item) out.push(item);
    }
    return out;
  }

  /** Every kept entry, oldest first (the validation report). */
  all(): LogEntry[] {
    return this.fullWhere(() => true);
  }

  /** Entries by id, oldest first; unknown ids (rotated out) are left out. */
  byIds(ids: readonly string[]): LogEntry[] {
    const want = new Set(ids);
    return this.fullWhere((s) => want.has(s.id));
  }

  export(q: LogQuery, format: 'json' | 'csv'): string {
    const rows = this.select({ ...q, limit: q.limit ?? 5000 }).map((k) => this.full(k));
    return format === 'json' ? JSON.stringify(rows, null, 2) : toCsv(rows);
  }

  clear(): void {
    this.entries = [];
    this.lines.clear();
    this.head = 0;
    this.bytes = 0;
    this.pending = [];
    this.droppedUnwritten = [];
    if (this.dir) {
      // writes after this go to a new file, not to the unlinked one
      this.closeFile();
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
    const parts: Buffer[] = [];
    for (const k of this.pending) {
      parts.push(this.lines.bytes(k.line), NEWLINE);
      k.unwritten = false;
    }
    const chunk = Buffer.concat(parts);
    this.pending = [];
    for (const line of this.droppedUnwritten) this.lines.release(line);
    this.droppedUnwritten = [];
    try {
      if (this.fileBytes + chunk.length > this.retention.maxBytes / 2 && existsSync(this.file)) {
        this.closeFile();
        renameSync(this.file, join(this.dir, PREVIOUS));
        this.fileBytes = 0;
      }
      this.fd ??= openSync(this.file, 'a', 0o600);
      for (let done = 0; done < chunk.length;) done += writeSync(this.fd, chunk, done);
      this.fileBytes += chunk.length;
    } catch (err) {
      // A full disk must not take the SCIM endpoint down with it; the entries stay in memory.
      this.closeFile();
      console.error(`request log: could not write (${(err as Error).message})`);
    }
  }

  close(): void {
    this.flush();
    this.closeFile();
  }

  private keep(e: LogEntry, line: string): Kept {
    return { s: summarize(e), line: this.lines.put(line), size: sizeOf(e), unwritten: false };
  }

  /** Kept entries whose summary passes, oldest first, parsed back whole. */
  private fullWhere(pred: (s: LogSummary) => boolean): LogEntry[] {
    const out: LogEntry[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const k = this.entries[i];
      if (k && pred(k.s)) out.push(this.full(k));
    }
    return out;
  }

  private full(k: Kept): LogEntry {
    return JSON.parse(this.lines.read(k.line)) as LogEntry;
  }

  private get file(): string {
    return join(this.dir as string, CURRENT);
  }

  private closeFile(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // already gone
    }
    this.fd = null;
  }

  private select(q: LogQuery): Kept[] {
    const limit = q.limit ?? 200;
    const out: Kept[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const k = this.entries[i];
      if (!k) continue;
      if (q.beforeSeq !== undefined && k.s.seq >= q.beforeSeq) continue;
      // the bodies are read only for a text search
      if (matchesQuery(q.text ? this.full(k) : k.s, q)) out.push(k);
    }
    return out;
  }

  private trim(): void {
    const max = this.retention.maxEntries;
    while (
      this.head < this.entries.length &&
      (this.entries.length - this.head > max || this.bytes > this.retention.maxBytes)
    ) {
      const dropped = this.entries[this.head] as Kept;
      this.bytes -= dropped.size;
      if (dropped.unwritten) this.droppedUnwritten.push(dropped.line);
      else this.lines.release(dropped.line);
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
          // Entries written before actions existed are classified from what the log kept.
          const unclassified = e.oktaAction === undefined;
          e.oktaAction ??= this.classifier.classify(actionRequestOf(e));
          // entries written before fault injection existed have no field
          e.fault ??= null;
          const kept = this.keep(e, unclassified ? JSON.stringify(e) : line);
          this.entries.push(kept);
          this.bytes += kept.size;
          this.nextSeq = Math.max(this.nextSeq, e.seq + 1);
        } catch {
          // a torn last line after a crash: skip it
        }
      }
    }
    this.trim();
  }
}

function parsed(text: string | null): unknown {
  if (!text || text.length > 64 * 1024) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A logged entry as the classifier reads it (bodies are redacted; secrets do not decide actions). */
export function actionRequestOf(e: LogEntry): ActionRequest {
  return {
    time: Date.parse(e.time),
    method: e.method,
    path: e.path,
    query: e.query,
    tokenName: e.tokenName,
    body: parsed(e.requestBody),
    status: e.status,
    response: parsed(e.responseBody),
  };
}
