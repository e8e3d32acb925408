/**
 * `npm run package:check` end to end on a fixture project whose electron-builder.yml has been
 * broken the ways issue 5 names (sql.js shipped whole, tests packed, a fuse left on): the check
 * must fail and say why, while the parts that are still right keep passing. CI runs the same
 * check on the real build (the `test` script), so this proves it is not vacuous.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './layout-fixture';

const run = promisify(execFile);

/** A built app's out/ whose main bundle imports the four runtime dependencies. */
const OUT: Record<string, string> = {
  'out/main/index.js': [
    'import express from "express";',
    'import initSqlJs from "sql.js";',
    'import { Command } from "commander";',
    'import { z } from "zod";',
    'import { app } from "electron";',
    'export { express, initSqlJs, Command, z, app };',
  ].join('\n'),
  'out/main/snapshot-worker.js':
    'import { parentPort } from "node:worker_threads";\nparentPort?.postMessage(1);\n',
  'out/preload/index.cjs': 'require("electron");\n',
  'out/renderer/index.html': '<!doctype html><script type="module" src="/assets/index-f.js"></script>\n',
  'out/renderer/assets/index-f.js': 'console.log(1);\n',
  'test/leak.test.ts': 'export {};\n',
};

let project: string;
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'scimdesk-pkgcheck-'));
  for (const f of ['package.json', 'package-lock.json', 'README.md', 'docs/install.md']) {
    await mkdir(join(project, f, '..'), { recursive: true });
    await cp(join(repoRoot, f), join(project, f));
  }
  await cp(join(repoRoot, 'build'), join(project, 'build'), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
  for (const [rel, content] of Object.entries(OUT)) {
    await mkdir(join(project, rel, '..'), { recursive: true });
    await writeFile(join(project, rel), content);
  }
  const yml = await readFile(join(repoRoot, 'electron-builder.yml'), 'utf8');
  const broken = yml
    .replace(/^\s*- '!\*\*\/node_modules\/sql\.js\/\*\*'\n/m, '')
    .replace(/^files:\n/m, 'files:\n  - test/**\n')
    .replace(/^(\s*)runAsNode: false$/m, '$1runAsNode: true');
  expect(broken).not.toBe(yml);
  await writeFile(join(project, 'electron-builder.yml'), broken);
});
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('package:check on a broken configuration', () => {
  it('fails, naming each problem, and still passes what is right', { timeout: 240_000 }, async () => {
    const script = join(repoRoot, 'scripts', 'package-check.ts');
    const result = await run(process.execPath, ['--import', 'tsx', script, '--project', project], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (err: { code?: number; stdout?: string }) => ({ code: err.code ?? -1, stdout: err.stdout ?? '' }),
    );
    const out = result.stdout;
    expect(result.code, out).toBe(1);
    expect(out).toContain('✓ electron-builder validated the config and packed linux-x64 --dir offline');
    expect(out).toContain('✓ icons generated from build/icon.svg in every size');
    expect(out).toContain('✓ packaged main process finds renderer, preload and sql.js wasm; SELECT 1 runs');
    expect(out).toContain('✗ electronFuses.runAsNode is true, must be false');
    expect(out).toContain('✗ fuse runAsNode is enabled in the packaged binary, must be disabled');
    expect(out).toContain('✗ forbidden: test/leak.test.ts');
    expect(out).toContain('✗ forbidden: node_modules/sql.js/dist/sql-asm.js (unused sql.js build or file)');
    expect(out).toContain(
      '✗ forbidden: node_modules/sql.js/dist/worker.sql-wasm.js (unused sql.js build or file)',
    );
  });
});
