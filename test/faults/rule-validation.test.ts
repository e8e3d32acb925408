/**
 * Fault rules are refused with the rule and the field named (docs/faults.md "File format"),
 * and the JSON Schema shipped in docs/ is exactly what the zod schema generates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { faultFileJsonSchema } from '../../server/faults/json-schema';
import { FAULT_PRESETS } from '../../server/faults/presets';
import { parseFaultText, validateRules } from '../../server/faults/validate';

const rule = (over: Record<string, unknown>) => ({ name: 'r', match: {}, respond: { status: 503 }, ...over });
const file = (...rules: unknown[]) => JSON.stringify({ rules });

describe('fault rule validation', () => {
  it('accepts the issue example and every preset', () => {
    const example = {
      name: 'okta-429',
      match: { method: 'POST', resource: 'Users' },
      respond: { status: 429, retryAfter: 2 },
      times: 1,
    };
    expect(parseFaultText(file(example))).toEqual({ ok: true, rules: [example] });
    expect(validateRules(FAULT_PRESETS.map((p) => p.rule)).ok).toBe(true);
  });

  it.each([
    [rule({ respond: { status: 200 } }), 'rules[1] "r": respond.status must be 4xx or 5xx'],
    [
      rule({ respond: { status: 503, retryAfter: 'soon' } }),
      'rules[1] "r": respond.retryAfter must be whole seconds or an HTTP date',
    ],
    [rule({ respond: {} }), 'rules[1] "r": respond.status is required unless delayMs or drop is given'],
    [
      rule({ respond: { drop: true, status: 500 } }),
      'rules[1] "r": respond.drop cannot be combined with status',
    ],
    [
      rule({ respond: { delayMs: 10, afterWrite: true } }),
      'rules[1] "r": respond.afterWrite needs a status or drop',
    ],
    [rule({ respond: { stauts: 500 } }), 'rules[1] "r": respond has unknown field "stauts"'],
    [
      rule({ match: { method: 'FETCH' } }),
      'rules[1] "r": match.method must be one of GET, POST, PUT, PATCH, DELETE',
    ],
    [rule({ match: { resource: 'Me' } }), 'rules[1] "r": match.resource must be one of Users, Groups'],
    [rule({ match: { path: '(' } }), 'rules[1] "r": match.path must be a valid regular expression'],
    [rule({ probability: 1.5 }), 'rules[1] "r": probability must be at most 1'],
    [rule({ times: 0 }), 'rules[1] "r": times must be at least 1'],
    [rule({ every: 'often' }), 'rules[1] "r": every must be a number'],
    [rule({ name: 'ok' }), 'rules[1] "ok": name is already used by an earlier rule'],
    [{ match: {}, respond: { status: 500 } }, 'rules[1]: name is required'],
  ])('refuses %j with "%s"', (bad, message) => {
    const r = parseFaultText(file(rule({ name: 'ok' }), bad));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.join('\n')).toContain(message);
  });

  it('names a file-level problem', () => {
    expect(parseFaultText('{"rules": [')).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^not valid JSON/)],
    });
    expect(parseFaultText('{"rulez": []}')).toEqual({
      ok: false,
      errors: ['rules is required', 'the file has unknown field "rulez"'],
    });
  });

  it('accepts an HTTP date for retryAfter', () => {
    expect(
      validateRules([rule({ respond: { status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' } })]).ok,
    ).toBe(true);
  });
});

describe('JSON Schema of the fault file', () => {
  it('docs/faults.schema.json equals the schema generated from zod (npx tsx scripts/faults-schema.ts)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../docs/faults.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(faultFileJsonSchema());
  });
});
