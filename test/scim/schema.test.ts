/**
 * Schema definitions (RFC 7643 §8.7.1 shapes), attribute resolution (case-insensitive names,
 * URN-qualified paths, RFC 7643 §2.1 / RFC 7644 §3.10) and type validation of bodies.
 */
import { describe, expect, it } from 'vitest';
import type { AttrPath } from '../../server/query';
import {
  attr,
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  normalizeDateTime,
  resolveAttribute,
  tenantExtensionSchema,
  USER_SCHEMA,
  type AttributeDef,
  type SchemaDef,
} from '../../server/domain/schema';
import { validateResourceTypes } from '../../server/scim/validate-types';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const TEN = 'urn:ietf:params:scim:schemas:extension:tenant:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const USER: SchemaDef[] = [
  USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  tenantExtensionSchema([
    attr('level', 'integer', 'Level'),
    attr('hired', 'dateTime', 'Hired'),
    attr('ratio', 'decimal', 'Ratio'),
  ]),
];

const names = (defs: readonly AttributeDef[] | undefined): string[] => (defs ?? []).map((a) => a.name);

function walk(
  defs: readonly AttributeDef[],
  visit: (a: AttributeDef, depth: number) => void,
  depth = 0,
): void {
  for (const a of defs) {
    visit(a, depth);
    if (a.subAttributes) walk(a.subAttributes, visit, depth + 1);
  }
}

describe('schema definitions', () => {
  it('core User has every attribute of RFC 7643 §4.1', () => {
    expect(USER_SCHEMA.id).toBe(CORE);
    expect(names(USER_SCHEMA.attributes)).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
    const byName = Object.fromEntries(USER_SCHEMA.attributes.map((a) => [a.name, a]));
    expect(names(byName['name']?.subAttributes)).toEqual([
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]);
    expect(byName['userName']).toMatchObject({
      required: true,
      caseExact: false,
      uniqueness: 'server',
      type: 'string',
    });
    expect(byName['password']).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(byName['groups']).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(byName['active']?.type).toBe('boolean');
    expect(names(byName['emails']?.subAttributes)).toEqual(['value', 'display', 'type', 'primary']);
    expect(byName['emails']?.subAttributes?.[2]?.canonicalValues).toEqual(['work', 'home', 'other']);
    expect(byName['photos']?.subAttributes?.[0]).toMatchObject({
      type: 'reference',
      referenceTypes: ['external'],
    });
    expect(byName['x509Certificates']?.subAttributes?.[0]?.type).toBe('binary');
  });

  it('enterprise User and Group follow RFC 7643 §4.3 and §4.2', () => {
    expect(ENTERPRISE_USER_SCHEMA.id).toBe(ENT);
    expect(names(ENTERPRISE_USER_SCHEMA.attributes)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
    expect(names(ENTERPRISE_USER_SCHEMA.attributes[5]?.subAttributes)).toEqual([
      'value',
      '$ref',
      'displayName',
    ]);
    expect(GROUP_SCHEMA.id).toBe('urn:ietf:params:scim:schemas:core:2.0:Group');
    expect(names(GROUP_SCHEMA.attributes)).toEqual(['displayName', 'members']);
    expect(names(GROUP_SCHEMA.attributes[1]?.subAttributes)).toEqual(['value', '$ref', 'display', 'type']);
  });

  it('the Netskope tenant extension starts empty and takes runtime attributes (docs/netskope.md §5.3)', () => {
    expect(tenantExtensionSchema()).toEqual({
      id: TEN,
      name: 'Custom Schema',
      description: 'Tenant custom user attributes',
      attributes: [],
    });
    expect(names(tenantExtensionSchema([attr('customKey', 'string', 'x')]).attributes)).toEqual([
      'customKey',
    ]);
  });

  it('every definition is complete, JSON-clean, and complex only at the top (RFC 7643 §2.3.8)', () => {
    for (const s of [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA]) {
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      walk([...s.attributes, ...COMMON_ATTRIBUTES], (a, depth) => {
        for (const k of [
          'name',
          'type',
          'multiValued',
          'description',
          'required',
          'caseExact',
          'mutability',
          'returned',
          'uniqueness',
        ]) {
          expect(a, `${a.name}.${k}`).toHaveProperty(k);
        }
        expect(a.description.length).toBeGreaterThan(0);
        expect(a.subAttributes !== undefined).toBe(a.type === 'complex');
        if (depth > 0) expect(a.type).not.toBe('complex');
      });
    }
  });
});

describe('resolveAttribute', () => {
  const table: [
    AttrPath,
    { name: string; parent?: string; schemaId: string; extension: boolean } | undefined,
  ][] = [
    [{ attr: 'userName' }, { name: 'userName', schemaId: CORE, extension: false }],
    [{ attr: 'USERNAME' }, { name: 'userName', schemaId: CORE, extension: false }],
    [
      { attr: 'NAME', sub: 'GIVENNAME' },
      { name: 'givenName', parent: 'name', schemaId: CORE, extension: false },
    ],
    [
      { uri: CORE, attr: 'userName' },
      { name: 'userName', schemaId: CORE, extension: false },
    ],
    [
      { uri: CORE.toUpperCase(), attr: 'emails', sub: 'value' },
      { name: 'value', parent: 'emails', schemaId: CORE, extension: false },
    ],
    [
      { uri: ENT, attr: 'department' },
      { name: 'department', schemaId: ENT, extension: true },
    ],
    [
      { uri: ENT.toLowerCase(), attr: 'Manager', sub: 'Value' },
      { name: 'value', parent: 'manager', schemaId: ENT, extension: true },
    ],
    [
      { uri: TEN, attr: 'level' },
      { name: 'level', schemaId: TEN, extension: true },
    ],
    [{ attr: 'id' }, { name: 'id', schemaId: CORE, extension: false }],
    [{ attr: 'externalId' }, { name: 'externalId', schemaId: CORE, extension: false }],
    [
      { attr: 'meta', sub: 'lastModified' },
      { name: 'lastModified', parent: 'meta', schemaId: CORE, extension: false },
    ],
    [{ attr: 'department' }, undefined],
    [{ uri: ENT, attr: 'id' }, undefined],
    [{ uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attr: 'User' }, undefined],
    [{ attr: 'userName', sub: 'x' }, undefined],
    [{ attr: 'name', sub: 'nope' }, undefined],
    [{ attr: 'nope' }, undefined],
    [{ uri: 'urn:nope', attr: 'userName' }, undefined],
  ];
  for (const [path, want] of table) {
    it(`${JSON.stringify(path)}`, () => {
      const hit = resolveAttribute(path, USER);
      if (!want) return void expect(hit).toBeUndefined();
      expect({
        name: hit?.def.name,
        ...(hit?.parent ? { parent: hit.parent.name } : {}),
        schemaId: hit?.schemaId,
        extension: hit?.extension,
      }).toEqual(want);
    });
  }
});

describe('validateResourceTypes', () => {
  it('accepts the full RFC 7643 §8.2 user with enterprise data, nulls and unknown attributes', () => {
    const body = {
      schemas: [CORE, ENT],
      id: '2819c223',
      externalId: '701984',
      userName: 'bjensen@example.com',
      name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
      displayName: 'Babs Jensen',
      profileUrl: 'https://login.example.com/bjensen',
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', primary: true }],
      phoneNumbers: [{ value: '555-555-5555', type: 'work' }],
      x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
      active: true,
      nickName: null,
      meta: {
        resourceType: 'User',
        created: '2010-01-23T04:56:22Z',
        lastModified: '2011-05-13T04:42:34Z',
        version: 'W/"a330bc54f0671c9"',
      },
      [ENT]: { employeeNumber: '701984', manager: { value: '26118915', displayName: 'John Smith' } },
      [TEN]: { level: 3, hired: '2020-01-01T00:00:00.123+02:00', ratio: 0.5 },
      [`${ENT}:department`]: 'Tour Operations',
      somethingCustom: { any: ['thing'] },
    };
    expect(validateResourceTypes(body, USER)).toBeNull();
    expect(
      validateResourceTypes({ displayName: 'x', members: [{ value: 'u1', display: 'a' }] }, [GROUP_SCHEMA]),
    ).toBeNull();
  });

  const bad: [string, Record<string, unknown>, string][] = [
    [
      'active as "yes"',
      { active: 'yes' },
      'Attribute "active" must be a boolean, true or false (RFC 7643 §2.3.2), got string "yes"',
    ],
    [
      'active as "True" (Microsoft)',
      { active: 'True' },
      'Attribute "active" must be a boolean, true or false (RFC 7643 §2.3.2), got string "True"',
    ],
    [
      'a string for complex name',
      { name: 'Barbara' },
      'Attribute "name" must be an object (RFC 7643 §2.3.8), got string "Barbara"',
    ],
    [
      'emails not an array',
      { emails: { value: 'a@b.c' } },
      'Attribute "emails" is multi-valued and must be an array, got an object',
    ],
    [
      'a null email',
      { emails: [{ value: 'a@b.c' }, null] },
      'Attribute "emails[1]" must be an object (RFC 7643 §2.3.8), got null',
    ],
    [
      'primary as a string',
      { emails: [{ value: 'a@b.c', primary: 'true' }] },
      'Attribute "emails[0].primary" must be a boolean, true or false (RFC 7643 §2.3.2), got string "true"',
    ],
    ['case-insensitive keys', { USERNAME: 5 }, 'Attribute "userName" must be a string, got number 5'],
    [
      'an extension that is not an object',
      { [ENT]: 'Eng' },
      `Extension "${ENT}" must be an object (RFC 7643 §3.3), got string "Eng"`,
    ],
    [
      'manager as a string',
      { [ENT]: { manager: 'boss' } },
      `Attribute "${ENT}:manager" must be an object (RFC 7643 §2.3.8), got string "boss"`,
    ],
    [
      'a URN-qualified key',
      { [`${ENT}:department`]: 5 },
      `Attribute "${ENT}:department" must be a string, got number 5`,
    ],
    [
      'an integer with a fraction',
      { [TEN]: { level: 1.5 } },
      `Attribute "${TEN}:level" must be an integer (RFC 7643 §2.3.4), got number 1.5`,
    ],
    [
      'a bad dateTime',
      { [TEN]: { hired: 'yesterday' } },
      `Attribute "${TEN}:hired" must be an xsd:dateTime string such as "2024-05-01T12:00:00Z" (RFC 7643 §2.3.5), got string "yesterday"`,
    ],
    [
      'a decimal as a string',
      { [TEN]: { ratio: '0.5' } },
      `Attribute "${TEN}:ratio" must be a number (RFC 7643 §2.3.3), got string "0.5"`,
    ],
    [
      'binary that is not base64',
      { x509Certificates: [{ value: 'not base64!' }] },
      'Attribute "x509Certificates[0].value" must be a base64-encoded string (RFC 7643 §2.3.6), got string "not base64!"',
    ],
    [
      'meta.created not a dateTime',
      { meta: { created: 'now' } },
      'Attribute "meta.created" must be an xsd:dateTime string such as "2024-05-01T12:00:00Z" (RFC 7643 §2.3.5), got string "now"',
    ],
    [
      'schemas not an array',
      { schemas: CORE },
      `Attribute "schemas" is multi-valued and must be an array, got string "${CORE.slice(0, 40)}…"`,
    ],
  ];
  for (const [what, body, detail] of bad) {
    it(`refuses ${what} with 400 invalidValue`, () => {
      const err = validateResourceTypes(body, USER);
      expect(err?.status).toBe(400);
      expect(err?.scimType).toBe('invalidValue');
      expect(err?.detail).toBe(detail);
    });
  }

  it('refuses a group member value that is not a string', () => {
    expect(validateResourceTypes({ members: [{ value: 5 }] }, [GROUP_SCHEMA])?.detail).toBe(
      'Attribute "members[0].value" must be a string, got number 5',
    );
  });
});

describe('normalizeDateTime (filters compare instants)', () => {
  const table: [string, string | null][] = [
    ['2015-10-10T14:38:21.8617979-07:00', '2015-10-10T21:38:21.862Z'],
    ['2011-05-13T04:42:34Z', '2011-05-13T04:42:34.000Z'],
    ['2011-05-13T04:42:34', '2011-05-13T04:42:34.000Z'],
    ['2011-05-13', '2011-05-13T00:00:00.000Z'],
    ['2019-12-31T23:59:59.9999Z', '2020-01-01T00:00:00.000Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2023-02-29T00:00:00Z', null],
    ['2023-13-01T00:00:00Z', null],
    ['2023-01-01T24:00:00Z', null],
    ['yesterday', null],
    ['12345', null],
    ['', null],
  ];
  for (const [text, want] of table) {
    it(`${JSON.stringify(text)} → ${String(want)}`, () => expect(normalizeDateTime(text)).toBe(want));
  }
});
