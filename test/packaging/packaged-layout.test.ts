/**
 * The packaged main process finds its renderer and the sql.js wasm without the repository layout
 * (issue 5): electron/paths.ts is exercised against real trees on disk, a development checkout and
 * installed apps with a real app.asar, and sql.js is instantiated from the resolved wasm.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppPaths } from '../../electron/paths';
import { readLikeElectron } from '../../scripts/package/asar-fs';
import { checkPackagedPaths } from '../../scripts/package/packaged-paths';
import { BUILT_FILES, writeBuiltTree, writePackagedResources } from './layout-fixture';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'scimdesk-layout-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function selectOne(loaderPath: string, wasmPath: string): Promise<unknown> {
  const initSqlJs = createRequire(import.meta.url)(loaderPath) as (c: {
    locateFile: () => string;
  }) => Promise<SqlJsStatic>;
  const SQL = await initSqlJs({ locateFile: () => wasmPath });
  const db = new SQL.Database();
  try {
    return db.exec('SELECT 1')[0]?.values[0]?.[0];
  } finally {
    db.close();
  }
}

describe('development layout (electron . from a checkout)', () => {
  it('resolves the renderer, preload and wasm inside the project, and sql.js loads the wasm', async () => {
    const root = join(tmp, 'checkout');
    await writeBuiltTree(root);
    const paths = resolveAppPaths({
      isPackaged: false,
      appPath: root,
      resourcesPath: join(tmp, 'no-such-dir'),
    });
    expect(await readFile(join(paths.rendererDir, 'index.html'), 'utf8')).toBe(
      BUILT_FILES['out/renderer/index.html'],
    );
    expect(existsSync(paths.preloadPath)).toBe(true);
    expect(paths.sqlWasmPath.startsWith(root)).toBe(true);
    expect(await selectOne(join(root, 'node_modules/sql.js/dist/sql-wasm.js'), paths.sqlWasmPath)).toBe(1);
  });
});

// Where process.resourcesPath is in an installed app on each platform (electron-builder layouts).
const INSTALLED = [
  { platform: 'linux (deb /opt, AppImage mount)', resources: 'opt/ScimDesk/resources' },
  { platform: 'macOS', resources: 'Applications/ScimDesk.app/Contents/Resources' },
  { platform: 'Windows (per-user NSIS)', resources: 'AppData/Local/Programs/ScimDesk/resources' },
];

describe.each(INSTALLED)('packaged layout: $platform', ({ resources }) => {
  it('finds renderer and preload inside app.asar and runs SELECT 1 on the unpacked wasm', async () => {
    const base = join(tmp, resources.replace(/\W+/g, '-'));
    const resourcesDir = join(base, resources);
    await writePackagedResources(join(base, 'stage'), resourcesDir, true);
    await rm(join(base, 'stage'), { recursive: true });

    const report = await checkPackagedPaths(resourcesDir, join(base, 'scratch'));
    expect(report.problems).toEqual([]);
    expect(report.wasmSource).toBe('disk');
    expect(report.sqliteVersion).toMatch(/^3\.\d+/);
    // The renderer is served from inside the archive: nothing of it exists as a plain file.
    expect(report.rendererDir.startsWith(join(resourcesDir, 'app.asar'))).toBe(true);
    expect(existsSync(join(report.rendererDir, 'index.html'))).toBe(false);
    expect((await readLikeElectron(join(report.rendererDir, 'index.html')))?.toString()).toBe(
      BUILT_FILES['out/renderer/index.html'],
    );
  });
});

describe('packaged layout without asarUnpack', () => {
  it('is caught: the wasm is not where the packaged main process looks', async () => {
    const base = join(tmp, 'not-unpacked');
    await writePackagedResources(join(base, 'stage'), join(base, 'resources'), false);
    const report = await checkPackagedPaths(join(base, 'resources'), join(base, 'scratch'));
    expect(report.problems).toEqual([
      expect.stringContaining('sql.js: the wasm is not where the packaged main process looks'),
    ]);
  });
});
