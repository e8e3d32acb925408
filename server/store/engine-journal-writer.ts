/**
 * Appends group-commit batches to the current journal segment and rolls to a new segment when a
 * snapshot starts. Knows the durable size of every live segment, so that after a failed append
 * it can cut the file back to exactly what was acknowledged before writing again: a record
 * that was rejected must never resurface at the next start-up.
 */
import { join } from 'node:path';
import type { EngineIo } from './engine-io';
import type { LiveSegment } from './engine-recovery';
import { segmentName } from './journal';

export class JournalWriter {
  private fd: number | null = null;

  constructor(
    private readonly dir: string,
    private readonly io: EngineIo,
    /** live segments, oldest first; the last is the one appended to */
    readonly segments: LiveSegment[],
  ) {}

  get isOpen(): boolean {
    return this.fd !== null;
  }

  /** the segment being appended to, if any */
  get current(): LiveSegment | undefined {
    return this.segments[this.segments.length - 1];
  }

  /** durable bytes in all live segments */
  get bytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  /** durable bytes less side entries appended since start-up (what the snapshot threshold counts) */
  get statementBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size - (s.sideBytes ?? 0);
    return n;
  }

  /**
   * Opens the current segment for appending (creating `journal-<nextLsn>.log` if there is none,
   * or if the last one is empty but named for another LSN), cutting it back to its durable size.
   */
  async open(nextLsn: number): Promise<void> {
    if (this.fd !== null) return;
    let cur = this.current;
    if (cur && cur.size === 0 && cur.firstLsn !== nextLsn) {
      await this.io.unlink(cur.path).catch(() => undefined);
      this.segments.pop();
      cur = undefined;
    }
    const fresh = !cur;
    cur ??= { firstLsn: nextLsn, path: join(this.dir, segmentName(nextLsn)), size: 0 };
    const fd = await this.io.open(cur.path);
    try {
      await this.settle(fd, cur.size);
      if (fresh) await this.io.syncDir(this.dir);
    } catch (err) {
      await this.io.close(fd).catch(() => undefined);
      throw err;
    }
    if (fresh) this.segments.push(cur);
    this.fd = fd;
  }

  /** Truncates to the durable size and makes that stick before anything new is written. */
  private async settle(fd: number, size: number): Promise<void> {
    await this.io.truncate(fd, size);
    await this.io.fsync(fd);
  }

  /**
   * Writes one batch at the durable end of the current segment, then (optionally) fsyncs.
   * `sideBytes`: how much of it is side entries (about: counted in characters).
   */
  async append(data: Uint8Array, fsync: boolean, sideBytes = 0): Promise<void> {
    const cur = this.current;
    if (this.fd === null || !cur) throw new Error('journal is not open');
    await this.io.write(this.fd, data, cur.size);
    if (fsync) await this.io.fsync(this.fd);
    cur.size += data.length;
    cur.sideBytes = (cur.sideBytes ?? 0) + sideBytes;
  }

  /**
   * Starts a new segment whose first record will be `firstLsn`. The old segment is complete and
   * fsync'd (rolls happen between group commits); if the new file cannot be created the writer
   * keeps appending to the old one.
   */
  async roll(firstLsn: number): Promise<void> {
    const path = join(this.dir, segmentName(firstLsn));
    const fd = await this.io.open(path);
    try {
      await this.settle(fd, 0);
      await this.io.syncDir(this.dir);
    } catch (err) {
      await this.io.close(fd).catch(() => undefined);
      await this.io.unlink(path).catch(() => undefined);
      throw err;
    }
    const old = this.fd;
    this.fd = fd;
    this.segments.push({ firstLsn, path, size: 0 });
    if (old !== null) await this.io.close(old).catch(() => undefined);
  }

  /** Deletes the segments a snapshot at `lsn` covers (all but the current one start at or before it). */
  async dropThrough(lsn: number): Promise<void> {
    const cur = this.current;
    const drop = this.segments.filter((s) => s !== cur && s.firstLsn <= lsn);
    if (drop.length === 0) return;
    for (const s of drop) this.segments.splice(this.segments.indexOf(s), 1);
    for (const s of drop) await this.io.unlink(s.path).catch(() => undefined);
    await this.io.syncDir(this.dir).catch(() => undefined);
  }

  /** Forgets the fd after a failed append; the next open() cuts the file back and retries. */
  markBroken(): void {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) this.io.close(fd).catch(() => undefined);
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await this.io.close(fd);
  }
}
