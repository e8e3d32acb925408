/**
 * Property tests (fast-check) over the filter engine with hostile input: arbitrary text and
 * token soup either parses or fails with 400 invalidFilter, never anything else; generated
 * filters round-trip through the parser and give the same ids in SQL (real sql.js) and in
 * memory, or the same invalidFilter from both. Run counts are fixed, so the test is bounded.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import {
  compileFilter,
  evaluateFilter,
  parseFilter,
  parsePatchPath,
  type AttrPath,
  type CompValue,
  type Filter,
} from '../../server/query';
import {
  ENT,
  openFilterDb,
  TEN,
  USER_SCHEMAS,
  userResource,
  USERS,
  usersTarget,
  type FilterDb,
} from './filter-db';

let db: FilterDb;
beforeAll(async () => {
  db = await openFilterDb();
});
afterAll(async () => {
  await db.close();
});

/** Runs `fn`; a ScimError 400 with invalidFilter/invalidPath is fine, anything else fails. */
function scimOutcome<T>(fn: () => T, scimType = 'invalidFilter'): T | ScimError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScimError && e.status === 400 && e.scimType === scimType) return e;
    throw e;
  }
}

const TOKENS = [
  'userName',
  'emails',
  'name.givenName',
  `${ENT}:department`,
  'type',
  'value',
  'primary',
  'eq',
  'EQ',
  'ne',
  'co',
  'sw',
  'gt',
  'le',
  'pr',
  'and',
  'or',
  'not',
  'Not',
  '(',
  ')',
  '[',
  ']',
  '"x"',
  '"\\""',
  '"\\\\"',
  '"%_"',
  '1',
  '-0.5e3',
  '1e999',
  'true',
  'null',
  '.value',
  ' ',
  ' ',
  '"',
  '\\',
  "'",
  'urn:',
  ':',
  '.',
  '😀',
  '\u0000',
  '\t',
];

describe('parser robustness', () => {
  it('arbitrary unicode text: an AST or 400 invalidFilter', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        (s) => void scimOutcome(() => parseFilter(s)),
      ),
      {
        numRuns: 20_000,
      },
    );
  });

  it('token soup: an AST or 400 invalidFilter; PATCH paths: parts or 400 invalidPath', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(' '));
    const tight = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
    fc.assert(
      fc.property(fc.oneof(soup, tight), (s) => {
        const ast = scimOutcome(() => parseFilter(s));
        if (!(ast instanceof ScimError)) {
          // Whatever parses must compile or be refused cleanly, and run without SQL errors.
          const compiled = scimOutcome(() => compileFilter(ast, usersTarget));
          if (!(compiled instanceof ScimError)) {
            db.all(`SELECT u.id FROM users u WHERE u.deleted = 0 AND (${compiled.sql})`, compiled.params);
          }
        }
        scimOutcome(() => parsePatchPath(s), 'invalidPath');
      }),
      { numRuns: 20_000 },
    );
  });
});

/** Attributes the generator compares, with values that hit the data. */
const ATTRS: [AttrPath, CompValue[]][] = [
  [
    { attr: 'userName' },
    ['bjensen@example.com', 'JSMITH@example.com', 'ärger@x.com', 'percent%user', '%', '_', 'z'],
  ],
  [{ attr: 'displayName' }, ['Babs Jensen', '100% _wild_', 'ÄRGER', '😀']],
  [{ attr: 'title' }, ['Tour Guide', '', 'a']],
  [{ attr: 'name', sub: 'givenName' }, ['John', 'barbara']],
  [{ attr: 'name', sub: 'formatted' }, ['III']],
  [{ attr: 'externalId' }, ['701984', 'EXT-2', 701984]],
  [{ attr: 'emails', sub: 'value' }, ['bjensen@example.com', 'x.io', 'ZED@X.IO']],
  [{ attr: 'emails' }, ['john@example.org', '@']],
  [{ attr: 'emails', sub: 'type' }, ['work', 'HOME']],
  [{ attr: 'emails', sub: 'primary' }, [true, false]],
  [{ attr: 'active' }, [true, false, 'true', 'False']],
  [{ attr: 'meta', sub: 'created' }, ['2019-01-01T00:00:00Z', '2020-01-01T01:00:00+01:00']],
  [{ uri: ENT, attr: 'department' }, ['tour operations', 'TOUR']],
  [{ uri: ENT, attr: 'manager', sub: 'value' }, ['u2']],
  [{ uri: TEN, attr: 'level' }, [5, 7, 10, -1, 1e300]],
  [{ uri: TEN, attr: 'score' }, [2.5, -1000, 0]],
  [{ uri: TEN, attr: 'vip' }, [true, false]],
  [{ uri: TEN, attr: 'tags' }, ['red', 'BLUE']],
  [{ uri: TEN, attr: 'code' }, ['abc', 'AbC']],
  [{ attr: 'groups', sub: 'value' }, ['g1', 'g2']],
  [{ attr: 'userType' }, ['Employee', 5]],
  [{ attr: 'nickName' }, ['x']],
  [{ attr: 'x509Certificates', sub: 'value' }, ['TUlJQw==']],
  [{ attr: 'noSuchAttribute' }, ['x']],
];
const ELEMENT: [AttrPath, CompValue[]][] = [
  [{ attr: 'type' }, ['work', 'home', 'Work']],
  [{ attr: 'value' }, ['bjensen@example.com', 'x.io', '@']],
  [{ attr: 'primary' }, [true, false]],
  [{ attr: 'display' }, ['x']],
];
const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;

const anyValue: fc.Arbitrary<CompValue> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.integer({ min: -20, max: 20 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)),
  fc.boolean(),
  fc.constant(null),
);

function atom(table: [AttrPath, CompValue[]][]): fc.Arbitrary<Filter> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...table), fc.constantFrom(...OPS), fc.boolean(), anyValue)
      .chain(([[path, values], op, pick, other]) =>
        fc
          .constantFrom(...values)
          .map((v): Filter => ({ kind: 'compare', path, op, value: pick ? v : other })),
      ),
    fc.constantFrom(...table).map(([path]): Filter => ({ kind: 'present', path })),
  );
}

function tree(leaf: fc.Arbitrary<Filter>, depth: number): fc.Arbitrary<Filter> {
  const { f } = fc.letrec<{ f: Filter }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      leaf,
      fc.record({ kind: fc.constant('and' as const), left: tie('f'), right: tie('f') }),
      fc.record({ kind: fc.constant('or' as const), left: tie('f'), right: tie('f') }),
      fc.record({ kind: fc.constant('not' as const), filter: tie('f') }),
    ),
  }));
  return f;
}

const valuePath: fc.Arbitrary<Filter> = tree(atom(ELEMENT), 2).map((filter) => ({
  kind: 'valuePath',
  path: { attr: 'emails' },
  filter,
}));
const filters = tree(fc.oneof({ weight: 4, arbitrary: atom(ATTRS) }, { weight: 1, arbitrary: valuePath }), 4);

/** Filter text for an AST (the inverse of parseFilter). */
function text(f: Filter): string {
  const path = (p: AttrPath): string => `${p.uri ? `${p.uri}:` : ''}${p.attr}${p.sub ? `.${p.sub}` : ''}`;
  switch (f.kind) {
    case 'and':
    case 'or':
      return `(${text(f.left)} ${f.kind} ${text(f.right)})`;
    case 'not':
      return `not (${text(f.filter)})`;
    case 'present':
      return `${path(f.path)} pr`;
    case 'compare':
      return `${path(f.path)} ${f.op} ${JSON.stringify(f.value)}`;
    case 'valuePath':
      return `${path(f.path)}[${text(f.filter)}]`;
  }
}

describe('SQL and in-memory engines agree on generated filters', () => {
  const live = USERS.filter((u) => !u.deleted);
  it('same ids, or the same invalidFilter from both; text round-trips through the parser', () => {
    fc.assert(
      fc.property(filters, (f) => {
        const source = text(f);
        if (source.length > 4096) return;
        expect(parseFilter(source)).toEqual(f);
        const compiled = scimOutcome(() => compileFilter(f, usersTarget));
        const inMemory = scimOutcome(() =>
          live.filter((u) => evaluateFilter(f, userResource(u), USER_SCHEMAS)).map((u) => u.id),
        );
        if (compiled instanceof ScimError || inMemory instanceof ScimError) {
          expect(compiled).toBeInstanceOf(ScimError);
          expect(inMemory).toBeInstanceOf(ScimError);
          return;
        }
        const rows = db.all(
          `SELECT u.id FROM users u WHERE u.deleted = 0 AND (${compiled.sql}) ORDER BY u.seq`,
          compiled.params,
        );
        expect(rows.map((r) => r['id'])).toEqual(inMemory);
      }),
      { numRuns: 3_000 },
    );
  });
});
