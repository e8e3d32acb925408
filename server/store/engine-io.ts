/**
 * The few file operations the journal writer performs, behind an interface so tests can inject
 * faults (ENOSPC on write, EIO on fsync) without needing a full disk. Everything else the engine
 * reads or writes (snapshot load, recovery scan) uses node:fs directly.
 */
import * as fs from 'node:fs';

export interface EngineIo {
  /** Opens (creating if missing) a file for positional reads and writes; returns the fd. */
  open(path: string): Promise<number>;
  /** Writes all of `data` at `position` (looping over short writes). */
  write(fd: number, data: Uint8Array, position: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  truncate(fd: number, length: number): Promise<void>;
  close(fd: number): Promise<void>;
  /** fsyncs a directory, so that a created, renamed or removed entry survives a crash. */
  syncDir(dir: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

function call<T>(fn: (cb: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

/** For callbacks that carry only an error. */
function done(fn: (cb: (err: NodeJS.ErrnoException | null) => void) => void): Promise<undefined> {
  return new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve(undefined))));
}

/** Node's fs, used unless EngineOptions.io overrides some operations. */
export const nodeIo: EngineIo = {
  open: (path) => call<number>((cb) => fs.open(path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600, cb)),
  async write(fd, data, position) {
    let done = 0;
    while (done < data.length) {
      const n = await call<number>((cb) => fs.write(fd, data, done, data.length - done, position + done, cb));
      if (n <= 0) throw new Error(`short write: ${n} bytes`);
      done += n;
    }
  },
  fsync: (fd) => done((cb) => fs.fsync(fd, cb)),
  truncate: (fd, length) => done((cb) => fs.ftruncate(fd, length, cb)),
  close: (fd) => done((cb) => fs.close(fd, cb)),
  async syncDir(dir) {
    const fd = await call<number>((cb) => fs.open(dir, 'r', cb));
    try {
      await done((cb) => fs.fsync(fd, cb));
    } finally {
      await done((cb) => fs.close(fd, cb));
    }
  },
  unlink: (path) => done((cb) => fs.unlink(path, cb)),
};

/** Synchronous directory fsync, for the snapshot worker and start-up repair. */
export function syncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
