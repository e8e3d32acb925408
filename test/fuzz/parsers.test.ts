/**
 * Bad input at volume (issue 4: "hundreds of thousands of generated inputs in CI"), against the
 * pure functions every request goes through: the filter parser and SQL compiler (RFC 7644
 * §3.4.2.2), the PATCH path parser, and PATCH parse → apply → group plan (§3.5.2). Each input
 * either succeeds or fails with a ScimError 400 carrying the right scimType; any other exception
 * (TypeError, RangeError from a blown stack, a SQL-builder assertion) fails the property, and a
 * hang would time the test out. With FUZZ_SCALE=1 the properties below run 232,000 inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import {
  compileFilter,
  compileSort,
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  parseFilter,
  parsePatchPath,
} from '../../server/query';
import { applyPatch, parsePatchRequest, planGroupPatch } from '../../server/scim/patch';
import { GROUP_SCHEMA_ID, USER_SCHEMA_ID } from '../../server/domain/schema';
import { groupSchemas, userSchemas } from '../../server/scim/schemas-in-use';
import { groupsTarget, usersTarget } from '../../server/store/sql-targets';
import { ENT, attrPath, filterText, mutated, patchBody, patchPath, runs } from './arbitraries';

const USERS = usersTarget(userSchemas());
const GROUPS = groupsTarget(groupSchemas());
const USER_CTX = {
  schemas: userSchemas(),
  coreSchemaId: USER_SCHEMA_ID,
  readOnly: ['id', 'meta', 'groups', 'schemas'],
};
const GROUP_CTX = {
  schemas: groupSchemas(),
  coreSchemaId: GROUP_SCHEMA_ID,
  readOnly: ['id', 'meta', 'schemas'],
};

/** Counts inputs across the file, printed at the end for docs/reliability.md "Bad input". */
let total = 0;

/** fn's result, or the ScimError it threw if it is a 400 with one of `types`; anything else throws. */
function scim<T>(fn: () => T, ...types: string[]): T | ScimError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScimError && e.status === 400 && types.includes(e.scimType ?? '')) return e;
    throw e;
  }
}

/** Parse, then (if it parsed) compile against Users and Groups: invalidFilter is the only failure. */
function filterOutcome(text: string): void {
  total++;
  const ast = scim(() => parseFilter(text), 'invalidFilter');
  if (ast instanceof ScimError) return;
  scim(() => compileFilter(ast, USERS), 'invalidFilter');
  scim(() => compileFilter(ast, GROUPS), 'invalidFilter');
}

const USER = {
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@example.com', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  active: true,
  externalId: 'ext-1',
  [ENT]: { department: 'R&D', manager: { value: 'm1' } },
};
const GROUP = { displayName: 'Engineers', externalId: 'g-1' };

describe('filter parser and compiler', () => {
  it('arbitrary unicode text (≤ 300 chars)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), filterOutcome), {
      numRuns: runs(40_000),
    });
  });

  it('grammar-shaped filters', () => {
    fc.assert(fc.property(filterText, filterOutcome), { numRuns: runs(40_000) });
  });

  it('grammar-shaped filters with small edits', () => {
    fc.assert(fc.property(mutated(filterText), filterOutcome), { numRuns: runs(60_000) });
  });

  it('deep nesting and long input are refused cleanly, not by a stack overflow', () => {
    const nest = fc.tuple(
      fc.integer({ min: 1, max: 5_000 }),
      fc.constantFrom('(', 'not (', 'emails[', 'x[a eq 1 or ('),
    );
    fc.assert(
      fc.property(nest, ([depth, open]) => {
        const text = `${open.repeat(depth)}userName eq "x"${')'.repeat(depth)}`;
        const out = scim(() => parseFilter(text), 'invalidFilter');
        total++;
        if (depth > MAX_FILTER_DEPTH || text.length > MAX_FILTER_LENGTH)
          expect(out).toBeInstanceOf(ScimError);
      }),
      { numRuns: runs(2_000) },
    );
  });
});

describe('PATCH paths and sortBy', () => {
  it('PATCH paths: parts or 400 invalidPath (or invalidFilter inside a value filter)', () => {
    fc.assert(
      fc.property(
        fc.oneof(patchPath, mutated(patchPath), fc.string({ unit: 'binary', maxLength: 80 })),
        (p) => {
          total++;
          scim(() => parsePatchPath(p), 'invalidPath', 'invalidFilter');
        },
      ),
      { numRuns: runs(40_000) },
    );
  });

  it('sortBy: an ORDER BY or 400', () => {
    fc.assert(
      fc.property(fc.oneof(attrPath, mutated(attrPath)), (p) => {
        total++;
        scim(() => compileSort(p, USERS), 'invalidValue', 'invalidFilter', 'invalidPath');
        scim(() => compileSort(p, GROUPS), 'invalidValue', 'invalidFilter', 'invalidPath');
      }),
      { numRuns: runs(10_000) },
    );
  });
});

const PATCH_TYPES = [
  'invalidSyntax',
  'invalidPath',
  'invalidFilter',
  'invalidValue',
  'noTarget',
  'mutability',
  'tooMany',
];

describe('PATCH parse → apply → plan', () => {
  it('user PATCH bodies: a patched copy or 400, and the input is never modified', () => {
    fc.assert(
      fc.property(patchBody, (body) => {
        total++;
        const before = JSON.stringify(USER);
        const ops = scim(() => parsePatchRequest(body), ...PATCH_TYPES);
        if (!(ops instanceof ScimError)) scim(() => applyPatch(USER, ops, USER_CTX), ...PATCH_TYPES);
        expect(JSON.stringify(USER)).toBe(before);
      }),
      { numRuns: runs(25_000) },
    );
  });

  it('group PATCH bodies: a plan whose attribute steps apply, or 400', () => {
    fc.assert(
      fc.property(patchBody, (body) => {
        total++;
        const ops = scim(() => parsePatchRequest(body), ...PATCH_TYPES);
        if (ops instanceof ScimError) return;
        const plan = scim(() => planGroupPatch(ops), ...PATCH_TYPES);
        if (plan instanceof ScimError) return;
        let resource: Record<string, unknown> = GROUP;
        for (const step of plan) {
          if (step.kind !== 'attributes') continue;
          const out = scim(() => applyPatch(resource, step.ops, GROUP_CTX), ...PATCH_TYPES);
          if (out instanceof ScimError) return;
          resource = out.resource;
        }
      }),
      { numRuns: runs(15_000) },
    );
    console.log(`fuzz/parsers: ${total} generated inputs, none gave anything but success or a SCIM 400`);
  });
});
