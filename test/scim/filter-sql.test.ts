/**
 * What the SQL side promises beyond the filter table: `userName eq` (Okta's pre-create lookup)
 * and the other mapped attributes use their indexes; `sw` on a folded column is an index range;
 * writes can forbid SQL functions; sortBy orders as RFC 7644 §3.4.2.3 says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import { compileFilter, compileSort, parseFilter } from '../../server/query';
import { ENT, groupsTarget, openFilterDb, TEN, usersTarget, type FilterDb } from './filter-db';

let db: FilterDb;
beforeAll(async () => {
  db = await openFilterDb();
});
afterAll(async () => {
  await db.close();
});

function plan(table: 'users' | 'groups', filter: string): string {
  const target = table === 'users' ? usersTarget : groupsTarget;
  const a = target.table;
  const { sql, params } = compileFilter(parseFilter(filter), target);
  const rows = db.all(
    `EXPLAIN QUERY PLAN SELECT ${a}.id FROM ${table} ${a} WHERE ${a}.deleted = 0 AND (${sql})`,
    params,
  );
  return rows.map((r) => String(r['detail'])).join('\n');
}

describe('index use (EXPLAIN QUERY PLAN)', () => {
  it('userName eq uses the partial unique index users_user_name_ci (with deleted = 0, as the repository adds)', () => {
    expect(plan('users', 'userName eq "Bjensen@Example.com"')).toMatch(
      /SEARCH u USING INDEX users_user_name_ci \(user_name_ci=\?\)/,
    );
  });

  it('userName sw is a range on the same index', () => {
    expect(plan('users', 'userName sw "bj"')).toMatch(
      /SEARCH u USING INDEX users_user_name_ci \(user_name_ci>\? AND user_name_ci<\?\)/,
    );
  });

  it('userName eq … or userName eq … still searches the index', () => {
    expect(plan('users', 'userName eq "a" or userName eq "b"')).toMatch(/users_user_name_ci/);
    expect(plan('users', 'userName eq "a" or userName eq "b"')).not.toMatch(/SCAN u\b/);
  });

  it('externalId eq and displayName eq use their indexes', () => {
    expect(plan('users', 'externalId eq "701984"')).toMatch(/USING INDEX users_external_id/);
    expect(plan('users', 'displayName eq "babs jensen"')).toMatch(/USING INDEX users_display_name_ci/);
  });

  it('Groups displayName eq (Okta group lookup) uses groups_display_name_ci', () => {
    expect(plan('groups', 'displayName eq "Admins"')).toMatch(/USING INDEX groups_display_name_ci/);
  });
});

describe('functions: false (journaled writes cannot call SQL functions)', () => {
  it('compiles mapped columns with folded twins and relation ids', () => {
    const f = compileFilter(parseFilter('userName eq "X" and id eq "u1"'), usersTarget, { functions: false });
    expect(f.sql).not.toMatch(/scim_/);
    const m = compileFilter(parseFilter('members[value eq "U1"]'), groupsTarget, { functions: false });
    expect(m).toEqual({ sql: expect.not.stringMatching(/scim_/) as unknown, params: ['u1'] });
  });

  it('refuses a caseExact=false JSON attribute with invalidFilter', () => {
    expect(() => compileFilter(parseFilter('title eq "x"'), usersTarget, { functions: false })).toThrow(
      /needs scim_fold/,
    );
  });
});

function sorted(sortBy: string, descending = false): string[] {
  const dir = descending ? 'DESC' : 'ASC';
  const rows = db.all(
    `SELECT u.id FROM users u WHERE u.deleted = 0 ORDER BY ${compileSort(sortBy, usersTarget)} ${dir}, u.seq ${dir}`,
  );
  return rows.map((r) => String(r['id']));
}

describe('compileSort (RFC 7644 §3.4.2.3)', () => {
  it('sorts userName folded (caseExact=false), by code point', () => {
    expect(sorted('userName')).toEqual(['u1', 'u7', 'u9', 'u2', 'u8', 'u4', 'u6', 'u5', 'u10', 'u3']);
    expect(sorted('USERNAME', true)).toEqual(['u3', 'u10', 'u5', 'u6', 'u4', 'u8', 'u2', 'u9', 'u7', 'u1']);
  });

  it('puts resources without a value last ascending and first descending', () => {
    expect(sorted('name.familyName')).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10']);
    expect(sorted('name.familyName', true)).toEqual([
      'u10',
      'u9',
      'u8',
      'u7',
      'u6',
      'u5',
      'u4',
      'u3',
      'u2',
      'u1',
    ]);
    expect(sorted('title')).toEqual(['u4', 'u1', 'u2', 'u3', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10']);
    expect(sorted('title', true)).toEqual(['u10', 'u9', 'u8', 'u7', 'u6', 'u5', 'u3', 'u2', 'u1', 'u4']);
  });

  it('sorts a multi-valued attribute by its primary value, else its first', () => {
    expect(sorted('emails')).toEqual(['u1', 'u7', 'u2', 'u5', 'u10', 'u3', 'u4', 'u6', 'u8', 'u9']);
    expect(sorted('emails.value')).toEqual(sorted('emails'));
    expect(sorted(`${TEN}:tags`)).toEqual(['u2', 'u7', 'u1', 'u3', 'u4', 'u5', 'u6', 'u8', 'u9', 'u10']);
  });

  it('sorts numbers numerically, dateTimes as instants, booleans false first', () => {
    expect(sorted(`${TEN}:level`).slice(0, 3)).toEqual(['u2', 'u5', 'u3']);
    expect(sorted(`${TEN}:hired`).slice(0, 2)).toEqual(['u2', 'u3']);
    expect(sorted(`${TEN}:vip`).slice(0, 2)).toEqual(['u3', 'u2']);
    expect(sorted('meta.created', true)).toEqual([
      'u10',
      'u9',
      'u8',
      'u7',
      'u6',
      'u5',
      'u4',
      'u3',
      'u2',
      'u1',
    ]);
    expect(sorted(`${ENT}:department`).slice(0, 2)).toEqual(['u1', 'u2']);
  });

  for (const [sortBy, detail] of [
    ['name', /is complex/],
    ['foo', /unknown attribute "foo"/],
    ['groups', /cannot sort by "groups"/],
    ['meta.version', /cannot sort by "meta.version"/],
    ['emails[type eq "work"]', /Invalid sortBy/],
    ['', /Invalid sortBy/],
  ] as const) {
    it(`refuses sortBy=${JSON.stringify(sortBy)} with 400 invalidValue`, () => {
      let error: unknown;
      try {
        compileSort(sortBy, usersTarget);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScimError);
      expect((error as ScimError).scimType).toBe('invalidValue');
      expect((error as ScimError).detail).toMatch(detail);
    });
  }
});
