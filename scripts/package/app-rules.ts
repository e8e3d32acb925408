/**
 * What the packaged app (app.asar plus app.asar.unpacked) must and must not hold (issue 5): the
 * built output and the production dependency closure, nothing else. Pure functions over a file
 * listing so they can be tested table-driven without packing.
 */

/** One entry of a `package-lock.json` (lockfileVersion 2/3) `packages` map. */
export interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  link?: boolean;
}

/** Everything the rules look at, gathered from the packed app and the repository. */
export interface AppFacts {
  /** files in the archive, forward slashes, no leading slash; `unpacked` ones live next to it */
  files: { path: string; unpacked: boolean }[];
  /** package-lock.json `packages` */
  lock: Record<string, LockEntry>;
  /** packages the main bundles import at run time (bundle-refs.ts `externalPackages`) */
  mainExternals: string[];
  /** files out/renderer/index.html references, relative to out/renderer */
  rendererRefs: string[];
  /** `main` of the packaged package.json */
  main: string | undefined;
}

/** Files the packaged main process, preload and console cannot run without. */
export const REQUIRED_FILES = [
  'package.json',
  'out/main/index.js',
  'out/main/snapshot-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
] as const;

/** The only top-level entries the archive may have. */
const TOP_LEVEL = new Set(['package.json', 'out', 'node_modules']);

/** The only built-output directories (electron.vite.config.ts `outDir`s). */
const OUT_DIRS = new Set(['main', 'preload', 'renderer']);

/**
 * Of sql.js's ~30 MB, the Node wasm build's loader and binary, package.json (resolution via its
 * `exports`) and the MIT licence. Everything else (sql-asm*, *-debug*, worker.*, *-browser*,
 * *-inline*, the zips) is unused by the main process.
 */
export const SQLJS_ALLOWED = new Set(['package.json', 'LICENSE', 'dist/sql-wasm.js', 'dist/sql-wasm.wasm']);

/** The only file allowed outside the archive (electron-builder.yml `asarUnpack`). */
export const UNPACKED_ALLOWED = new Set(['node_modules/sql.js/dist/sql-wasm.wasm']);

/**
 * devDependencies that must never ship, named so a failure reads clearly (the lockfile rule below
 * catches any other dev package too): renderer libraries are bundled into out/renderer, the rest is
 * tooling. `electron` is the runtime itself, provided by the installer, not a module.
 */
export const NEVER_SHIPPED = [
  'electron',
  'electron-builder',
  'electron-vite',
  'react',
  'react-dom',
  'zustand',
  '@tanstack/react-virtual',
  'typescript',
  'vite',
  'vitest',
  'tsx',
  'eslint',
  'prettier',
  'playwright-core',
  'fast-check',
  'newman',
] as const;

/**
 * Packages the main bundle names but never loads once packaged, with the reason. A match here is
 * not required in the package (the check lists it as a note instead).
 */
export const DEV_ONLY_REFERENCES: Readonly<Record<string, string>> = {
  // server/store/engine-snapshotter.ts: tsx runs the snapshot worker from its .ts source under
  // vitest and `npm run serve`; a built app finds out/main/snapshot-worker.js beside index.js.
  tsx: 'only to run snapshot-worker.ts from source',
};

/**
 * The lockfile key of the package a path inside node_modules belongs to, e.g.
 * `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b`; null outside.
 */
export function packageKeyOf(file: string): string | null {
  const parts = file.split('/');
  const key: string[] = [];
  let i = 0;
  while (parts[i] === 'node_modules' && i + 1 < parts.length) {
    const name = parts[i + 1] ?? '';
    const scoped = name.startsWith('@');
    if (scoped && i + 2 >= parts.length) break;
    key.push('node_modules', scoped ? `${name}/${parts[i + 2] ?? ''}` : name);
    i += scoped ? 3 : 2;
  }
  return key.length ? key.join('/') : null;
}

/** The package name of a lockfile key (its last `node_modules/` segment). */
function nameOfKey(key: string): string {
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

function isSourceFile(file: string): boolean {
  return /\.(?:ts|tsx|mts|cts)$/.test(file);
}

/** Checks the packed app against the rules above; returns one message per problem. */
export function checkAppFiles(facts: AppFacts): string[] {
  const problems: string[] = [];
  const all = new Set(facts.files.map((f) => f.path));
  const has = (p: string) => all.has(p);

  for (const req of REQUIRED_FILES) if (!has(req)) problems.push(`missing ${req}`);
  if (!facts.files.some((f) => f.path.startsWith('out/renderer/assets/')))
    problems.push('missing out/renderer/assets/ (the bundled console)');
  if (!facts.main) problems.push('package.json has no "main"');
  else if (!has(facts.main.replace(/^\.\//, '')))
    problems.push(`package.json "main" ${facts.main} is not packaged`);
  for (const ref of facts.rendererRefs) {
    if (!has(`out/renderer/${ref}`)) problems.push(`out/renderer/index.html references ${ref}, not packaged`);
  }

  const presentPackages = new Set<string>();
  for (const { path, unpacked } of facts.files) {
    const top = path.split('/')[0] ?? '';
    if (!TOP_LEVEL.has(top)) {
      problems.push(`forbidden: ${path} (only package.json, out/ and node_modules/ belong in the app)`);
      continue;
    }
    if (unpacked && !UNPACKED_ALLOWED.has(path)) problems.push(`unexpectedly unpacked: ${path}`);
    if (top === 'out') {
      const dir = path.split('/')[1] ?? '';
      if (!OUT_DIRS.has(dir)) problems.push(`forbidden: ${path} (not electron-vite output)`);
      else if (path.endsWith('.map')) problems.push(`forbidden: ${path} (source maps embed the sources)`);
      else if (isSourceFile(path)) problems.push(`forbidden: ${path} (TypeScript source)`);
      continue;
    }
    if (isSourceFile(path)) problems.push(`forbidden: ${path} (TypeScript source or declarations)`);
    const key = packageKeyOf(path);
    if (!key) continue;
    presentPackages.add(key);
    if (nameOfKey(key) === 'sql.js') {
      const inner = path.slice(key.length + 1);
      if (!SQLJS_ALLOWED.has(inner)) problems.push(`forbidden: ${path} (unused sql.js build or file)`);
    }
  }

  for (const key of [...presentPackages].sort()) {
    const name = nameOfKey(key);
    const entry = facts.lock[key];
    if ((NEVER_SHIPPED as readonly string[]).includes(name))
      problems.push(`forbidden: ${key} (devDependency)`);
    else if (!entry) problems.push(`forbidden: ${key} (not in package-lock.json)`);
    else if (entry.dev) problems.push(`forbidden: ${key} (dev-only in package-lock.json)`);
  }
  for (const [key, entry] of Object.entries(facts.lock)) {
    if (!key.startsWith('node_modules/') || entry.dev || entry.devOptional || entry.optional || entry.link)
      continue;
    if (!presentPackages.has(key)) problems.push(`missing production dependency ${key}`);
    else if (!has(`${key}/package.json`)) problems.push(`missing ${key}/package.json`);
  }
  for (const pkg of facts.mainExternals) {
    if (pkg in DEV_ONLY_REFERENCES) continue;
    if (!presentPackages.has(`node_modules/${pkg}`))
      problems.push(`the main bundle imports ${pkg} but node_modules/${pkg} is not packaged`);
  }
  return problems;
}
