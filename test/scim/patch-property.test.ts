/**
 * Property-based tests (fast-check) over PATCH bodies: whatever a client sends, parsing,
 * applying and planning either succeed or throw a 400 ScimError; applyPatch never modifies its
 * input (so a failed PATCH leaves nothing behind) and is deterministic; adding the same values
 * twice equals adding them once (RFC 7644 §3.5.2.1, okta.md Q8).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import { applyPatch, parsePatchRequest, planGroupPatch, type PatchOperation } from '../../server/scim/patch';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, USER_SCHEMA_ID } from '../../server/domain/schema';

const USER_CTX = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  coreSchemaId: USER_SCHEMA_ID,
  readOnly: ['id', 'meta', 'groups', 'schemas'],
};
const URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Runs fn; a ScimError must be a 400, anything else thrown fails the property. */
function scimOutcome<T>(fn: () => T): T | ScimError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScimError && e.status === 400 && e.scimType !== undefined) return e;
    throw e;
  }
}

const opName = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom('add', 'remove', 'replace', 'Add', 'Remove', 'Replace', 'REPLACE'),
  },
  { weight: 1, arbitrary: fc.constantFrom('delete', 'ADD ', 'move') },
);

const path = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      'active',
      'userName',
      'name.givenName',
      'name.givenname',
      'externalid',
      'emails',
      'emails.value',
      'emails[type eq "work"]',
      'emails[type eq "work"].value',
      'emails[type eq "home"].primary',
      'emails[value co "@" and not (primary eq true)]',
      'phoneNumbers[type eq "mobile"].value',
      `${ENT}:department`,
      `${ENT}:manager.value`,
      ENT,
      'id',
      'groups',
      'meta.created',
      'title[value eq "x"]',
      'emails[primary gt 1]',
      'members[value eq "u1"]',
      '',
    ),
  },
  // Occasional garbage paths; most runs should reach applyPatch.
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(true, false, 'True', 'False', null, [], {}),
  fc.record({
    value: fc.string({ maxLength: 12 }),
    type: fc.constantFrom('work', 'home'),
    primary: fc.boolean(),
  }),
  fc.array(fc.record({ value: fc.string({ maxLength: 12 }), primary: fc.boolean() }), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom('active', 'name', 'emails', 'id', 'title', ENT, `${ENT}:department`, 'name.familyName'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 4 },
  ),
);

const operation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: opName, path, value }) },
  { weight: 1, arbitrary: fc.record({ op: opName, path, value }, { requiredKeys: ['op'] }) },
) as fc.Arbitrary<Record<string, unknown>>;

const body = fc
  .array(operation, { minLength: 1, maxLength: 5 })
  .map((Operations) => ({ schemas: [URN], Operations }));

const user = fc.record(
  {
    userName: fc.string({ maxLength: 12 }),
    active: fc.boolean(),
    name: fc.record({ givenName: fc.string({ maxLength: 8 }), familyName: fc.string({ maxLength: 8 }) }),
    emails: fc.array(
      fc.record({ value: fc.string({ maxLength: 12 }), type: fc.constantFrom('work', 'home', 'other') }),
      { maxLength: 3 },
    ),
    [ENT]: fc.record({ department: fc.string({ maxLength: 8 }) }),
  },
  { requiredKeys: ['userName'] },
) as fc.Arbitrary<Record<string, unknown>>;

describe('PATCH properties', () => {
  it('parsePatchRequest answers any JSON with operations or a 400 ScimError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), body), (input) => {
        scimOutcome(() => parsePatchRequest(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('applyPatch never modifies its input, is deterministic, and fails only with a 400 ScimError', () => {
    fc.assert(
      fc.property(user, body, (resource, request) => {
        const ops = scimOutcome(() => parsePatchRequest(request));
        if (ops instanceof ScimError) return;
        const before = structuredClone(resource);
        const first = scimOutcome(() => applyPatch(resource, ops, USER_CTX));
        expect(resource).toEqual(before);
        const second = scimOutcome(() => applyPatch(resource, ops, USER_CTX));
        if (first instanceof ScimError) {
          expect(second).toBeInstanceOf(ScimError);
          expect((second as ScimError).detail).toBe(first.detail);
        } else {
          expect(second).toEqual(first);
          // What comes out can be stored as JSON and read back unchanged.
          expect(JSON.parse(JSON.stringify(first.resource))).toEqual(first.resource);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('planGroupPatch answers any operations with steps or a 400 ScimError, within the member cap', () => {
    const member = fc.oneof(
      fc.record({ value: fc.string({ minLength: 1, maxLength: 6 }), display: fc.string({ maxLength: 6 }) }),
      fc.record({ value: fc.record({ value: fc.string({ minLength: 1, maxLength: 6 }) }) }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const memberOp = fc.record({
      op: opName,
      path: fc.constantFrom(
        'members',
        'Members',
        'members[value eq "u1"]',
        'members[display eq "a"]',
        'displayName',
      ),
      value: fc.oneof(fc.array(member, { maxLength: 6 }), member, fc.constant(undefined)),
    });
    const pathless = fc.record({
      op: opName,
      value: fc.record(
        { displayName: fc.string(), members: fc.array(member, { maxLength: 6 }) },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(memberOp, pathless), { minLength: 1, maxLength: 6 }), (Operations) => {
        const ops = scimOutcome(() => parsePatchRequest({ schemas: [URN], Operations }));
        if (ops instanceof ScimError) return;
        const steps = scimOutcome(() => planGroupPatch(ops, { maxMembers: 12 }));
        if (steps instanceof ScimError) return;
        let named = 0;
        for (const s of steps) {
          const values =
            s.kind === 'addMembers' || s.kind === 'replaceMembers'
              ? s.members.map((m) => m.value)
              : s.kind === 'removeMembers'
                ? s.ids
                : [];
          named += values.length;
          expect(values.every((v) => typeof v === 'string' && v.trim() !== '')).toBe(true);
          expect(new Set(values).size).toBe(values.length);
        }
        expect(named).toBeLessThanOrEqual(12);
      }),
      { numRuns: 1500 },
    );
  });

  it('adding the same values twice equals adding them once (RFC 7644 §3.5.2.1)', () => {
    const emails = fc.array(
      fc.record(
        { value: fc.string({ maxLength: 8 }), type: fc.constantFrom('work', 'home') },
        { requiredKeys: ['value'] },
      ),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(user, emails, (resource, list) => {
        const add: PatchOperation = {
          op: 'add',
          path: { attr: { attr: 'emails' } },
          value: list,
          index: 0,
          raw: { op: 'add' },
        };
        const once = applyPatch(resource, [add], USER_CTX);
        const twice = applyPatch(resource, [add, { ...add, index: 1 }], USER_CTX);
        expect(twice.resource).toEqual(once.resource);
        expect(applyPatch(once.resource, [add], USER_CTX).changed).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
