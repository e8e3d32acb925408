/**
 * The files resource history is kept in (docs/history.md "Where versions are kept"), in the
 * database directory beside the journal:
 *
 * - `history-<seq>.log`: segments of version lines, named by the seq of their first version.
 *   A line is `[lsn, seq, "resourceId", …row]` and a newline (./history-codec.ts). Lines are
 *   appended in seq order once their write is durable in the journal; a crash can leave the
 *   last line torn, which loading cuts off (the journal still holds that version).
 * - `history-truncated.log`: one JSON string per line, the ids of resources whose oldest
 *   versions retention dropped.
 *
 * Loading reads only a line's prefix (LSN, seq and resource id) to build the index; the rest
 * of a line is parsed when a version is read.
 */
import { existsSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { listNumbered, numberedName } from './journal';

export const TRUNCATED_FILE = 'history-truncated.log';

export function historySegmentName(firstSeq: number): string {
  return numberedName('history', firstSeq);
}

export interface HistorySegmentFile {
  firstSeq: number;
  path: string;
}

/** The history segments in `dir`, in seq order. */
export function listHistorySegments(dir: string): HistorySegmentFile[] {
  return listNumbered(dir, 'history').map((f) => ({ firstSeq: f.first, path: f.path }));
}

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** Reads a non-negative integer ending at a comma; returns [value, index after the comma] or null. */
function integerAt(buf: Buffer, at: number, end: number): [number, number] | null {
  let n = 0;
  let i = at;
  while (i < end && buf[i] !== COMMA) {
    const d = (buf[i] as number) - 0x30;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
    i++;
  }
  if (i === at || i >= end || !Number.isSafeInteger(n)) return null;
  return [n, i + 1];
}

export interface LinePrefix {
  lsn: number;
  seq: number;
  resourceId: string;
}

/** The LSN, seq and resource id of the line in buf[start, end) (end at its newline), or null if it is not one. */
export function linePrefix(buf: Buffer, start: number, end: number): LinePrefix | null {
  if (buf[start] !== OPEN || buf[end - 1] !== CLOSE) return null;
  const lsn = integerAt(buf, start + 1, end);
  if (!lsn) return null;
  const seq = integerAt(buf, lsn[1], end);
  if (!seq) return null;
  let i = seq[1];
  if (buf[i] !== QUOTE) return null;
  const open = i++;
  let escaped = false;
  while (i < end && buf[i] !== QUOTE) {
    if (buf[i] === BACKSLASH) {
      escaped = true;
      i++;
    }
    i++;
  }
  if (i >= end || buf[i + 1] !== COMMA) return null;
  let resourceId: string;
  try {
    resourceId = escaped
      ? (JSON.parse(buf.toString('utf8', open, i + 1)) as string)
      : buf.toString('utf8', open + 1, i);
  } catch {
    return null;
  }
  return { lsn: lsn[0], seq: seq[0], resourceId };
}

/**
 * Calls `line` for each complete line of a segment, in order, until one is not a version line
 * or `line` refuses it (returns false). Returns the offset just past the last line accepted and
 * why reading stopped early (null when it reached the end).
 */
export function scanHistorySegment(
  buf: Buffer,
  line: (prefix: LinePrefix, offset: number, length: number) => boolean,
): { end: number; damage: string | null } {
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(NEWLINE, at);
    if (nl < 0) return { end: at, damage: `torn line (${buf.length - at} bytes without a newline)` };
    const prefix = linePrefix(buf, at, nl);
    if (!prefix) return { end: at, damage: `unreadable line at byte ${at}` };
    if (!line(prefix, at, nl + 1 - at)) return { end: at, damage: `out-of-order line at byte ${at}` };
    at = nl + 1;
  }
  return { end: at, damage: null };
}

/** The resource ids in the truncated file (a torn last line is ignored). */
export function readTruncatedIds(dir: string): Set<string> {
  const path = join(dir, TRUNCATED_FILE);
  const ids = new Set<string>();
  if (!existsSync(path)) return ids;
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.pop(); // the text after the last newline: empty, or a torn line
  for (const text of lines) {
    try {
      const id = JSON.parse(text) as unknown;
      if (typeof id === 'string') ids.add(id);
    } catch {
      // a damaged line names nothing
    }
  }
  return ids;
}

/** Reads `length` bytes at `offset` of a file (positional reads, looping over short ones). */
export function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) throw new Error(`history file ended ${length - done} bytes early`);
    done += n;
  }
  return buf;
}
