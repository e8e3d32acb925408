/**
 * Loads sql.js (the `sql-wasm.js` build) and its wasm binary once per wasm path.
 *
 * Why the wasm build and this loader: packaging ships only `sql.js/dist/sql-wasm.js` and
 * `sql-wasm.wasm` (the asm.js and debug builds are several times slower and are left out), and
 * handing the binary over as `wasmBinary` avoids the loader's fetch()/locateFile guessing, which
 * differs between plain Node, tsx, worker threads and an Electron main bundle.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SqlJsStatic } from 'sql.js';

type InitSqlJs = (config?: { wasmBinary?: ArrayBuffer }) => Promise<SqlJsStatic>;

// Not named `require`: electron-vite's ESM output declares its own `require` shim in the same scope.
const requireHere = createRequire(import.meta.url);
const loaded = new Map<string, Promise<SqlJsStatic>>();

/** Default location of sql-wasm.wasm, resolved from the installed sql.js package. */
export function defaultWasmPath(): string {
  return requireHere.resolve('sql.js/dist/sql-wasm.wasm');
}

/** The sql.js module, initialised with the given (or default) wasm binary; cached per path. */
export function loadSqlJs(wasmPath: string = defaultWasmPath()): Promise<SqlJsStatic> {
  let p = loaded.get(wasmPath);
  if (!p) {
    const init = requireHere('sql.js/dist/sql-wasm.js') as InitSqlJs;
    const bytes = readFileSync(wasmPath);
    const binary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    p = init({ wasmBinary: binary });
    p.catch(() => loaded.delete(wasmPath));
    loaded.set(wasmPath, p);
  }
  return p;
}
