/**
 * The journal's on-disk format and segment naming.
 *
 * A record is `[u32 payload length][u32 CRC-32 of payload][payload]`, little-endian, where the
 * payload is UTF-8 JSON `{"lsn":n,"s":[[sql,params|null],...]}`, with `"x":[...]` after it when the
 * write carried side entries (see engine-apply.ts and SideLog in types.ts). The length
 * lets a reader find the next record; the CRC tells a complete record from one torn by a crash
 * mid-append or damaged on disk. Records are appended with one write and one fsync per group
 * commit (docs/architecture.md "Durability with sql.js").
 *
 * Segments are files named by the LSN of their first record (`journal-000000000123.log`), so a
 * snapshot covering LSN X lets every segment that starts at or before X, other than the one
 * being appended to, be deleted without reading it.
 */
import * as zlib from 'node:zlib';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const RECORD_HEADER_BYTES = 8;
/** No record comes near this; a larger length field means a damaged header. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32Table(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE), from node:zlib where available (Node >= 20.15), else a table implementation. */
export const crc32: (data: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (d) => zlib.crc32(d) >>> 0 : crc32Table;

/** Frames one payload as a journal record. */
export function encodeRecord(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const frame = Buffer.allocUnsafe(RECORD_HEADER_BYTES + body.length);
  frame.writeUInt32LE(body.length, 0);
  frame.writeUInt32LE(crc32(body), 4);
  body.copy(frame, RECORD_HEADER_BYTES);
  return frame;
}

export interface RawRecord {
  /** byte offset of the record's header in the segment */
  start: number;
  /** byte offset just past the record */
  end: number;
  payload: string;
}

export interface ScanResult {
  records: RawRecord[];
  /** offset just past the last good record */
  end: number;
  /** why reading stopped before the end of the buffer, or null if it reached the end cleanly */
  damage: string | null;
}

/**
 * Splits a segment's bytes into records, stopping at the first torn or corrupt one: a header
 * cut short, a length that is zero, absurd or runs past the end, or a CRC mismatch.
 */
export function scanRecords(buf: Uint8Array): ScanResult {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: RawRecord[] = [];
  let at = 0;
  while (at < view.length) {
    const left = view.length - at;
    if (left < RECORD_HEADER_BYTES) return { records, end: at, damage: `torn header (${left} bytes)` };
    const len = view.readUInt32LE(at);
    const crc = view.readUInt32LE(at + 4);
    if (len === 0 || len > MAX_RECORD_BYTES) return { records, end: at, damage: `bad length ${len}` };
    if (len > left - RECORD_HEADER_BYTES) {
      return { records, end: at, damage: `torn record (${left - RECORD_HEADER_BYTES} of ${len} bytes)` };
    }
    const body = view.subarray(at + RECORD_HEADER_BYTES, at + RECORD_HEADER_BYTES + len);
    if (crc32(body) !== crc) return { records, end: at, damage: 'CRC mismatch' };
    const end = at + RECORD_HEADER_BYTES + len;
    records.push({ start: at, end, payload: body.toString('utf8') });
    at = end;
  }
  return { records, end: at, damage: null };
}

/** File name of a numbered segment: `<prefix>-<first number, 12 digits at least>.log`. */
export function numberedName(prefix: string, first: number): string {
  return `${prefix}-${String(first).padStart(12, '0')}.log`;
}

/** The numbered segments `<prefix>-<n>.log` in `dir`, by number (journal segments, history segments). */
export function listNumbered(dir: string, prefix: string): { first: number; path: string }[] {
  const re = new RegExp(`^${prefix}-(\\d{12,})\\.log$`);
  const out: { first: number; path: string }[] = [];
  for (const name of readdirSync(dir)) {
    const m = re.exec(name);
    if (m?.[1]) out.push({ first: Number(m[1]), path: join(dir, name) });
  }
  return out.sort((a, b) => a.first - b.first);
}

/** File name of the segment whose first record has this LSN. */
export function segmentName(firstLsn: number): string {
  return numberedName('journal', firstLsn);
}

export interface SegmentFile {
  firstLsn: number;
  path: string;
}

/** The journal segments in `dir`, in LSN order. */
export function listSegments(dir: string): SegmentFile[] {
  return listNumbered(dir, 'journal').map((f) => ({ firstLsn: f.first, path: f.path }));
}
