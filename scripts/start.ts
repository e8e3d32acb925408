/**
 * `npm start`: build if `out/` is missing or older than the sources, then open the desktop
 * app; where Electron cannot run (no display, root on Linux, no binary obtainable), say why in
 * one line and run headless mode instead (server/cli.ts, which prints `SCIM base URL:` and
 * `Console: <url with the per-launch secret>`). Arguments after `--` go to headless mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLine, headlessNotice, hostReason, installedBinary, isBuildStale } from './launch-plan';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['electron', 'server', 'renderer', 'electron.vite.config.ts', 'package.json'];

function mtime(p: string): number | null {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return null;
  }
}

/** Newest mtime under `p` (bounded walk: skips node_modules and dot-directories). */
function newest(p: string, depth = 0): number {
  const st = mtime(p);
  if (st === null) return 0;
  if (depth > 8 || !statSync(p).isDirectory()) return st;
  let max = st;
  for (const name of readdirSync(p)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    max = Math.max(max, newest(path.join(p, name), depth + 1));
  }
  return max;
}

function buildIfStale(): void {
  const outputs = OUTPUTS.map((o) => mtime(path.join(root, o)));
  const source = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
  if (!isBuildStale(outputs, source)) return;
  console.log('ScimDesk: building (electron-vite build)…');
  const bin = path.join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
  );
  const r = spawnSync(bin, ['build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0)
    console.warn('ScimDesk: the build failed; continuing with whatever is already in out/.');
}

const readText = (f: string): string | null => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return null;
  }
};

/**
 * The Electron binary, downloading it on first launch as the electron package does — but with
 * its output captured, so a failure is reported in one line instead of a stack trace.
 */
function electronBinary(): { path: string } | { reason: string } {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' };
  }
  const found = installedBinary(pkgDir, readText, existsSync, path.join);
  if (found) return { path: found };
  process.stdout.write('ScimDesk: fetching the Electron binary (first launch)… ');
  const r = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const after = installedBinary(pkgDir, readText, existsSync, path.join);
  if (r.status === 0 && after) {
    console.log('done.');
    return { path: after };
  }
  const why = firstLine(`${r.stderr ?? ''}\n${r.stdout ?? ''}`);
  return { reason: `no Electron binary could be obtained (${why})` };
}

async function runHeadless(): Promise<void> {
  // server/cli.ts parses process.argv itself, so `npm start -- --port 0` reaches it.
  await import('../server/cli');
}

function runElectron(binary: string): void {
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  let failed = false;
  child.on('error', (err) => {
    failed = true;
    console.log(headlessNotice(`Electron failed to launch (${err.message})`));
    void runHeadless();
  });
  child.on('exit', (code, signal) => {
    if (!failed) process.exit(code ?? (signal ? 1 : 0));
  });
}

buildIfStale();
const hostWhy = hostReason({
  platform: process.platform,
  env: process.env,
  isRoot: process.getuid?.() === 0,
});
const binary = hostWhy === null ? electronBinary() : null;
if (binary && 'path' in binary) {
  runElectron(binary.path);
} else {
  const line = headlessNotice(
    hostWhy ?? (binary && 'reason' in binary ? binary.reason : 'Electron is unavailable'),
  );
  // After a failed fetch the cursor is still on the "fetching…" line: finish that one line.
  console.log(binary ? line.replace(/^ScimDesk: /, '') : line);
  await runHeadless();
}
