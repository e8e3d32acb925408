/**
 * Resource history's store (docs/history.md "Where versions are kept"): versions live in
 * append-only files beside the database, not in it, and are made durable by the journal.
 *
 * - A write's versions are side entries of its journal record (./types.ts Tx.side), so a version
 *   is durable exactly when the write it describes is, and a rolled-back write leaves none.
 * - Once a record is durable its versions are appended to the current history segment (no
 *   fsync); before a snapshot lets the journal go, the segments are fsynced (SideLog).
 * - Start-up loads the segments' line prefixes into an index, cuts off lines the journal does
 *   not hold, and appends the versions of journal records the files do not have yet.
 * - Memory holds an index (per version: seq, file offset and length, resource, the resource's
 *   previous version) and the versions not yet in a file; a version's text is read from its
 *   file when shown. Nothing about a version costs more as the database or a group grows.
 * - Retention drops whole segments, oldest first, once the total passes the cap; the resources
 *   they held are remembered as truncated (history-truncated.log, fsynced before the drop).
 *
 * Why not a table: keeping versions in the sql.js database cost an INSERT, its share of the
 * COMMIT, the snapshot worker's replay of both and larger snapshots, about 20–30 % of a PUT's
 * CPU (docs/history.md "What history costs"). Here a version costs one JSON encoding and a share
 * of one write() per group commit.
 */
import {
  closeSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { HistoryPage, HistoryQuery, Version } from '../domain/history';
import {
  decodeLine,
  encodeRow,
  fileLine,
  named,
  sideEntry,
  type DecodedVersion,
  type NewStoredVersion,
} from './history-codec';
import {
  TRUNCATED_FILE,
  historySegmentName,
  listHistorySegments,
  readAt,
  readTruncatedIds,
  scanHistorySegment,
} from './history-files';
import { syncDirSync } from './engine-io';
import type { Reader, SideLog, Tx } from './types';

export type { NewStoredVersion } from './history-codec';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/** Until a write names the setting, the default cap (docs/history.md "Retention"). */
const DEFAULT_CAP = 256 * 1024 * 1024;
/**
 * Lines of durable writes wait in memory until this many bytes are waiting (or a snapshot
 * starts): one write() per ~3,000 versions instead of one per group commit. Writing at every
 * commit cost a system call each time, and on ext4 (data=ordered) made every journal fsync
 * flush the history file's new data too.
 */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** Versions read per step by `all()`. */
const ALL_CHUNK = 2000;

/** A segment rolls at this share of the cap (so retention drops at most that much at once), within bounds. */
export function segmentBytesFor(cap: number): number {
  return Math.min(64 * 1024 * 1024, Math.max(4096, Math.floor(cap / 32)));
}

export interface HistoryStats {
  /** bytes of version lines, in the files and waiting for them */
  bytes: number;
  versions: number;
}

interface Segment {
  firstSeq: number;
  /** position of its first version */
  firstPos: number;
  path: string;
  /** bytes of complete lines */
  size: number;
  /** open for appending (the current segment) or until fsynced */
  fd: number | null;
  /** written to since its last fsync */
  dirty: boolean;
  /** read-only stores keep each file's bytes as they were read */
  buf: Buffer | null;
}

interface Staged {
  seq: number;
  resourceId: string;
  entry: string;
}

/** Room the waiting lines start with; it grows when a burst needs more and shrinks back after. */
const TAIL_START_BYTES = 2 * 1024 * 1024;

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class HistoryStore implements SideLog {
  // The index, by position (absolute; arrays hold positions from `base`). Positions below
  // `head` were dropped by retention; positions from `written` on wait in `tailBuf`, their
  // offAt an offset in it rather than in a file.
  private base = 0;
  private head = 0;
  private end = 0;
  private written = 0;
  private readonly seqAt: number[] = [];
  private readonly idAt: string[] = [];
  /** the previous version of the same resource (a position), or -1 */
  private readonly prevAt: number[] = [];
  private readonly offAt: number[] = [];
  private readonly lenAt: number[] = [];
  /** each loaded line's LSN, until recover() has checked them against the journal */
  private lsnAt: number[] | null = [];
  /** the newest version of each resource (a position) */
  private readonly lastOf = new Map<string, number>();
  /**
   * The lines not yet in a file, as UTF-8 bytes one after the other from offset 0. Bytes, not
   * strings: a string kept until its 1 MiB batch is written lives through garbage collections
   * and is copied into the old generation, which the collector then has to mark.
   */
  private tailBuf: Buffer = Buffer.allocUnsafeSlow(TAIL_START_BYTES);
  private tailUsed = 0;
  /** the LSN of each waiting line's write, oldest first */
  private readonly tailLsn: number[] = [];
  private staged: Staged[] = [];

  private segments: Segment[] = [];
  private truncated = new Set<string>();
  private loaded = false;
  /** the seq of the newest version kept or ever written to a file */
  private lastSeq = 0;
  private nextSeq = 1;
  private bytes = 0;
  private cap = DEFAULT_CAP;
  private durableLsn = 0;
  private dirDirty = false;
  /** a write to this segment failed part-way: bytes past its size may be garbage */
  private torn: Segment | null = null;
  private closed = false;
  /** the last failure to write or sync the files (the journal still holds what they lack) */
  lastError: string | null = null;
  /** what loading repaired (torn lines cut off, files set aside) */
  private readonly messages: string[] = [];

  private constructor(
    private readonly dir: string,
    private readonly readOnly: boolean,
  ) {}

  /**
   * The history of the engine over `dir` (pass it as EngineOptions.side). The files are read
   * when the engine opens and calls recover(), after it has made sure no other engine uses `dir`.
   */
  static open(dir: string): HistoryStore {
    return new HistoryStore(dir, false);
  }

  /**
   * Reads the history of a data directory without changing anything in it: the files as they
   * are, less lines beyond `lsn`, plus the versions in the journal records after them.
   */
  static readOnly(
    dir: string,
    lsn: number,
    records: readonly { lsn: number; x: readonly unknown[] }[],
  ): HistoryStore {
    const store = new HistoryStore(dir, true);
    store.recover(lsn, records);
    return store;
  }

  // ---- writing ------------------------------------------------------------------------------

  /**
   * Adds a version to the write `tx` runs (a side entry of its journal record) and returns its
   * seq; it becomes visible when the write commits. `maxBytes` is the retention cap in force.
   */
  append(tx: Tx, v: NewStoredVersion, maxBytes: number): number {
    this.cap = maxBytes;
    const seq = this.nextSeq++;
    const entry = sideEntry(seq, v.resourceId, encodeRow(v));
    tx.side(entry);
    this.staged.push({ seq, resourceId: v.resourceId, entry });
    return seq;
  }

  committed(lsn: number): void {
    for (const s of this.staged) this.add(s.seq, s.resourceId, fileLine(lsn, s.entry), lsn);
    this.staged = [];
  }

  aborted(): void {
    this.staged = [];
    this.nextSeq = this.lastSeq + 1;
  }

  durable(lsn: number): void {
    this.durableLsn = lsn;
    if (this.tailUsed >= WRITE_BATCH_BYTES) this.writeTail();
    if (this.bytes > this.cap) this.enforceCap();
  }

  rolledBack(lsn: number): void {
    this.staged = [];
    while (this.end > this.written && (this.tailLsn[this.tailLsn.length - 1] as number) > lsn) this.pop();
    this.nextSeq = this.lastSeq + 1;
  }

  async beforeSnapshot(lsn: number): Promise<void> {
    this.writeTail();
    const waiting = this.tailLsn[0];
    if (waiting !== undefined && waiting <= lsn) {
      throw new Error(`history files cannot be written: ${this.lastError ?? 'unknown error'}`);
    }
    const current = this.segments[this.segments.length - 1];
    for (const seg of this.segments) {
      if (seg.fd === null) continue;
      if (seg.dirty) {
        const fd = seg.fd;
        await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
        seg.dirty = false;
      }
      if (seg !== current) this.closeSegment(seg);
    }
    if (this.dirDirty) {
      syncDirSync(this.dir);
      this.dirDirty = false;
    }
  }

  recover(lsn: number, records: readonly { lsn: number; x: readonly unknown[] }[]): readonly string[] {
    if (!this.loaded) this.load();
    this.cutAfter(lsn);
    for (const rec of records) {
      if (rec.lsn > lsn) break;
      for (const x of rec.x) {
        if (!Array.isArray(x) || typeof x[0] !== 'number' || typeof x[1] !== 'string') {
          throw new Error(`journal record ${rec.lsn} holds a side entry that is not a history version`);
        }
        if (x[0] <= this.lastSeq) continue;
        this.add(x[0], x[1], fileLine(rec.lsn, JSON.stringify(x)), rec.lsn);
      }
    }
    this.nextSeq = this.lastSeq + 1;
    this.durableLsn = lsn;
    if (!this.readOnly) this.writeTail();
    return this.messages;
  }

  close(): void {
    if (this.closed) return;
    // the journal holds these too; written now, the next start has less to replay
    this.writeTail();
    this.closed = true;
    for (const seg of this.segments) this.closeSegment(seg);
  }

  /**
   * Moves versions kept by an older build in the `history` table into the files (migration 7),
   * with the resources it had marked truncated; a read-only store takes them into memory only.
   * Idempotent: a version whose seq the files already hold is skipped, so a migration that
   * crashed after this ran can run again.
   */
  importTable(r: Reader): void {
    for (;;) {
      const rows = r.all<{ seq: number; resource_id: string; v: string }>(
        'SELECT seq, resource_id, v FROM history WHERE seq > ? ORDER BY seq LIMIT 5000',
        [this.lastSeq],
      );
      for (const row of rows)
        this.add(row.seq, row.resource_id, fileLine(0, sideEntry(row.seq, row.resource_id, row.v)), 0);
      this.writeTail();
      if (rows.length < 5000) break;
    }
    this.nextSeq = this.lastSeq + 1;
    const ids = r
      .all<{ resource_id: string }>('SELECT resource_id FROM history_truncated')
      .map((x) => x.resource_id);
    if (this.readOnly) {
      for (const id of ids) this.truncated.add(id);
      return;
    }
    this.markTruncated(ids);
    this.writeTail();
    if (this.tailLsn.length > 0) throw new Error(`history files cannot be written: ${this.lastError ?? ''}`);
    for (const seg of this.segments) {
      if (seg.fd !== null && seg.dirty) fsyncSync(seg.fd);
      seg.dirty = false;
    }
    syncDirSync(this.dir);
    this.dirDirty = false;
  }

  // ---- reading ------------------------------------------------------------------------------

  /** A resource's versions, newest first, keyset-paged by `beforeSeq`. */
  page(r: Reader, q: HistoryQuery): HistoryPage {
    const limit = Math.min(Math.max(q.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
    const before = q.beforeSeq ?? Number.MAX_SAFE_INTEGER;
    const picked: number[] = [];
    for (let p = this.lastOf.get(q.resourceId) ?? -1; p >= this.head && picked.length <= limit;) {
      const i = p - this.base;
      if ((this.seqAt[i] as number) < before) picked.push(p);
      p = this.prevAt[i] as number;
    }
    const more = picked.length > limit;
    const versions = named(r, this.decode(picked.slice(0, limit)));
    return {
      versions,
      nextBeforeSeq: more ? (versions[versions.length - 1]?.seq ?? null) : null,
      truncated: this.truncated.has(q.resourceId),
    };
  }

  /** Every version, oldest first, in chunks (the report reads them all without holding one big array). */
  *all(r: Reader): Generator<Version> {
    for (let from = this.head; from < this.end; from += ALL_CHUNK) {
      const to = Math.min(this.end, from + ALL_CHUNK);
      yield* named(r, this.decode(Array.from({ length: to - from }, (_, i) => from + i)));
    }
  }

  stats(): HistoryStats {
    return { bytes: this.bytes, versions: this.end - this.head };
  }

  isTruncated(resourceId: string): boolean {
    return this.truncated.has(resourceId);
  }

  truncatedResources(): Set<string> {
    return new Set(this.truncated);
  }

  // ---- the index ----------------------------------------------------------------------------

  /** Adds a version at the end of the index, its line still to be written. */
  private add(seq: number, resourceId: string, line: string, lsn: number): void {
    const p = this.end++;
    const prev = this.lastOf.get(resourceId);
    // one string per resource, not one per version
    const id = prev === undefined ? resourceId : (this.idAt[prev - this.base] as string);
    this.seqAt.push(seq);
    this.idAt.push(id);
    this.prevAt.push(prev ?? -1);
    // at most three bytes of UTF-8 for each UTF-16 unit
    if (this.tailUsed + line.length * 3 > this.tailBuf.length) this.growTail(this.tailUsed + line.length * 3);
    const length = this.tailBuf.write(line, this.tailUsed, 'utf8');
    this.offAt.push(this.tailUsed);
    this.lenAt.push(length);
    this.tailUsed += length;
    this.tailLsn.push(lsn);
    this.lsnAt?.push(lsn);
    this.lastOf.set(id, p);
    this.bytes += length;
    this.lastSeq = seq;
  }

  /** Removes the newest version (a rolled-back write's, or a line the journal does not hold). */
  private pop(): void {
    const p = --this.end;
    const i = p - this.base;
    const seq = this.seqAt[i] as number;
    const id = this.idAt[i] as string;
    const prev = this.prevAt[i] as number;
    if (prev >= this.head) this.lastOf.set(id, prev);
    else this.lastOf.delete(id);
    const length = this.lenAt[i] as number;
    this.bytes -= length;
    for (const a of [this.seqAt, this.idAt, this.prevAt, this.offAt, this.lenAt]) a.pop();
    this.lsnAt?.pop();
    if (p >= this.written) {
      this.tailLsn.pop();
      this.tailUsed -= length;
    } else this.written = p;
    this.lastSeq = this.end > this.head ? (this.seqAt[this.end - 1 - this.base] as number) : seq - 1;
  }

  /** The segment holding position p (p below `written`). */
  private segmentOf(p: number): Segment {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.segments[mid] as Segment).firstPos <= p) lo = mid;
      else hi = mid - 1;
    }
    return this.segments[lo] as Segment;
  }

  /** The versions at these positions, decoded, in the order given. */
  private decode(positions: readonly number[]): DecodedVersion[] {
    const out: DecodedVersion[] = [];
    const opened = new Map<Segment, number>();
    try {
      for (const p of positions) {
        const i = p - this.base;
        if (p >= this.written) {
          const at = this.offAt[i] as number;
          out.push(decodeLine(this.tailBuf.toString('utf8', at, at + (this.lenAt[i] as number))));
          continue;
        }
        const seg = this.segmentOf(p);
        const off = this.offAt[i] as number;
        const len = this.lenAt[i] as number;
        let text: string;
        if (seg.buf) text = seg.buf.toString('utf8', off, off + len);
        else {
          let fd = seg.fd ?? opened.get(seg);
          if (fd === undefined) {
            fd = openSync(seg.path, 'r');
            opened.set(seg, fd);
          }
          text = readAt(fd, off, len).toString('utf8');
        }
        out.push(decodeLine(text));
      }
    } finally {
      for (const fd of opened.values()) closeSync(fd);
    }
    return out;
  }

  // ---- files --------------------------------------------------------------------------------

  private load(): void {
    this.loaded = true;
    this.truncated = readTruncatedIds(this.dir);
    const files = listHistorySegments(this.dir);
    const repair = !this.readOnly;
    let stopped = false;
    for (const file of files) {
      if (stopped) {
        // after a damaged line: a gap in the seqs, kept aside rather than read
        if (repair) {
          renameSync(file.path, `${file.path}.orphaned`);
          this.messages.push(`set aside ${file.path} (follows a damaged line) as ${file.path}.orphaned`);
        }
        continue;
      }
      let buf: Buffer;
      try {
        buf = readFileSync(file.path);
      } catch (err) {
        // a read-only reader can race a running server's retention
        if (this.readOnly && (err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      const seg: Segment = {
        firstSeq: file.firstSeq,
        firstPos: this.end,
        path: file.path,
        size: 0,
        fd: null,
        dirty: false,
        buf: this.readOnly ? buf : null,
      };
      const scan = scanHistorySegment(buf, (prefix, offset, length) => {
        if (prefix.seq <= this.lastSeq) return false;
        const p = this.end++;
        const prev = this.lastOf.get(prefix.resourceId);
        const id = prev === undefined ? prefix.resourceId : (this.idAt[prev - this.base] as string);
        this.seqAt.push(prefix.seq);
        this.idAt.push(id);
        this.prevAt.push(prev ?? -1);
        this.offAt.push(offset);
        this.lenAt.push(length);
        this.lsnAt?.push(prefix.lsn);
        this.lastOf.set(id, p);
        this.bytes += length;
        this.lastSeq = prefix.seq;
        return true;
      });
      this.written = this.end;
      seg.size = scan.end;
      if (scan.damage !== null) {
        stopped = true;
        if (repair) {
          truncateSync(file.path, scan.end);
          this.messages.push(`history ${file.path}: ${scan.damage}; truncated there`);
        }
      }
      // an empty segment still says which seqs came before it
      this.lastSeq = Math.max(this.lastSeq, file.firstSeq - 1);
      if (seg.size > 0) this.segments.push(seg);
      else if (repair) unlinkSync(file.path);
    }
    this.head = this.base = 0;
    this.nextSeq = this.lastSeq + 1;
    if (repair && this.messages.length > 0) syncDirSync(this.dir);
  }

  /** Drops loaded lines whose write the journal does not hold (it lost a damaged tail). */
  private cutAfter(lsn: number): void {
    const lsns = this.lsnAt;
    this.lsnAt = null;
    if (!lsns) return;
    let k = this.head;
    while (k < this.written && (lsns[k - this.base] as number) <= lsn) k++;
    if (k >= this.written) return;
    const seg = this.segmentOf(k);
    const at = this.offAt[k - this.base] as number;
    const later = this.segments.splice(this.segments.indexOf(seg) + 1);
    while (this.end > k) this.pop();
    if (this.readOnly) return;
    for (const s of later) unlinkSync(s.path);
    if (at === 0) {
      this.segments.pop();
      unlinkSync(seg.path);
    } else {
      truncateSync(seg.path, at);
      seg.size = at;
    }
    syncDirSync(this.dir);
    this.messages.push(`history: dropped versions beyond journal LSN ${lsn}`);
  }

  private closeSegment(seg: Segment): void {
    if (seg.fd === null) return;
    try {
      closeSync(seg.fd);
    } catch {
      // nothing to do: the descriptor is gone either way
    }
    seg.fd = null;
  }

  /** The segment to append the version at `p` to: the current one, or a new one when it is full. */
  private segmentForAppend(p: number): Segment {
    const cur = this.segments[this.segments.length - 1];
    if (cur && cur.size < segmentBytesFor(this.cap)) {
      if (cur.fd === null) cur.fd = openSync(cur.path, 'r+');
      return cur;
    }
    const seq = this.seqAt[p - this.base] as number;
    const path = join(this.dir, historySegmentName(seq));
    const seg: Segment = { firstSeq: seq, firstPos: p, path, size: 0, fd: null, dirty: true, buf: null };
    seg.fd = openSync(path, 'w+', 0o600);
    this.segments.push(seg);
    this.dirDirty = true;
    if (cur && !cur.dirty) this.closeSegment(cur);
    return seg;
  }

  /** Appends the lines of durable writes to the files; a failure leaves them queued (the journal has them). */
  private writeTail(): void {
    if (this.readOnly || this.closed) return;
    let n = 0;
    while (n < this.tailLsn.length && (this.tailLsn[n] as number) <= this.durableLsn) n++;
    let done = 0;
    try {
      const torn = this.torn;
      if (torn?.fd != null) ftruncateSync(torn.fd, torn.size);
      this.torn = null;
      while (done < n) {
        const first = this.written;
        const seg = this.segmentForAppend(first);
        const limit = segmentBytesFor(this.cap);
        let bytes = 0;
        let i = first;
        while (done + (i - first) < n && (i === first || seg.size + bytes < limit)) {
          bytes += this.lenAt[i - this.base] as number;
          i++;
        }
        const from = this.offAt[first - this.base] as number;
        const data = this.tailBuf.subarray(from, from + bytes);
        this.torn = seg;
        let at = 0;
        while (at < data.length) at += writeSync(seg.fd as number, data, at, data.length - at, seg.size + at);
        let off = seg.size;
        for (let p = first; p < i; p++) {
          this.offAt[p - this.base] = off;
          off += this.lenAt[p - this.base] as number;
        }
        seg.size += data.length;
        seg.dirty = true;
        this.torn = null;
        this.written = i;
        done += i - first;
      }
      this.lastError = null;
    } catch (err) {
      this.lastError = errorMessage(err);
    }
    if (done > 0) this.shiftTail(done);
  }

  /** Drops the first `count` waiting lines (now in a file) from the front of the tail buffer. */
  private shiftTail(count: number): void {
    this.tailLsn.splice(0, count);
    const shift = this.written < this.end ? (this.offAt[this.written - this.base] as number) : this.tailUsed;
    if (this.tailBuf.length > 2 * TAIL_START_BYTES && this.tailUsed - shift <= TAIL_START_BYTES / 2) {
      const smaller = Buffer.allocUnsafeSlow(TAIL_START_BYTES);
      this.tailBuf.copy(smaller, 0, shift, this.tailUsed);
      this.tailBuf = smaller;
    } else {
      this.tailBuf.copyWithin(0, shift, this.tailUsed);
    }
    this.tailUsed -= shift;
    for (let p = this.written; p < this.end; p++)
      this.offAt[p - this.base] = (this.offAt[p - this.base] as number) - shift;
  }

  private growTail(needed: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(needed, this.tailBuf.length * 2));
    this.tailBuf.copy(bigger, 0, 0, this.tailUsed);
    this.tailBuf = bigger;
  }

  /** Drops the oldest segments while the total is over the cap (never the one being appended to). */
  private enforceCap(): void {
    // what waits in memory goes to the files first, so that full segments can go
    this.writeTail();
    while (this.bytes > this.cap && this.segments.length > 1) {
      const seg = this.segments[0] as Segment;
      const next = this.segments[1] as Segment;
      const ids = new Set<string>();
      let freed = 0;
      for (let p = seg.firstPos; p < next.firstPos; p++) {
        const i = p - this.base;
        const id = this.idAt[i] as string;
        ids.add(id);
        if (this.lastOf.get(id) === p) this.lastOf.delete(id);
        freed += this.lenAt[i] as number;
      }
      try {
        // remembered before the versions go, so a crash cannot lose the mark
        this.markTruncated([...ids]);
        this.closeSegment(seg);
        unlinkSync(seg.path);
      } catch (err) {
        this.lastError = errorMessage(err);
        return;
      }
      this.dirDirty = true;
      this.segments.shift();
      this.head = next.firstPos;
      this.bytes -= freed;
      this.compact();
    }
  }

  private markTruncated(ids: readonly string[]): void {
    const fresh = ids.filter((id) => !this.truncated.has(id));
    if (fresh.length === 0) return;
    const fd = openSync(join(this.dir, TRUNCATED_FILE), 'a', 0o600);
    try {
      const data = Buffer.from(fresh.map((id) => `${JSON.stringify(id)}\n`).join(''), 'utf8');
      let at = 0;
      while (at < data.length) at += writeSync(fd, data, at, data.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    for (const id of fresh) this.truncated.add(id);
  }

  /** Lets go of the index entries retention dropped, once they are most of the arrays. */
  private compact(): void {
    const dead = this.head - this.base;
    if (dead < 65_536 || dead < (this.end - this.base) / 2) return;
    for (const a of [this.seqAt, this.idAt, this.prevAt, this.offAt, this.lenAt]) a.splice(0, dead);
    this.base = this.head;
  }
}
