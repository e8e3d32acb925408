/**
 * applyPatch (RFC 7644 §3.5.2.1–3) on stored User and Group resources: Okta's and Entra's
 * dialects, Netskope's path enum, RFC examples and error cases, table-driven from
 * fixtures/patch-apply.json. Each case also proves that the input resource is left untouched.
 */
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import { applyPatch, parsePatchRequest, type ApplyContext } from '../../server/scim/patch';
import {
  attr,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  GROUP_SCHEMA_ID,
  USER_SCHEMA,
  TENANT_EXTENSION_SCHEMA_ID,
  tenantExtensionSchema,
  USER_SCHEMA_ID,
} from '../../server/domain/schema';
import fixture from './fixtures/patch-apply.json';

type Json = Record<string, unknown>;

interface Case {
  name: string;
  type?: 'user' | 'group';
  ctx?: Partial<ApplyContext>;
  resourcePatch?: Json;
  ops: unknown[];
  patch?: Json;
  changed?: string[];
  ignored?: string[];
  error?: { status: number; scimType: string; detail: string };
}

export const USER_CTX: ApplyContext = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  coreSchemaId: USER_SCHEMA_ID,
  readOnly: ['id', 'meta', 'groups', 'schemas'],
};
export const GROUP_CTX: ApplyContext = {
  schemas: [GROUP_SCHEMA],
  coreSchemaId: GROUP_SCHEMA_ID,
  readOnly: ['id', 'meta', 'schemas'],
};

/** Top-level merge used by the fixture: null deletes a key. */
function merged(base: Json, patch: Json = {}): Json {
  const out = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) Reflect.deleteProperty(out, k);
    else out[k] = structuredClone(v);
  }
  return out;
}

describe('applyPatch', () => {
  for (const c of fixture.cases as Case[]) {
    it(c.name, () => {
      const isGroup = c.type === 'group';
      const base = merged(isGroup ? fixture.groups.eng : fixture.users.bjensen, c.resourcePatch);
      const frozen = structuredClone(base);
      const ctx = { ...(isGroup ? GROUP_CTX : USER_CTX), ...c.ctx };
      const ops = parsePatchRequest({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: c.ops,
      });
      if (c.error) {
        let err: unknown;
        try {
          applyPatch(base, ops, ctx);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ScimError);
        const e = err as ScimError;
        expect([e.status, e.scimType]).toEqual([c.error.status, c.error.scimType]);
        expect(e.detail).toContain(c.error.detail);
      } else {
        const out = applyPatch(base, ops, ctx);
        expect(out.resource).toEqual(merged(base, c.patch));
        if (c.changed) expect(out.changed).toEqual(c.changed);
        if (c.ignored) expect(out.ignored).toEqual(c.ignored);
      }
      // Pure: the stored resource is never modified, whatever happened.
      expect(base).toEqual(frozen);
    });
  }

  it('shares no objects with the request body', () => {
    const value = { name: { givenName: 'X' }, emails: [{ value: 'x@example.com' }] };
    const ops = parsePatchRequest({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value }],
    });
    const out = applyPatch(fixture.users.bjensen, ops, USER_CTX);
    (out.resource['emails'] as [Json])[0]['value'] = 'changed';
    (out.resource['name'] as Json)['givenName'] = 'changed';
    expect(value).toEqual({ name: { givenName: 'X' }, emails: [{ value: 'x@example.com' }] });
  });

  it('returns a fresh copy even when nothing changes', () => {
    const base = structuredClone(fixture.users.bjensen) as Json;
    const ops = parsePatchRequest({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: 'title' }],
    });
    const out = applyPatch(base, ops, USER_CTX);
    expect(out.resource).toEqual(base);
    expect(out.resource).not.toBe(base);
    expect(out.resource['name']).not.toBe(base['name']);
    expect(out.changed).toEqual([]);
  });

  describe("Netskope's tenant custom attributes are typed by their definitions (netskope.md §5.3)", () => {
    const tenant = tenantExtensionSchema([
      attr('hireDate', 'dateTime', 'Hire date'),
      attr('level', 'integer', 'Level'),
      attr('score', 'decimal', 'Score'),
      attr('remote', 'boolean', 'Works remotely'),
      attr('ManagerEmail', 'string', 'Manager e-mail'),
    ]);
    const ctx: ApplyContext = { ...USER_CTX, schemas: [...USER_CTX.schemas, tenant] };
    const run = (path: string, value: unknown) =>
      applyPatch(
        {},
        parsePatchRequest({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'add', path: `${TENANT_EXTENSION_SCHEMA_ID}:${path}`, value }],
        }),
        ctx,
      ).resource[TENANT_EXTENSION_SCHEMA_ID];
    const cases: [string, unknown, unknown][] = [
      ['hireDate', '2024-05-01T12:00:00Z', { hireDate: '2024-05-01T12:00:00Z' }],
      ['hireDate', '2024-02-30T12:00:00Z', 'invalidValue'],
      ['hireDate', 'yesterday', 'invalidValue'],
      ['level', 3, { level: 3 }],
      ['level', 3.5, 'invalidValue'],
      ['level', '3', 'invalidValue'],
      ['score', 3.5, { score: 3.5 }],
      ['remote', 'TRUE', { remote: true }],
      ['managerEmail', 'boss@example.com', { ManagerEmail: 'boss@example.com' }],
    ];
    for (const [path, value, expected] of cases) {
      it(`${path} = ${JSON.stringify(value)}`, () => {
        if (typeof expected === 'string') {
          expect(() => run(path, value)).toThrowError(
            expect.objectContaining({ status: 400, scimType: expected }),
          );
        } else {
          expect(run(path, value)).toEqual(expected);
        }
      });
    }
  });
});
