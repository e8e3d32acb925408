/**
 * fast-check generators shaped like what SCIM clients send (RFC 7644 §3.4.2.2 filter grammar,
 * §3.5.2 PATCH paths and bodies), with mutation on top so the inputs sit near the grammar's
 * edges, where parsers break, rather than in random noise the lexer rejects at once.
 * Every generator is size-bounded: the properties check "no hang" by finishing.
 */
import fc from 'fast-check';

export const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Run counts scale with FUZZ_SCALE (default 1), e.g. FUZZ_SCALE=10 for a long local run. */
export function runs(n: number): number {
  const scale = Number(process.env['FUZZ_SCALE'] ?? 1);
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Attribute paths: real ones in odd case, sub-attributes, URNs, and nonsense. */
export const attrPath = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'userName',
      'USERNAME',
      'name.givenName',
      'name.familyname',
      'emails',
      'emails.value',
      'emails.type',
      'emails.primary',
      'active',
      'externalId',
      'id',
      'meta.lastModified',
      'meta.created',
      'displayName',
      'members',
      'members.value',
      'members.display',
      'groups',
      'title',
      'phoneNumbers.value',
      `${ENT}:department`,
      `${ENT}:manager.value`,
      `${ENT}:employeeNumber`,
      'urn:ietf:params:scim:schemas:core:2.0:User:userName',
      'urn:x:unknown:attr',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z$][\w$-]{0,12}(\.[A-Za-z][\w-]{0,8})?$/) },
);

const compOp = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Gt', 'eQ');

/** Comparison values: JSON strings (with escapes), numbers, booleans, null, and malformed ones. */
export const compValue = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 16 }).map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.constantFrom('true', 'false', 'null', 'True', '"2024-01-01T00:00:00Z"') },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true })).map((n) => JSON.stringify(n)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('1e999', '-0', '0x10', '"unterminated', "'single'", '"\\u12"', '"\\q"'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Grammar-shaped filters (attrExp, logExp, not, parentheses, valuePath), bounded depth. */
export const filterText: fc.Arbitrary<string> = fc.letrec<{ filter: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    fc.tuple(attrPath, compOp, compValue).map(([a, o, v]) => `${a} ${o} ${v}`),
    attrPath.map((a) => `${a} pr`),
  ),
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('atom'),
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND', 'Or'), tie('filter'))
      .map(([a, o, b]) => `${a} ${o} ${b}`),
    tie('filter').map((f) => `not (${f})`),
    tie('filter').map((f) => `(${f})`),
    fc
      .tuple(
        attrPath,
        tie('filter'),
        fc.option(fc.constantFrom('value', 'type', 'primary'), { nil: undefined }),
      )
      .map(([a, f, sub]) => `${a}[${f}]${sub ? `.${sub}` : ''}`),
  ),
})).filter;

/** Small edits: delete, insert (any unicode, control characters included), duplicate, cut. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.record({
    kind: fc.constantFrom('delete', 'insert', 'duplicate', 'cut'),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 6 }),
    text: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
      fc.constantFrom('(', ')', '[', ']', '"', '\\', ' and ', ' not ', '.', ':', ' pr', ' eq '),
    ),
  });
  return fc.tuple(base, fc.array(edit, { maxLength: 3 })).map(([text, edits]) => {
    let s = text;
    for (const e of edits) {
      const at = s.length ? e.at % (s.length + 1) : 0;
      if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.len);
      else if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
      else if (e.kind === 'duplicate') s = s.slice(0, at + e.len) + s.slice(at);
      else s = s.slice(0, at);
    }
    return s;
  });
}

/** PATCH paths: attribute paths, value-filtered paths, extension URNs, and their mutations. */
export const patchPath = fc.oneof(
  { weight: 4, arbitrary: attrPath },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom('emails', 'members', 'phoneNumbers', 'addresses', 'x'),
        filterText,
        fc.option(attrPath),
      )
      .map(([a, f, sub]) => `${a}[${f}]${sub ? `.${sub.split('.')[0] ?? ''}` : ''}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(ENT, `${ENT}:manager`, '', ' ', 'members[value eq "x"]') },
  { weight: 2, arbitrary: mutated(attrPath) },
);

const opName = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('add', 'remove', 'replace', 'Add', 'Replace', 'REMOVE') },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constantFrom('move', 'copy', 'test', ''), fc.jsonValue({ maxDepth: 1 })),
  },
);

/** Values Okta, Entra and scripts put in PATCH and POST bodies, plus arbitrary JSON. */
export const scimValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(true, false, 'True', 'False', null, [], {}, '', 0),
  fc.record(
    { value: fc.string({ maxLength: 12 }), display: fc.string({ maxLength: 12 }) },
    { requiredKeys: [] },
  ),
  fc.array(
    fc.record({ value: fc.string({ maxLength: 36 }), type: fc.constantFrom('work', 'User', 'Group') }),
    {
      maxLength: 4,
    },
  ),
  fc.dictionary(
    fc.constantFrom(
      'active',
      'userName',
      'displayName',
      'name',
      'emails',
      'members',
      'externalId',
      'id',
      ENT,
    ),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 4 },
  ),
);

/** Paths that resolve against the User and Group schemas, so most operations reach applyPatch. */
const knownPath = fc.constantFrom(
  'active',
  'userName',
  'name.givenName',
  'name',
  'emails',
  'emails[type eq "work"].value',
  'emails[primary eq true]',
  'externalId',
  'displayName',
  'members',
  'members[value eq "u1"]',
  `${ENT}:department`,
  `${ENT}:manager`,
  'title',
);

/** One PatchOp operation, sometimes with odd member names or missing members. */
export const patchOperation: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        op: fc.constantFrom('add', 'remove', 'replace', 'Replace'),
        path: fc.oneof({ weight: 3, arbitrary: knownPath }, { weight: 1, arbitrary: patchPath }),
        value: scimValue,
      },
      { requiredKeys: ['op', 'value'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: opName, path: patchPath, value: scimValue }, { requiredKeys: ['op'] }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ OP: opName, Path: patchPath, VALUE: scimValue }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** PatchOp bodies: mostly well-formed envelopes around arbitrary operations. */
export const patchBody: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      schemas: fc.oneof(
        { weight: 10, arbitrary: fc.constant([PATCH_URN]) },
        { weight: 1, arbitrary: fc.constant([PATCH_URN.toUpperCase()]) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
      ),
      Operations: fc.array(patchOperation, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ schemas: fc.constant([PATCH_URN]), Operations: fc.jsonValue({ maxDepth: 2 }) }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** POST/PUT bodies for Users and Groups: SCIM-shaped records with arbitrary values, or any JSON. */
export const resourceBody: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'schemas',
          'userName',
          'UserName',
          'name',
          'emails',
          'active',
          'displayName',
          'members',
          'externalId',
          'id',
          'meta',
          'groups',
          'password',
          ENT,
          `${ENT}:department`,
          'urn:x:custom',
        ),
        fc.string({ maxLength: 10 }),
      ),
      scimValue,
      { maxKeys: 8 },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      schemas: fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']),
      userName: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 20 })),
      emails: fc.array(
        fc.record({
          value: fc.oneof(fc.emailAddress(), fc.string()),
          primary: fc.jsonValue({ maxDepth: 0 }),
        }),
        { maxLength: 3 },
      ),
      name: fc.dictionary(fc.constantFrom('givenName', 'familyName', 'formatted', 'x'), scimValue, {
        maxKeys: 3,
      }),
      active: scimValue,
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);
