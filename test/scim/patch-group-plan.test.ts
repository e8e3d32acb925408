/**
 * planGroupPatch: Group PATCH operations become ordered membership and attribute steps that
 * name only the members the request names (okta.md Q2–Q8, Q20; netskope.md §8.2 value shapes),
 * table-driven from fixtures/patch-group-plan.json.
 */
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import {
  parsePatchRequest,
  planGroupPatch,
  type GroupPatchStep,
  type PatchLimits,
} from '../../server/scim/patch';
import fixture from './fixtures/patch-group-plan.json';

interface Case {
  name: string;
  limits?: PatchLimits;
  ops: unknown[];
  steps?: unknown[];
  error?: { status: number; scimType: string; detail: string };
}

const body = (ops: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: ops,
});

/** Attribute steps shown by what the client sent, for readable fixtures. */
function shown(step: GroupPatchStep): unknown {
  if (step.kind !== 'attributes') return step;
  return { kind: step.kind, ops: step.ops.map((o) => ({ op: o.op, path: o.raw.path, value: o.value })) };
}

describe('planGroupPatch', () => {
  for (const c of fixture.cases as Case[]) {
    it(c.name, () => {
      const ops = parsePatchRequest(body(c.ops));
      if (c.error) {
        let err: unknown;
        try {
          planGroupPatch(ops, c.limits);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ScimError);
        const e = err as ScimError;
        expect([e.status, e.scimType]).toEqual([c.error.status, c.error.scimType]);
        expect(e.detail).toContain(c.error.detail);
      } else {
        expect(planGroupPatch(ops, c.limits).map(shown)).toMatchObject(c.steps ?? []);
      }
    });
  }

  it('caps member values at 10,000 per request by default', () => {
    const members = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ value: `u${from + i}` }));
    const ok = planGroupPatch(
      parsePatchRequest(body([{ op: 'add', path: 'members', value: members(10_000) }])),
    );
    expect(ok).toHaveLength(1);
    expect(ok[0]?.kind === 'addMembers' && ok[0].members.length).toBe(10_000);
    let err: unknown;
    try {
      planGroupPatch(
        parsePatchRequest(
          body([
            { op: 'add', path: 'members', value: members(6_000) },
            { op: 'replace', value: { members: members(4_001, 6_000) } },
          ]),
        ),
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScimError);
    expect((err as ScimError).detail).toContain('at most 10000 members');
  });

  it('keeps the attribute operation of a path-less value intact (index and raw op)', () => {
    const [step] = planGroupPatch(
      parsePatchRequest(body([{ op: 'Replace', value: { displayName: 'x', members: [{ value: 'u1' }] } }])),
    );
    expect(step?.kind).toBe('attributes');
    if (step?.kind === 'attributes') {
      expect(step.ops[0]).toMatchObject({
        op: 'replace',
        index: 0,
        raw: { op: 'Replace' },
        value: { displayName: 'x' },
      });
    }
  });

  it("merges Okta's one-remove-per-member batches into one step, in order, without duplicates", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `u${i % 900}`);
    const steps = planGroupPatch(
      parsePatchRequest(body(ids.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })))),
    );
    expect(steps).toEqual([{ kind: 'removeMembers', ids: [...new Set(ids)] }]);
  });
});
