/**
 * Where the built files are, in development and once packaged. A pure function of its inputs
 * so that the packaging tests (issue 5) can check every layout without Electron.
 *
 * Development (`electron .` after `electron-vite build`): the app path is the project root and
 * everything sits in `out/` and `node_modules/`.
 * Packaged (electron-builder): the app is `resources/app.asar`; Electron's fs reads inside the
 * archive, so the renderer and preload stay packed, but a `.wasm` that sql.js loads with a
 * path must be unpacked (`asarUnpack`), so it lives under `resources/app.asar.unpacked/`.
 */
import path from 'node:path';

export interface PathInputs {
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development, `…/resources/app.asar` packaged */
  appPath: string;
  /** process.resourcesPath */
  resourcesPath: string;
  /** the path module for the platform (tests pass path.win32 or path.posix) */
  pathImpl?: path.PlatformPath;
}

export interface AppPaths {
  /** the built console (index.html + assets) served on app://scimdesk/ */
  rendererDir: string;
  /** the bundled CommonJS preload */
  preloadPath: string;
  /** sql.js's WebAssembly binary */
  sqlWasmPath: string;
}

const WASM = ['node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'];

/** Resolves the renderer dir, preload and sql.js wasm for the current layout. */
export function resolveAppPaths(inputs: PathInputs): AppPaths {
  const p = inputs.pathImpl ?? path;
  const app = inputs.appPath;
  const rendererDir = p.join(app, 'out', 'renderer');
  const preloadPath = p.join(app, 'out', 'preload', 'index.cjs');
  if (!inputs.isPackaged) {
    return { rendererDir, preloadPath, sqlWasmPath: p.join(app, ...WASM) };
  }
  // `app.asar` → `app.asar.unpacked`; an unpacked app directory (asar: false) has no twin.
  const unpackedRoot =
    p.basename(app) === 'app.asar' ? p.join(inputs.resourcesPath, 'app.asar.unpacked') : app;
  return { rendererDir, preloadPath, sqlWasmPath: p.join(unpackedRoot, ...WASM) };
}
