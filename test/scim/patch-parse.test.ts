/**
 * parsePatchRequest (RFC 7644 §3.5.2): message validation and the dialects of Okta, Entra and
 * Netskope's own clients, table-driven from fixtures/patch-parse.json.
 */
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import { parsePatchRequest, type PatchOperation } from '../../server/scim/patch';
import fixture from './fixtures/patch-parse.json';

interface Case {
  name: string;
  body: unknown;
  ops?: [string, string, string | null, boolean][];
  error?: { status: number; scimType: string; detail: string };
}

function summary(op: PatchOperation): [string, string, string | null, boolean] {
  return [op.op, op.raw.op, op.raw.path ?? null, op.value !== undefined];
}

function thrown(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}

describe('parsePatchRequest', () => {
  for (const c of fixture.cases as Case[]) {
    it(c.name, () => {
      if (c.error) {
        const e = thrown(() => parsePatchRequest(c.body));
        expect(e.status).toBe(c.error.status);
        expect(e.scimType).toBe(c.error.scimType);
        expect(e.detail).toContain(c.error.detail);
      } else {
        const ops = parsePatchRequest(c.body);
        expect(ops.map(summary)).toEqual(c.ops);
        expect(ops.map((o) => o.index)).toEqual(ops.map((_, i) => i));
      }
    });
  }

  it('accepts a body without schemas when requireSchemas is false', () => {
    const ops = parsePatchRequest(
      { Operations: [{ op: 'replace', value: { active: false } }] },
      { requireSchemas: false },
    );
    expect(ops).toHaveLength(1);
  });

  it('caps the number of operations (default 1000, configurable)', () => {
    const body = (n: number) => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: Array.from({ length: n }, () => ({ op: 'replace', path: 'title', value: 'x' })),
    });
    expect(parsePatchRequest(body(1000))).toHaveLength(1000);
    const e = thrown(() => parsePatchRequest(body(1001)));
    expect([e.status, e.scimType]).toEqual([400, 'invalidValue']);
    expect(e.detail).toContain('at most 1000');
    expect(thrown(() => parsePatchRequest(body(3), { maxOperations: 2 })).detail).toContain('at most 2');
  });

  it('parses paths into attribute, value filter and sub-attribute', () => {
    const [op] = parsePatchRequest({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'a@b.c' }],
    });
    expect(op?.path?.attr).toEqual({ attr: 'emails' });
    expect(op?.path?.sub).toBe('value');
    expect(op?.path?.filter).toMatchObject({ kind: 'compare', op: 'eq', value: 'work' });
    const [ext] = parsePatchRequest({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'remove', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value' },
      ],
    });
    expect(ext?.path?.attr).toEqual({
      uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      attr: 'manager',
      sub: 'value',
    });
  });
});
