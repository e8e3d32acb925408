/**
 * Okta's "Okta SCIM 2.0 SPEC Test" (docs/okta.md §3.1), one test per Runscope step, in order,
 * against the real server on 127.0.0.1:0. The steps themselves (requests, headers, assertions,
 * captured variables) live in test/support/okta-spec-steps.ts, shared with
 * `npm run conformance`. Runscope's pauses between steps are not waited for, and step 10's
 * "response time < 600 ms" is left to the conformance script: tests make no timed assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import {
  OKTA_SPEC_STEPS,
  runSpecStep,
  seedUser,
  specVariables,
  type SpecVars,
} from '../support/okta-spec-steps';

describe('Okta SCIM 2.0 SPEC Test (Runscope), step by step', () => {
  let server: TestServer;
  let vars: SpecVars;

  beforeAll(async () => {
    server = await startTestServer();
    vars = specVariables(server.base, `Bearer ${TOKEN}`);
    await seedUser(server.base, `Bearer ${TOKEN}`);
  });
  afterAll(() => server.close());

  it('SPEC-init variables have the documented shapes', () => {
    expect(vars['randomGivenName']).toMatch(/^Runscope\d{3}$/);
    expect(vars['randomFamilyName']).toMatch(/^[A-Z][a-z]{8}\d{3}$/);
    expect(vars['randomEmail']).toBe(`${vars['randomGivenName']}${vars['randomFamilyName']}@atko.com`);
    expect(vars['randomUsername']).toBe(vars['randomEmail']);
    expect(vars['randomUsernameCaps']).toBe(vars['randomEmail']?.toUpperCase());
  });

  for (const step of OKTA_SPEC_STEPS) {
    it(`step ${step.n} ${step.note.trim()}`, async () => {
      const result = await runSpecStep(step, vars, { timed: false });
      expect(result.failures, `${step.method} ${step.url} → ${result.status}`).toEqual([]);
      if (step.n === 10) expect(result.skipped).toEqual(['response_time is_less_than 600']);
    });
  }

  it('afterwards: the created user kept its mixed-case userName and is found by the upper-cased one', async () => {
    const res = await server.scim(
      `/Users?filter=${encodeURIComponent(`userName eq "${vars['randomUsernameCaps']}"`)}`,
    );
    const body = (await res.json()) as {
      totalResults: number;
      Resources: { id: string; userName: string }[];
    };
    expect(body.totalResults).toBe(1);
    expect(body.Resources[0]?.id).toBe(vars['idUserOne']);
    expect(body.Resources[0]?.userName).toBe(vars['randomUsername']);
  });
});
