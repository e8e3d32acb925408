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
import { describeActivity } from './activity';

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
  private entries: (LogEntry | undefined)[] = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 1;
  private pending: string[] = [];
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
    this.entries.push(entry);
    this.bytes += sizeOf(entry);
    this.trim();
    if (this.dir) {
      this.pending.push(JSON.stringify(entry));
      this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
    }
    // the summary is built only for a listener (the console's live events); headless there may be none
    if (this.listenerCount('entry') > 0) this.emit('entry', summarize(entry));
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

  /** The activity feed, newest first, keyset-paged by `beforeSeq` (./activity.ts). */
  activity(q: ActivityQuery): ActivityItem[] {
    const limit = q.limit ?? 100;
    const out: ActivityItem[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const e = this.entries[i];
      if (!e || (q.beforeSeq !== undefined && e.seq >= q.beforeSeq)) continue;
      const item = describeActivity(e);
      if (item) out.push(item);
    }
    return out;
  }

  /** Every kept entry, oldest first (the validation report). */
  all(): LogEntry[] {
    return this.entries.slice(this.head).filter((e): e is LogEntry => e !== undefined);
  }

  /** Entries by id, oldest first; unknown ids (rotated out) are left out. */
  byIds(ids: readonly string[]): LogEntry[] {
    const want = new Set(ids);
    return this.all().filter((e) => want.has(e.id));
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
    const chunk = Buffer.from(this.pending.join('\n') + '\n', 'utf8');
    this.pending = [];
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
          // Entries written before actions existed are classified from what the log kept.
          e.oktaAction ??= this.classifier.classify(actionRequestOf(e));
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
