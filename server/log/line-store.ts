/**
 * Where the request log keeps its entries' JSON lines: UTF-8 bytes in 1 MiB chunks outside V8's
 * heap, handed out in order and reused once every line in a chunk has been released. Lines are
 * released oldest first (the log drops its oldest entries), so a chunk empties as a whole and
 * memory stays at the lines kept plus a chunk or two.
 *
 * Why chunks: one Buffer per line (`Buffer.from`) put each line in an 8 KiB pool slab that is
 * freed only when V8 next collects the Buffer objects of every line in it. With the heavy bytes
 * outside the heap, those collections come late, and a 250,000-user bench run peaked 150–200 MiB
 * higher than with the lines as heap objects (docs/known-gaps.md). A chunk is reused at once.
 */

/** Bytes per chunk; a line longer than a quarter of it gets a buffer of its own. */
export const CHUNK_BYTES = 1 << 20;
/** Empty chunks kept for reuse; more than this go back to the allocator. */
const SPARE_CHUNKS = 2;

interface Chunk {
  buf: Buffer;
  /** bytes handed out */
  used: number;
  /** lines handed out and not yet released */
  live: number;
  /** a buffer of its own for one long line: never reused */
  single: boolean;
}

/** One stored line: where its bytes are. */
export interface StoredLine {
  chunk: Chunk;
  offset: number;
  length: number;
}

export class LineStore {
  private current: Chunk | null = null;
  private spare: Chunk[] = [];
  /** chunks ever allocated (not counting single-line buffers), for tests */
  chunksAllocated = 0;

  /** Stores a line; release it when it is no longer needed. */
  put(line: string): StoredLine {
    const length = Buffer.byteLength(line, 'utf8');
    if (length > CHUNK_BYTES / 4) {
      const chunk: Chunk = { buf: Buffer.from(line, 'utf8'), used: length, live: 1, single: true };
      return { chunk, offset: 0, length };
    }
    let chunk = this.current;
    if (!chunk || chunk.used + length > CHUNK_BYTES) {
      const previous = chunk;
      chunk = this.spare.pop() ?? this.allocate();
      this.current = chunk;
      // a full chunk whose lines were all released while it was current is free now
      if (previous && previous.live === 0) this.recycle(previous);
    }
    const offset = chunk.used;
    chunk.buf.write(line, offset, length, 'utf8');
    chunk.used += length;
    chunk.live += 1;
    return { chunk, offset, length };
  }

  /** The line's bytes, without a copy: valid until it is released. */
  bytes(line: StoredLine): Buffer {
    return line.chunk.buf.subarray(line.offset, line.offset + line.length);
  }

  read(line: StoredLine): string {
    return line.chunk.buf.toString('utf8', line.offset, line.offset + line.length);
  }

  /** The line will not be read again; its chunk is reused once all its lines are released. */
  release(line: StoredLine): void {
    const chunk = line.chunk;
    chunk.live -= 1;
    if (chunk.live === 0 && chunk !== this.current && !chunk.single) this.recycle(chunk);
  }

  /** Forgets every line (the log was cleared); chunks in use are left to the garbage collector. */
  clear(): void {
    this.current = null;
    this.spare = [];
  }

  /** Chunks held now (the current one and spares), for tests. */
  get chunksHeld(): number {
    return (this.current ? 1 : 0) + this.spare.length;
  }

  private allocate(): Chunk {
    this.chunksAllocated += 1;
    return { buf: Buffer.allocUnsafeSlow(CHUNK_BYTES), used: 0, live: 0, single: false };
  }

  private recycle(chunk: Chunk): void {
    if (this.spare.length >= SPARE_CHUNKS) return;
    chunk.used = 0;
    this.spare.push(chunk);
  }
}
