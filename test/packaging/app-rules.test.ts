/** scripts/package/app-rules.ts: what app.asar may and must hold, table-driven from app-rules.cases.json. */
import { describe, expect, it } from 'vitest';
import { checkAppFiles, packageKeyOf, type AppFacts, type LockEntry } from '../../scripts/package/app-rules';
import table from './app-rules.cases.json';

interface Case {
  name: string;
  add?: string[];
  remove?: string[];
  unpacked?: string[];
  lock?: Record<string, LockEntry>;
  mainExternals?: string[];
  main?: string;
  /** substrings, one per expected problem, in any order */
  problems: string[];
}

function factsFor(c: Case): AppFacts {
  const base = table.base;
  const paths = [...base.files, ...(c.add ?? [])].filter((p) => !(c.remove ?? []).includes(p));
  const unpacked = new Set(c.unpacked ?? base.unpacked);
  return {
    files: paths.map((path) => ({ path, unpacked: unpacked.has(path) })),
    lock: { ...(base.lock as Record<string, LockEntry>), ...(c.lock ?? {}) },
    mainExternals: c.mainExternals ?? base.mainExternals,
    rendererRefs: base.rendererRefs,
    main: c.main ?? base.main,
  };
}

describe('checkAppFiles', () => {
  it.each(table.cases as Case[])('$name', (c) => {
    const problems = checkAppFiles(factsFor(c));
    expect(problems).toHaveLength(c.problems.length);
    for (const want of c.problems) expect(problems).toContainEqual(expect.stringContaining(want));
  });
});

describe('packageKeyOf', () => {
  it.each([
    ['node_modules/express/lib/router.js', 'node_modules/express'],
    ['node_modules/@scope/pkg/index.js', 'node_modules/@scope/pkg'],
    ['node_modules/send/node_modules/ms/index.js', 'node_modules/send/node_modules/ms'],
    ['node_modules/a/node_modules/@s/b/lib/x.js', 'node_modules/a/node_modules/@s/b'],
    ['out/main/index.js', null],
    ['package.json', null],
  ])('%s → %s', (file, key) => {
    expect(packageKeyOf(file)).toBe(key);
  });
});
