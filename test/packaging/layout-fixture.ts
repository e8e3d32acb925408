/**
 * Builds the two layouts the app runs from, on disk, for the packaging tests: the development tree
 * (`electron .` after `electron-vite build`) and an installed app's resources directory with a real
 * app.asar (and app.asar.unpacked), made with @electron/asar as electron-builder does.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPackageWithOptions } from '@electron/asar';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The files of a built app that the layout tests look for, with recognisable contents. */
export const BUILT_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'scimdesk', main: 'out/main/index.js', type: 'module' }),
  'out/main/index.js': 'export {};\n',
  'out/main/snapshot-worker.js': 'export {};\n',
  'out/preload/index.cjs': "'use strict';\n",
  'out/renderer/index.html': '<!doctype html><script type="module" src="/assets/index-t.js"></script>\n',
  'out/renderer/assets/index-t.js': 'console.log("console");\n',
};

/** The sql.js files electron-builder.yml keeps, copied from the installed package. */
export const SQLJS_FILES = ['package.json', 'LICENSE', 'dist/sql-wasm.js', 'dist/sql-wasm.wasm'];

/** Writes the built tree (out/, package.json, the kept sql.js files) under `dir`. */
export async function writeBuiltTree(dir: string): Promise<void> {
  for (const [rel, content] of Object.entries(BUILT_FILES)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
  for (const rel of SQLJS_FILES) {
    const to = join(dir, 'node_modules', 'sql.js', rel);
    await mkdir(dirname(to), { recursive: true });
    await cp(join(repoRoot, 'node_modules', 'sql.js', rel), to);
  }
}

/**
 * Writes an installed app's resources directory: `resourcesDir/app.asar` from the built tree and,
 * when `unpackWasm`, the wasm in `app.asar.unpacked/` as electron-builder's `asarUnpack` does.
 */
export async function writePackagedResources(stageDir: string, resourcesDir: string, unpackWasm: boolean) {
  await writeBuiltTree(stageDir);
  await mkdir(resourcesDir, { recursive: true });
  await createPackageWithOptions(
    stageDir,
    join(resourcesDir, 'app.asar'),
    unpackWasm ? { unpack: '*.wasm' } : {},
  );
}
