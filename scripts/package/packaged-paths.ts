import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { resolveAppPaths } from '../../electron/paths';
import { readLikeElectron, splitAsarPath } from './asar-fs';

/** What the packaged main process finds, and whether it works. */
export interface PackagedPathsReport {
  problems: string[];
  rendererDir: string;
  preloadPath: string;
  wasmPath: string;
  /** `archive` if the wasm is read through Electron's asar fs, `disk` if it is a plain file */
  wasmSource?: 'archive' | 'disk';
  /** `SELECT sqlite_version()` from the packaged loader + wasm */
  sqliteVersion?: string;
}

interface SqlJsPackageJson {
  main?: string;
  exports?: string | Record<string, string | Record<string, string>>;
}

/** The file Node (and so Electron's main process) loads for `import 'sql.js'`: `exports` "." → default. */
function entryOf(pkg: SqlJsPackageJson): string {
  const dot = typeof pkg.exports === 'object' ? pkg.exports['.'] : pkg.exports;
  const entry =
    typeof dot === 'string' ? dot : (dot?.['node'] ?? dot?.['require'] ?? dot?.['default'] ?? pkg.main);
  return (entry ?? 'index.js').replace(/^\.\//, '');
}

/**
 * Resolves the renderer, preload and sql.js wasm with `electron/paths.ts` for the packaged layout
 * of `resourcesDir` (what `process.resourcesPath` and `app.getAppPath()` are in the installed app),
 * reads each the way Electron's asar-aware fs would, then runs the packaged sql.js loader on the
 * packaged wasm, from the resolved path, and executes `SELECT 1`.
 * `scratchDir` receives the loader (plain Node cannot `require` from inside an archive).
 */
export async function checkPackagedPaths(
  resourcesDir: string,
  scratchDir: string,
): Promise<PackagedPathsReport> {
  const appPath = join(resourcesDir, 'app.asar');
  const paths = resolveAppPaths({ isPackaged: true, appPath, resourcesPath: resourcesDir });
  const report: PackagedPathsReport = {
    problems: [],
    rendererDir: paths.rendererDir,
    preloadPath: paths.preloadPath,
    wasmPath: paths.sqlWasmPath,
  };
  const problems = report.problems;
  if (!(await readLikeElectron(join(paths.rendererDir, 'index.html'))))
    problems.push(`renderer: ${paths.rendererDir}/index.html is not readable in the packaged app`);
  if (!(await readLikeElectron(paths.preloadPath)))
    problems.push(`preload: ${paths.preloadPath} is not readable`);

  const pkgRaw = await readLikeElectron(join(appPath, 'node_modules', 'sql.js', 'package.json'));
  if (!pkgRaw) {
    problems.push('sql.js: node_modules/sql.js/package.json is not packaged');
    return report;
  }
  const entry = entryOf(JSON.parse(pkgRaw.toString('utf8')) as SqlJsPackageJson);
  const loader = await readLikeElectron(join(appPath, 'node_modules', 'sql.js', entry));
  if (!loader) problems.push(`sql.js: its entry point ${entry} is not packaged`);
  const wasm = await readLikeElectron(paths.sqlWasmPath);
  if (!wasm)
    problems.push(`sql.js: the wasm is not where the packaged main process looks: ${paths.sqlWasmPath}`);
  if (!loader || !wasm) return report;

  const inArchive = splitAsarPath(paths.sqlWasmPath) !== null;
  report.wasmSource = inArchive ? 'archive' : 'disk';
  const dir = join(scratchDir, 'sql.js');
  await mkdir(join(dir, 'dist'), { recursive: true });
  await writeFile(join(dir, 'package.json'), '{"type":"commonjs"}\n');
  await writeFile(join(dir, entry), loader);
  let wasmFile = paths.sqlWasmPath;
  if (inArchive) {
    wasmFile = join(dir, 'dist', 'from-archive.wasm');
    await writeFile(wasmFile, wasm);
  }
  try {
    const initSqlJs = createRequire(import.meta.url)(join(dir, entry)) as (cfg: {
      locateFile: (file: string) => string;
    }) => Promise<SqlJsStatic>;
    const SQL = await initSqlJs({ locateFile: () => wasmFile });
    const db = new SQL.Database();
    const one = db.exec('SELECT 1')[0]?.values[0]?.[0];
    report.sqliteVersion = String(db.exec('SELECT sqlite_version()')[0]?.values[0]?.[0]);
    db.close();
    if (one !== 1) problems.push(`sql.js: SELECT 1 returned ${String(one)}`);
  } catch (err) {
    problems.push(`sql.js: loading the packaged build failed: ${(err as Error).message}`);
  }
  return report;
}
