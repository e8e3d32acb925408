/**
 * Builds the app (electron-vite build) when `out/` is missing or older than the sources: shared
 * by `npm start` (./start.ts) and `npm run serve` (./serve.ts), so a fresh clone's
 * `npm ci && npm run serve` serves a working console instead of "the console is not built".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isBuildStale } from './launch-plan';

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

/** Whether `root`'s build outputs are missing or older than its sources. */
export function needsBuild(root: string): boolean {
  const outputs = OUTPUTS.map((o) => mtime(path.join(root, o)));
  const source = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
  return isBuildStale(outputs, source);
}

/** Runs the build when needed; a failed build is reported and whatever is in out/ is used. */
export function buildIfStale(root: string): void {
  if (!needsBuild(root)) return;
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
