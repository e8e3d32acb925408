/**
 * A real sql.js database for the filter tests: the project's schema (server/store/schema.ts),
 * a handful of users and groups with varied JSON, written to a temp dir and reopened from the
 * file. Also gives each row's in-memory resource, so the SQL engine and the in-memory engine
 * can be run on the same data.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { fold } from '../../server/domain/fold';
import { FILTER_SQL_FUNCTIONS, type SqlTarget } from '../../server/query';
import {
  attr,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  tenantExtensionSchema,
  USER_SCHEMA,
  type SchemaDef,
} from '../../server/domain/schema';
import { MIGRATIONS } from '../../server/store/schema';
import { migrationSql } from '../../server/store/types';
import type { SqlValue } from '../../server/store/types';

export const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const TEN = 'urn:ietf:params:scim:schemas:extension:tenant:2.0:User';

export const USER_SCHEMAS: SchemaDef[] = [
  USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  tenantExtensionSchema([
    attr('level', 'integer', 'Clearance level'),
    attr('score', 'decimal', 'Score'),
    attr('hired', 'dateTime', 'Hire date'),
    attr('vip', 'boolean', 'VIP'),
    attr('badge', 'binary', 'Badge photo'),
    attr('code', 'string', 'Case-exact code', { caseExact: true }),
    attr('tags', 'string', 'Tags', { multiValued: true }),
  ]),
];
export const GROUP_SCHEMAS: SchemaDef[] = [GROUP_SCHEMA];

type Json = Record<string, unknown>;

interface UserRow {
  id: string;
  created: string;
  deleted?: boolean;
  resource: Json;
}

/** The users; `resource` is stored as is (without id/meta), like the repository does. */
export const USERS: UserRow[] = [
  {
    id: 'u1',
    created: '2015-10-10T21:00:00.000Z',
    resource: {
      userName: 'bjensen@example.com',
      externalId: '701984',
      name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen, III' },
      displayName: 'Babs Jensen',
      userType: 'Employee',
      title: 'Tour Guide',
      active: true,
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      [ENT]: {
        employeeNumber: '701984',
        department: 'Tour Operations',
        manager: { value: 'u2', displayName: 'John Smith' },
      },
    },
  },
  {
    id: 'u2',
    created: '2016-01-01T00:00:00.000Z',
    resource: {
      userName: 'JSmith@Example.com',
      externalId: 'EXT-2',
      name: { givenName: 'John', familyName: 'Smith' },
      active: true,
      emails: [{ value: 'john@EXAMPLE.org', type: 'Work' }],
      [ENT]: { department: 'tour operations' },
      [TEN]: {
        level: 5,
        score: 2.5,
        hired: '2020-01-01T00:00:00Z',
        vip: true,
        code: 'AbC',
        tags: ['red', 'Blue'],
      },
    },
  },
  {
    id: 'u3',
    created: '2017-06-15T12:30:00.000Z',
    resource: {
      userName: 'Ärger@X.com',
      displayName: 'ÄRGER',
      name: { familyName: 'Ärger' },
      active: false,
      emails: [{ value: 'ärger@x.com', type: 'work', primary: true }],
      [TEN]: {
        level: 10,
        score: -1e3,
        hired: '2019-12-31T23:59:59.999-01:00',
        vip: false,
        code: 'abc',
        tags: [],
      },
    },
  },
  {
    id: 'u4',
    created: '2018-01-01T00:00:00.000Z',
    resource: { userName: 'percent%user', displayName: '100% _wild_', title: '', active: true, emails: [] },
  },
  {
    id: 'u5',
    created: '2019-01-01T00:00:00.000Z',
    resource: {
      userName: 'under_score',
      externalId: 'under_score',
      nickName: null,
      active: false,
      emails: [{ value: 'u@x.io' }],
      x509Certificates: [{ value: 'TUlJQw==' }],
      [TEN]: { badge: 'AAEC', level: 7 },
    },
  },
  {
    id: 'u6',
    created: '2020-01-01T00:00:00.000Z',
    resource: { userName: 'quote"back\\slash', displayName: 'He said "hi" \\o/', active: true },
  },
  {
    id: 'u7',
    created: '2021-01-01T00:00:00.000Z',
    resource: {
      userName: 'emoji😀user',
      displayName: '😀 smile',
      active: true,
      emails: [
        { value: 'e@x.io', type: 'home', primary: false },
        { value: 'e2@x.io', type: 'work', primary: true },
      ],
      [TEN]: { tags: ['Red'] },
    },
  },
  {
    id: 'u8',
    created: '2022-01-01T00:00:00.000Z',
    resource: {
      userName: 'nested',
      name: {},
      emails: [{}],
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
      roles: [{ value: 'admin' }],
      active: true,
    },
  },
  {
    // Wrong types, as a store without validation might hold: both engines must simply not match.
    id: 'u9',
    created: '2023-01-01T00:00:00.000Z',
    resource: {
      userName: 'hostile_types',
      displayName: 'hostile',
      userType: 5,
      title: ['a'],
      emails: 'notarray',
      name: 'str',
      active: true,
      nickName: { x: 1 },
    },
  },
  {
    id: 'u10',
    created: '2024-01-01T00:00:00.000Z',
    resource: {
      userName: 'zed',
      displayName: 'zed',
      active: true,
      emails: [{ value: 'ZED@x.io', type: 'work', primary: true }, 'loose string'],
    },
  },
  {
    id: 'u11',
    created: '2024-06-01T00:00:00.000Z',
    deleted: true,
    resource: { userName: 'deleted@example.com', displayName: 'Deleted', active: true },
  },
];

export const GROUPS: { id: string; displayName: string; members: string[] }[] = [
  { id: 'g1', displayName: 'Admins', members: ['u1', 'u2'] },
  { id: 'g2', displayName: 'Tour Guides', members: ['u1'] },
  { id: 'g3', displayName: 'Empty', members: [] },
];

/** The target the tests compile for; mirrors the repository's column layout. */
export const usersTarget: SqlTarget = {
  schemas: USER_SCHEMAS,
  table: 'u',
  jsonColumn: 'u.resource',
  columns: {
    id: { expr: 'u.id' },
    username: { expr: 'u.user_name', foldedExpr: 'u.user_name_ci' },
    externalid: { expr: 'u.external_id' },
    displayname: { expr: 'u.display_name', foldedExpr: 'u.display_name_ci' },
    'name.givenname': { expr: 'u.given_name' },
    'name.familyname': { expr: 'u.family_name' },
    active: { expr: 'u.active', type: 'boolean' },
    'meta.created': { expr: 'u.created', type: 'dateTime' },
    'meta.lastmodified': { expr: 'u.modified', type: 'dateTime' },
  },
  relations: {
    groups: {
      exists:
        'EXISTS (SELECT 1 FROM group_members ugm JOIN groups ug ON ug.seq = ugm.group_seq WHERE ugm.user_seq = u.seq AND ug.deleted = 0 AND (%s))',
      // ids are lower-case, so fold(id) = id: the id column doubles as its folded form.
      columns: {
        value: { expr: 'ug.id', foldedExpr: 'ug.id' },
        display: { expr: 'ug.display_name', foldedExpr: 'ug.display_name_ci' },
      },
    },
  },
};

export const groupsTarget: SqlTarget = {
  schemas: GROUP_SCHEMAS,
  table: 'g',
  jsonColumn: 'g.resource',
  columns: {
    id: { expr: 'g.id' },
    displayname: { expr: 'g.display_name', foldedExpr: 'g.display_name_ci' },
    externalid: { expr: 'g.external_id' },
  },
  relations: {
    members: {
      exists:
        'EXISTS (SELECT 1 FROM group_members gm JOIN users mu ON mu.seq = gm.user_seq WHERE gm.group_seq = g.seq AND (%s))',
      columns: {
        value: { expr: 'mu.id', foldedExpr: 'mu.id' },
        display: { expr: 'mu.user_name', foldedExpr: 'mu.user_name_ci' },
      },
    },
  },
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const folded = (v: unknown): string | null => (typeof v === 'string' ? fold(v) : null);

/** In-memory resources as the SCIM layer sees them (id and meta included; groups for users). */
export function userResource(u: UserRow): Json {
  const groups = GROUPS.filter((g) => g.members.includes(u.id)).map((g) => ({
    value: g.id,
    display: g.displayName,
  }));
  return {
    ...u.resource,
    id: u.id,
    meta: { resourceType: 'User', created: u.created, lastModified: u.created },
    ...(groups.length ? { groups } : {}),
  };
}

export function groupResource(g: (typeof GROUPS)[number]): Json {
  const members = g.members.map((id) => ({
    value: id,
    display: USERS.find((u) => u.id === id)?.resource['userName'],
  }));
  return { id: g.id, displayName: g.displayName, members, meta: { resourceType: 'Group' } };
}

export interface FilterDb {
  db: Database;
  dir: string;
  all(sql: string, params?: SqlValue[]): Record<string, SqlValue>[];
  close(): Promise<void>;
}

/** Builds the database, exports it to a temp dir and reopens it from the file. */
export async function openFilterDb(): Promise<FilterDb> {
  const SQL = await initSqlJs();
  const build = new SQL.Database();
  for (const m of MIGRATIONS) build.exec(migrationSql(m));
  for (const u of USERS) {
    const r = u.resource;
    const name = (typeof r['name'] === 'object' && r['name'] !== null ? r['name'] : {}) as Json;
    const emails = Array.isArray(r['emails']) ? (r['emails'] as Json[]) : [];
    const email = str(emails.find((e) => e && e['primary'] === true)?.['value'] ?? emails[0]?.['value']);
    build.run(
      `INSERT INTO users (id, user_name, user_name_ci, external_id, display_name, display_name_ci, given_name, family_name,
        email, email_ci, active, resource, created, modified, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [
        u.id,
        r['userName'] as string,
        fold(r['userName'] as string),
        str(r['externalId']),
        str(r['displayName']),
        folded(r['displayName']),
        str(name['givenName']),
        str(name['familyName']),
        email,
        folded(email),
        r['active'] === false ? 0 : 1,
        JSON.stringify(r),
        u.created,
        u.created,
        u.deleted ? 1 : 0,
      ],
    );
  }
  for (const g of GROUPS) {
    build.run(
      `INSERT INTO groups (id, display_name, display_name_ci, resource, member_count, created, modified) VALUES (?,?,?,?,?,?,?)`,
      [
        g.id,
        g.displayName,
        fold(g.displayName),
        JSON.stringify({ displayName: g.displayName }),
        g.members.length,
        'x',
        'x',
      ],
    );
    for (const m of g.members) {
      build.run(
        `INSERT INTO group_members (group_seq, user_seq, added) VALUES ((SELECT seq FROM groups WHERE id = ?), (SELECT seq FROM users WHERE id = ?), 'x')`,
        [g.id, m],
      );
    }
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scimdesk-filter-'));
  const file = path.join(dir, 'filter.db');
  await fs.writeFile(file, build.export());
  build.close();
  const db = new SQL.Database(await fs.readFile(file));
  for (const [name, fn] of Object.entries(FILTER_SQL_FUNCTIONS)) db.create_function(name, fn);
  return {
    db,
    dir,
    all(sql, params = []) {
      const stmt = db.prepare(sql);
      try {
        stmt.bind(params);
        const rows: Record<string, SqlValue>[] = [];
        while (stmt.step()) rows.push(stmt.getAsObject() as Record<string, SqlValue>);
        return rows;
      } finally {
        stmt.free();
      }
    },
    async close() {
      db.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
