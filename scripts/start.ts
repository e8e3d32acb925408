/**
 * `npm start`: build if `out/` is missing or older than the sources, then open the desktop
 * app; where Electron cannot run (no display, root on Linux, no binary obtainable), say why in
 * one line and run headless mode instead (server/cli.ts, which prints `SCIM base URL:` and
 * `Console: <url with the per-launch secret>`). Arguments after `--` go to headless mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale';
import { firstLine, headlessNotice, hostReason, installedBinary } from './launch-plan';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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

buildIfStale(root);
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
