/**
 * The filter table (fixtures/filter-users.json, fixtures/filter-groups.json) run through both
 * engines on a real sql.js database: the SQL compiler (as the repositories run it, with
 * `deleted = 0`) and the in-memory evaluator must each return the expected ids, or both fail
 * with 400 invalidFilter.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import { compileFilter, evaluateFilter, parseFilter } from '../../server/query';
import {
  GROUP_SCHEMAS,
  GROUPS,
  groupResource,
  groupsTarget,
  openFilterDb,
  USER_SCHEMAS,
  userResource,
  USERS,
  usersTarget,
  type FilterDb,
} from './filter-db';

interface Case {
  filter: string;
  note?: string;
  users?: string[];
  groups?: string[];
  error?: string;
  sqlOnly?: boolean;
}

const load = (name: string): Case[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Case[];

function expectInvalidFilter(run: () => unknown, detail: string): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ScimError);
  const err = caught as ScimError;
  expect(err.status).toBe(400);
  expect(err.scimType).toBe('invalidFilter');
  expect(err.detail).toMatch(new RegExp(detail));
}

let db: FilterDb;
beforeAll(async () => {
  db = await openFilterDb();
});
afterAll(async () => {
  await db.close();
});

describe('user filters: SQL and in-memory engines agree', () => {
  const live = USERS.filter((u) => !u.deleted);
  for (const c of load('filter-users.json')) {
    it(`${c.filter}${c.note ? ` (${c.note})` : ''}`, () => {
      if (c.error !== undefined) {
        expectInvalidFilter(() => compileFilter(parseFilter(c.filter), usersTarget), c.error);
        if (c.sqlOnly) return;
        expectInvalidFilter(
          () => evaluateFilter(parseFilter(c.filter), { userName: 'x' }, USER_SCHEMAS),
          c.error,
        );
        return;
      }
      const ast = parseFilter(c.filter);
      const { sql, params } = compileFilter(ast, usersTarget);
      const rows = db.all(`SELECT u.id FROM users u WHERE u.deleted = 0 AND (${sql}) ORDER BY u.seq`, params);
      const inMemory = live
        .filter((u) => evaluateFilter(ast, userResource(u), USER_SCHEMAS))
        .map((u) => u.id);
      expect(rows.map((r) => r['id'])).toEqual(c.users);
      expect(inMemory).toEqual(c.users);
    });
  }
});

describe('group filters: members in their own table, SQL and in-memory agree', () => {
  for (const c of load('filter-groups.json')) {
    it(`${c.filter}${c.note ? ` (${c.note})` : ''}`, () => {
      if (c.error !== undefined) {
        expectInvalidFilter(() => compileFilter(parseFilter(c.filter), groupsTarget), c.error);
        return;
      }
      const ast = parseFilter(c.filter);
      const { sql, params } = compileFilter(ast, groupsTarget);
      const rows = db.all(
        `SELECT g.id FROM groups g WHERE g.deleted = 0 AND (${sql}) ORDER BY g.seq`,
        params,
      );
      const inMemory = GROUPS.filter((g) => evaluateFilter(ast, groupResource(g), GROUP_SCHEMAS)).map(
        (g) => g.id,
      );
      expect(rows.map((r) => r['id'])).toEqual(c.groups);
      expect(inMemory).toEqual(c.groups);
    });
  }
});

describe("unknownAttributes: 'json' reads undeclared attributes from the stored JSON in both engines", () => {
  const live = USERS.filter((u) => !u.deleted);
  const table: [string, string[]][] = [
    ['department eq "tour operations"', []],
    ['urn:example:ext:2.0:User:badge pr', []],
    ['name.nickname eq "x"', []],
    ['emails.kind pr', []],
    ['emails[kind eq "x"] or userName eq "zed"', ['u10']],
    ['ghost[kind eq "x"]', []],
    ['userName eq "zed" and not (ghost pr)', ['u10']],
  ];
  for (const [filter, ids] of table) {
    it(filter, () => {
      const ast = parseFilter(filter);
      const { sql, params } = compileFilter(ast, usersTarget, { unknownAttributes: 'json' });
      const rows = db.all(`SELECT u.id FROM users u WHERE u.deleted = 0 AND (${sql}) ORDER BY u.seq`, params);
      const inMemory = live
        .filter((u) => evaluateFilter(ast, userResource(u), USER_SCHEMAS, { unknownAttributes: 'json' }))
        .map((u) => u.id);
      expect(rows.map((r) => r['id'])).toEqual(ids);
      expect(inMemory).toEqual(ids);
    });
  }

  it('still refuses a sub-attribute of a simple attribute', () => {
    expectInvalidFilter(
      () => compileFilter(parseFilter('userName.x eq "a"'), usersTarget, { unknownAttributes: 'json' }),
      'is not complex',
    );
  });
});
