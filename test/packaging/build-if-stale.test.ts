/**
 * `npm run serve` and `npm start` build the app first when out/ is missing or older than the
 * sources (scripts/build-if-stale.ts): a fresh clone has no out/, so it must build.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { needsBuild } from '../../scripts/build-if-stale';

const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

describe('needsBuild', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  // Directories count too (a deleted file changes its directory): date them with the file.
  const write = (file: string, at: number): void => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'x');
    const parts = file.split('/');
    for (let i = parts.length; i > 0; i--) utimesSync(join(root, ...parts.slice(0, i)), at, at);
  };

  it('a fresh clone (no out/) needs a build; fresh outputs do not; a newer source does again', () => {
    root = mkdtempSync(join(tmpdir(), 'scimdesk-build-'));
    write('server/app.ts', 1_000);
    write('renderer/src/main.tsx', 1_000);
    write('package.json', 1_000);
    expect(needsBuild(root)).toBe(true);
    for (const o of OUTPUTS.slice(0, 2)) write(o, 2_000);
    expect(needsBuild(root)).toBe(true); // the console page is still missing
    write(OUTPUTS[2] as string, 2_000);
    expect(needsBuild(root)).toBe(false);
    write('renderer/src/main.tsx', 3_000);
    expect(needsBuild(root)).toBe(true);
  });
});
