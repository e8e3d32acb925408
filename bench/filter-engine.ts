/**
 * Micro-benchmark of the filter engine (not run by CI): parse + compile cost, an indexed
 * `userName eq` lookup and JSON scans on a sql.js database of N users, and the in-memory
 * evaluator. Usage: npx tsx bench/filter-engine.ts [N=100000]
 */
import initSqlJs from 'sql.js';
import { fold } from '../server/domain/fold';
import {
  compileFilter,
  evaluateFilter,
  FILTER_SQL_FUNCTIONS,
  parseFilter,
  type SqlTarget,
} from '../server/query';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../server/domain/schema';
import { MIGRATIONS } from '../server/store/schema';
import { migrationSql } from '../server/store/types';

const N = Number(process.argv[2] ?? 100_000);
const schemas = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];
const target: SqlTarget = {
  schemas,
  table: 'u',
  jsonColumn: 'u.resource',
  columns: {
    id: { expr: 'u.id' },
    username: { expr: 'u.user_name', foldedExpr: 'u.user_name_ci' },
    externalid: { expr: 'u.external_id' },
    'name.familyname': { expr: 'u.family_name' },
  },
};

function user(i: number): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `User${i}@Example.com`,
    name: { givenName: `Given${i}`, familyName: `Family${i % 1000}` },
    emails: [{ value: `user${i}@example.${i % 10 === 0 ? 'org' : 'com'}`, type: 'work', primary: true }],
    active: true,
    externalId: `ext-${i}`,
  };
}

/** Runs fn repeatedly for about `ms` and returns operations per second. */
function rate(fn: () => void, ms = 1000): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    n++;
  }
  return Math.round(n / ((performance.now() - start) / 1000));
}

const SQL = await initSqlJs();
const db = new SQL.Database();
for (const m of MIGRATIONS) db.exec(migrationSql(m));
for (const [name, fn] of Object.entries(FILTER_SQL_FUNCTIONS)) db.create_function(name, fn);
db.exec('BEGIN');
const ins = db.prepare(
  'INSERT INTO users (id, user_name, user_name_ci, external_id, given_name, family_name, resource, created, modified) VALUES (?,?,?,?,?,?,?,?,?)',
);
for (let i = 0; i < N; i++) {
  const r = user(i);
  ins.run([
    `id-${i}`,
    r['userName'] as string,
    fold(r['userName'] as string),
    `ext-${i}`,
    `Given${i}`,
    `Family${i % 1000}`,
    JSON.stringify(r),
    'x',
    'x',
  ]);
}
ins.free();
db.exec('COMMIT');

const lookup = 'userName eq "user77777@EXAMPLE.com"';
console.log(`users: ${N}`);
console.log(`parse + compile "${lookup}": ${rate(() => compileFilter(parseFilter(lookup), target))}/s`);
const c = compileFilter(parseFilter(lookup), target);
const stmt = db.prepare(`SELECT u.id FROM users u WHERE u.deleted = 0 AND (${c.sql})`);
console.log(
  `indexed lookup (prepared, compiled SQL): ${rate(() => {
    stmt.bind(c.params);
    while (stmt.step()) stmt.get();
    stmt.reset();
  })}/s`,
);
stmt.free();
for (const f of [
  'emails[type eq "work" and value ew "@example.org"]',
  'name.familyName eq "family7"',
  'name.givenName sw "given99"',
  'title pr',
]) {
  const q = compileFilter(parseFilter(f), target);
  const t0 = performance.now();
  const rows = db.exec(`SELECT count(*) FROM users u WHERE u.deleted = 0 AND (${q.sql})`, q.params);
  console.log(
    `scan ${f}: ${(performance.now() - t0).toFixed(0)} ms, ${String(rows[0]?.values[0]?.[0])} rows`,
  );
}
const ast = parseFilter('emails[type eq "work" and value co "@example"] and not (active eq false)');
const r = { ...user(1), id: 'id-1' };
console.log(`evaluateFilter on one user: ${rate(() => evaluateFilter(ast, r, schemas))}/s`);
db.close();
