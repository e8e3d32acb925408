/**
 * Parser table (fixtures/filter-parse.json): each filter gives the AST shown or a 400
 * invalidFilter with exactly the message shown (position and what was expected); each PATCH
 * path (RFC 7644 §3.5.2) its parts or 400 invalidPath. Plus the length and depth limits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import {
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  parseAttrPath,
  parseFilter,
  parsePatchPath,
} from '../../server/query';

interface Case {
  filter?: string;
  patchPath?: string;
  attrPath?: string;
  strict?: boolean;
  ast?: unknown;
  result?: unknown;
  error?: string;
  scimType?: string;
}

const cases = JSON.parse(
  readFileSync(new URL('./fixtures/filter-parse.json', import.meta.url), 'utf8'),
) as Case[];

function caught(run: () => unknown): ScimError {
  try {
    run();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}

describe('parseFilter (RFC 7644 §3.4.2.2)', () => {
  for (const c of cases.filter((x) => x.filter !== undefined)) {
    const text = c.filter ?? '';
    it(`${JSON.stringify(text)}${c.strict ? ' (strict)' : ''}`, () => {
      const run = (): unknown => parseFilter(text, c.strict ? { unquotedValues: false } : {});
      if (c.error !== undefined) {
        const e = caught(run);
        expect(e.status).toBe(400);
        expect(e.scimType).toBe('invalidFilter');
        expect(e.detail).toBe(c.error);
      } else {
        expect(run()).toEqual(c.ast);
      }
    });
  }
});

describe('parsePatchPath (RFC 7644 §3.5.2) and parseAttrPath', () => {
  for (const c of cases.filter((x) => x.patchPath !== undefined || x.attrPath !== undefined)) {
    const patch = c.patchPath !== undefined;
    const text = c.patchPath ?? c.attrPath ?? '';
    it(`${patch ? 'path' : 'attrPath'} ${JSON.stringify(text)}`, () => {
      const run = (): unknown => (patch ? parsePatchPath(text) : parseAttrPath(text));
      if (c.error !== undefined) {
        const e = caught(run);
        expect(e.status).toBe(400);
        expect(e.scimType).toBe('invalidPath');
        expect(e.detail).toBe(c.error);
      } else {
        expect(run()).toEqual(c.result);
      }
    });
  }
});

describe('limits', () => {
  it(`accepts ${MAX_FILTER_DEPTH} levels of nesting and refuses one more`, () => {
    const nest = (n: number): string => `${'('.repeat(n)}a eq 1${')'.repeat(n)}`;
    expect(parseFilter(nest(MAX_FILTER_DEPTH))).toEqual({
      kind: 'compare',
      path: { attr: 'a' },
      op: 'eq',
      value: 1,
    });
    const e = caught(() => parseFilter(nest(MAX_FILTER_DEPTH + 1)));
    expect(e.scimType).toBe('invalidFilter');
    expect(e.detail).toBe(
      `Invalid filter: nesting deeper than ${MAX_FILTER_DEPTH} levels at character ${MAX_FILTER_DEPTH + 1}`,
    );
  });

  it('counts not (…) and […] as nesting too', () => {
    const deep = `${'not ('.repeat(MAX_FILTER_DEPTH)}emails[type eq "w"]${')'.repeat(MAX_FILTER_DEPTH)}`;
    expect(caught(() => parseFilter(deep)).detail).toMatch(/nesting deeper than 32 levels/);
  });

  it('refuses 100,000 opening parentheses without a stack overflow', () => {
    expect(caught(() => parseFilter('('.repeat(4000))).detail).toMatch(/nesting deeper/);
    expect(caught(() => parseFilter('('.repeat(100_000))).detail).toBe(
      `Invalid filter: longer than ${MAX_FILTER_LENGTH} characters`,
    );
  });

  it(`accepts ${MAX_FILTER_LENGTH} characters and refuses one more`, () => {
    const pad = (n: number): string => `userName eq "${'x'.repeat(n - 'userName eq ""'.length)}"`;
    expect(pad(MAX_FILTER_LENGTH)).toHaveLength(MAX_FILTER_LENGTH);
    expect(parseFilter(pad(MAX_FILTER_LENGTH)).kind).toBe('compare');
    expect(caught(() => parseFilter(pad(MAX_FILTER_LENGTH + 1))).scimType).toBe('invalidFilter');
  });

  it('parses a long flat chain of or-terms (Okta-sized lists) left to right', () => {
    const terms = Array.from({ length: 200 }, (_, i) => `a eq ${i}`);
    const ast = parseFilter(terms.join(' or '));
    let depth = 0;
    for (let f = ast; f.kind === 'or'; f = f.left) depth++;
    expect(depth).toBe(199);
  });
});
