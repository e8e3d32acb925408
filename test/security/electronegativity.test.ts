/**
 * The Electronegativity gate (scripts/electronegativity.ts, run by `npm test`): SECURITY.md's
 * table of explained findings is read as intended, a finding is accepted only for a listed check
 * in a listed file, and anything else fails the gate. The tool itself runs in the npm script
 * (about 20 s, most of it its offline release lookup), not here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainedFindings, isExplained } from '../../scripts/electronegativity';

const security = readFileSync(new URL('../../SECURITY.md', import.meta.url), 'utf8');

describe('SECURITY.md explained findings', () => {
  const explained = explainedFindings(security);

  it('lists the findings with their files', () => {
    expect(explained.map((e) => e.id)).toEqual([
      'CSP_GLOBAL_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
      'AUXCLICK_JS_CHECK',
      'PRELOAD_JS_CHECK',
    ]);
    expect(explained.find((e) => e.id === 'OPEN_EXTERNAL_JS_CHECK')?.files).toEqual([
      'security.ts',
      'main/index.js',
    ]);
  });

  it.each([
    [{ id: 'CSP_GLOBAL_CHECK', file: 'N/A' }, true],
    [{ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/security.ts' }, true],
    [{ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/main/index.js' }, true],
    [{ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/window.ts' }, false],
    [{ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/not-security.ts' }, false],
    [{ id: 'NODE_INTEGRATION_JS_CHECK', file: 'electron/window.ts' }, false],
    [{ id: 'LIMIT_NAVIGATION_GLOBAL_CHECK', file: 'N/A' }, false],
  ])('%o explained: %s', (issue, expected) => {
    expect(isExplained(issue, explained)).toBe(expected);
  });

  it('ignores tables outside its section', () => {
    const md =
      '## Other\n| `EVAL_CHECK` | (global) | HIGH | no |\n## Electronegativity findings\n| Check |\n| `X_CHECK` | a.ts | LOW | fine |\n## After\n| `Y_CHECK` | (global) | HIGH | no |\n';
    expect(explainedFindings(md)).toEqual([{ id: 'X_CHECK', files: ['a.ts'] }]);
  });
});
