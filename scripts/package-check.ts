/**
 * `npm run package:check`: proves offline, on every CI run, that `npm run package` would ship the
 * right thing (issue 5). Needs `npm run build` first (the `test` script runs it).
 *
 *  1. icons: every size each target needs, generated from the current build/icon.svg;
 *  2. electron-builder packs linux-x64 `--dir` against a stub Electron (scripts/package/pack.ts),
 *     validating the whole configuration against its schema on the way; nothing may be downloaded;
 *  3. the effective configuration: targets, icons (as electron-builder resolves them), fuses, deb
 *     metadata, installer names in the docs;
 *  4. the fuses electron-builder flipped in the packaged executable;
 *  5. app.asar: required files present, forbidden ones absent, production dependencies complete;
 *  6. electron/paths.ts for the packaged layout finds the renderer, the preload and the sql.js
 *     wasm, and the packaged sql.js runs `SELECT 1` from there.
 *
 * Flags: `--keep` leaves the temporary pack directory in place and prints its path;
 * `--project DIR` checks another project directory (a fixture) instead of this repository.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkIcons, linuxIconPath } from './icons/check-icons';
import { LINUX_SIZES, MAC_ICON, WIN_ICON } from './icons/sizes';
import { checkAppFiles, DEV_ONLY_REFERENCES, type LockEntry } from './package/app-rules';
import { listArchiveFiles, readLikeElectron } from './package/asar-fs';
import { externalPackages, htmlLocalRefs } from './package/bundle-refs';
import { artifactNames, checkConfig, checkInstallDocs } from './package/config-rules';
import { checkFuseWire, readFuseWires } from './package/fuses';
import { packDir } from './package/pack';
import { checkPackagedPaths } from './package/packaged-paths';

const args = process.argv.slice(2);
const projectArg = args.indexOf('--project');
const root =
  projectArg >= 0 && args[projectArg + 1]
    ? resolve(args[projectArg + 1] ?? '.')
    : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = args.includes('--keep');

/** Collected problems per step, printed as a checklist at the end. */
const steps: { name: string; problems: string[]; notes: string[] }[] = [];
function step(name: string, problems: string[], notes: string[] = []): void {
  steps.push({ name, problems, notes });
}

async function text(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!(await stat(join(root, 'out', 'main', 'index.js')).catch(() => null))) {
    console.error('package:check needs the built app: run `npm run build` first.');
    return 1;
  }
  const yml = await text(join(root, 'electron-builder.yml'));
  step(
    'electron-builder.yml is the real-build config',
    /^\s*electronDist\s*:/m.test(yml)
      ? ['electronDist must not be set in electron-builder.yml (only package:check stubs it)']
      : [],
  );

  const iconProblems = await checkIcons(root);
  step('icons generated from build/icon.svg in every size', iconProblems);

  const workDir = await mkdtemp(join(tmpdir(), 'scimdesk-package-check-'));
  try {
    const packStart = Date.now();
    const pack = await packDir(root, workDir);
    const packMs = Date.now() - packStart;
    step(
      'electron-builder validated the config and packed linux-x64 --dir offline',
      pack.downloaded.map((f) => `downloaded ${f}`),
      [`pack took ${(packMs / 1000).toFixed(1)} s`],
    );

    const expectedIcons = {
      linux: LINUX_SIZES.map((size) => join(root, linuxIconPath(size))).sort(),
      mac: [join(root, MAC_ICON)],
      win: [join(root, WIN_ICON)],
    };
    step(
      'electron-builder takes the committed icons as they are (no conversion, no icon toolset)',
      (['linux', 'mac', 'win'] as const)
        .filter((p) => JSON.stringify([...pack.icons[p]].sort()) !== JSON.stringify(expectedIcons[p]))
        .map((p) => `${p}: electron-builder resolved ${pack.icons[p].join(', ') || 'nothing'}`),
    );

    const pkg = JSON.parse(await text(join(root, 'package.json'))) as { name: string };
    const names = artifactNames(pack.config, pkg.name);
    const docs = await text(join(root, 'docs', 'install.md'));
    step(
      'configuration: targets, icons, fuses, deb metadata, install docs',
      [...checkConfig(pack.config, pack.metadata), ...checkInstallDocs(docs, names)],
      [`npm run package builds: ${Object.values(names).join(', ')}`],
    );

    const binary = await readFile(pack.executable);
    const wires = readFuseWires(binary);
    step('fuses flipped in the packaged executable', checkFuseWire(binary), [
      Object.entries(wires[0] ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ]);

    const locales = await readdir(join(pack.appOutDir, 'locales')).catch(() => []);
    step(
      'unused Chromium locales dropped (electronLanguages)',
      locales.join(',') === 'en-US.pak' ? [] : [`locales left: ${locales.join(', ') || 'none'}`],
    );

    const archive = join(pack.resourcesDir, 'app.asar');
    const files = listArchiveFiles(archive);
    const read = async (rel: string) => (await readLikeElectron(join(archive, rel)))?.toString('utf8') ?? '';
    const packagedPkg = JSON.parse((await read('package.json')) || '{}') as { main?: string };
    const mainBundles = files.filter((f) => /^out\/main\/.+\.(?:c|m)?js$/.test(f.path));
    const externals = new Set<string>();
    for (const f of mainBundles) for (const p of externalPackages(await read(f.path))) externals.add(p);
    const lock = JSON.parse(await text(join(root, 'package-lock.json'))) as {
      packages: Record<string, LockEntry>;
    };
    const asarBytes = (await stat(archive)).size;
    step(
      'app.asar holds the built app and production dependencies only',
      checkAppFiles({
        files,
        lock: lock.packages,
        mainExternals: [...externals].sort(),
        rendererRefs: htmlLocalRefs(await read('out/renderer/index.html')),
        main: packagedPkg.main,
      }),
      [
        `${files.length} files, app.asar ${(asarBytes / 1e6).toFixed(1)} MB, unpacked: ${files
          .filter((f) => f.unpacked)
          .map((f) => f.path)
          .join(', ')}`,
        `main bundle imports from node_modules: ${[...externals]
          .sort()
          .map((p) => (DEV_ONLY_REFERENCES[p] ? `(${p}: ${DEV_ONLY_REFERENCES[p]})` : p))
          .join(', ')}`,
      ],
    );

    const paths = await checkPackagedPaths(pack.resourcesDir, join(workDir, 'scratch'));
    step('packaged main process finds renderer, preload and sql.js wasm; SELECT 1 runs', paths.problems, [
      `wasm: ${paths.wasmPath.slice(pack.resourcesDir.length + 1)} (${paths.wasmSource ?? 'not found'}), SQLite ${paths.sqliteVersion ?? '?'}`,
    ]);
  } finally {
    if (keep) console.log(`kept ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }

  let failed = 0;
  console.log('\npackage:check');
  for (const s of steps) {
    console.log(`${s.problems.length ? '✗' : '✓'} ${s.name}`);
    for (const n of s.notes) console.log(`    ${n}`);
    for (const p of s.problems) console.log(`    ✗ ${p}`);
    failed += s.problems.length;
  }
  console.log(
    `${failed ? `${failed} problem(s)` : 'all checks passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return failed ? 1 : 0;
}

// Exit explicitly: electron-builder's temp-file cleanup (async-exit-hook) ends the process on
// `beforeExit` with its own code, which would turn a failed check into exit status 0.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
