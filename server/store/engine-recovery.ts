/**
 * Rebuilds a database from the data directory: `snapshot.db` (if any) plus the journal records
 * after the LSN the snapshot covers. Used by the engine at start-up (with repair: a torn or
 * corrupt tail is cut off and later segments are set aside), by the engine after a failed
 * append (to return memory to the last durable state) and by the snapshot worker (read-only,
 * up to a given LSN).
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  truncateSync,
  unlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { StatementCache, applyStatements, parsePayload, tuneDatabase } from './engine-apply';
import { listSegments, scanRecords } from './journal';
import { syncDirSync } from './engine-io';

export const SNAPSHOT_FILE = 'snapshot.db';
export const SNAPSHOT_TMP = 'snapshot.tmp';
/** Table inside a snapshot recording the LSN it covers (written by the worker just before export). */
export const META_TABLE = '_engine_meta';

export interface LiveSegment {
  firstLsn: number;
  path: string;
  /** bytes of good records */
  size: number;
  /** of which side entries appended since start-up (segments read at start-up count none) */
  sideBytes?: number;
}

export interface LoadedState {
  db: Database;
  /** LSN of the last record applied (or the snapshot's LSN) */
  lsn: number;
  snapshotLsn: number;
  /** segments still needed after the snapshot, in order; the last one is appended to */
  segments: LiveSegment[];
  /** records replayed from the journal */
  replayed: number;
  /** side entries of the replayed records, when LoadOptions.sides asked for them */
  sides: { lsn: number; x: unknown[] }[];
  /** what was repaired, for the 'recovered' event */
  messages: string[];
}

export interface LoadOptions {
  /** stop (without complaint) after this LSN: records beyond it were never acknowledged */
  maxLsn?: number;
  /** truncate a damaged segment, set later ones aside and delete obsolete ones */
  repair: boolean;
  /** collect the side entries of the records replayed (SideLog in ./types.ts) */
  sides?: boolean;
}

/**
 * Room to grow, loaded with the snapshot (docs/architecture.md "Durability with sql.js"): the
 * larger of 8 MiB and an eighth of the snapshot.
 *
 * sql.js keeps the database in an in-memory file whose buffer grows by an eighth whenever a
 * write passes its end, copying the whole database into newly allocated memory each time. The
 * buffer handed to sql.js at load becomes that file's buffer (a Buffer is kept as a view, not
 * copied), so reading the snapshot into a larger, zeroed buffer gives the file room after its last
 * page: writes that extend the database fill it in place, and the first growth copy comes only
 * after that much growth. The room's pages are never touched until used, so they cost no resident
 * memory before. SQLite reads the database's size from its header, so the room is never part of
 * the database: exports and snapshots hold only its pages.
 */
export const GROWTH_HEADROOM_MIN = 8 * 1024 * 1024;
export const GROWTH_HEADROOM_FRACTION = 1 / 8;

/** The snapshot file's bytes followed by zeroed growth room (see GROWTH_HEADROOM_MIN). */
export function readWithHeadroom(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const room = Math.max(GROWTH_HEADROOM_MIN, Math.floor(size * GROWTH_HEADROOM_FRACTION));
    // A Node Buffer, not a plain Uint8Array: sql.js copies what it is given with slice(), which
    // for a Buffer is a view. The file keeps these bytes without a copy, and the room stays
    // untouched (not resident) until the database grows into it.
    const bytes = Buffer.alloc(size + room);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) throw new Error(`${path} ended after ${done} of ${size} bytes`);
      done += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function readSnapshotLsn(db: Database): number {
  const hasMeta = db.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${META_TABLE}'`);
  if (hasMeta.length === 0) return 0;
  const res = db.exec(`SELECT value FROM ${META_TABLE} WHERE key = 'lsn'`);
  return Number(res[0]?.values[0]?.[0] ?? 0);
}

/** Loads the snapshot and replays the journal; see LoadOptions. Synchronous by design. */
export function loadState(SQL: SqlJsStatic, dir: string, options: LoadOptions): LoadedState {
  const messages: string[] = [];
  const snapPath = join(dir, SNAPSHOT_FILE);
  let db: Database;
  let snapshotLsn = 0;
  if (existsSync(snapPath)) {
    db = new SQL.Database(readWithHeadroom(snapPath));
    try {
      snapshotLsn = readSnapshotLsn(db);
    } catch (err) {
      db.close();
      throw new Error(`${snapPath} is not a readable database: ${(err as Error).message}`);
    }
  } else {
    db = new SQL.Database();
  }
  tuneDatabase(db);

  const files = listSegments(dir);
  const segments: LiveSegment[] = [];
  const cache = new StatementCache(db);
  let lsn = snapshotLsn;
  let replayed = 0;
  const sides: LoadedState['sides'] = [];
  let stopped = false;
  let reachedMax = false;
  db.exec('BEGIN');
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i] as (typeof files)[number];
      const next = files[i + 1];
      if (reachedMax) break;
      if (stopped) {
        // Records after a damaged one cannot be applied (they would skip an LSN): keep them
        // aside for inspection rather than replaying a history with a hole in it.
        if (options.repair) {
          renameSync(file.path, `${file.path}.orphaned`);
          messages.push(`set aside ${file.path} (follows a damaged record) as ${file.path}.orphaned`);
        }
        continue;
      }
      if (next && next.firstLsn <= snapshotLsn + 1) {
        // Every record here is covered by the snapshot: left over from a crash between the
        // snapshot's rename and the deletion of the segments it covers.
        if (options.repair) unlinkSync(file.path);
        continue;
      }
      const scan = scanRecords(readFileSync(file.path));
      let damage = scan.damage;
      let good = scan.end;
      for (const raw of scan.records) {
        let rec;
        try {
          rec = parsePayload(raw.payload);
        } catch (err) {
          damage = `unreadable payload at offset ${raw.start}: ${(err as Error).message}`;
          good = raw.start;
          break;
        }
        if (options.maxLsn !== undefined && rec.lsn > options.maxLsn) {
          reachedMax = true;
          damage = null;
          good = raw.start;
          break;
        }
        if (rec.lsn <= lsn) continue;
        if (rec.lsn !== lsn + 1) {
          damage = `record at offset ${raw.start} has LSN ${rec.lsn}, expected ${lsn + 1}`;
          good = raw.start;
          break;
        }
        try {
          applyStatements(cache, rec.s);
        } catch (err) {
          // Records only hold statements that succeeded once on the same state; a failure here
          // means the files do not belong together. Refuse to guess.
          throw new Error(`replay of LSN ${rec.lsn} in ${file.path} failed: ${(err as Error).message}`);
        }
        lsn = rec.lsn;
        replayed++;
        if (options.sides && rec.x?.length) sides.push({ lsn, x: rec.x });
      }
      if (damage !== null) {
        stopped = true;
        if (options.repair) {
          truncateSync(file.path, good);
          messages.push(
            `journal ${file.path}: ${damage} at byte ${good}; truncated there, recovered to LSN ${lsn}`,
          );
        }
      }
      if (good === 0 && damage !== null && options.repair) {
        unlinkSync(file.path);
      } else {
        segments.push({ firstLsn: file.firstLsn, path: file.path, size: good });
      }
    }
    db.exec('COMMIT');
  } catch (err) {
    cache.clear();
    db.close();
    throw err;
  }
  cache.clear();
  if (options.repair && messages.length > 0) syncDirSync(dir);
  return { db, lsn, snapshotLsn, segments, replayed, sides, messages };
}
