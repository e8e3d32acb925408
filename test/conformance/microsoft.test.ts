/**
 * Microsoft's "SCIM Tests" Postman collection, run with newman against the in-process server
 * in each profile. The failed assertions must be exactly the documented ones
 * (test/fixtures/microsoft-expected-failures.json, explained in docs/conformance.md): a new
 * failure is a regression, and a vanished one is a behaviour change to document.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../server/admin/contract';
import { startTestServer, TOKEN } from '../support/scim-server';
import { MICROSOFT_COLLECTION, runMicrosoftCollection } from '../support/microsoft-run';

interface Expected {
  position: number;
  item: string;
  assertion: string;
  profiles: ProfileName[];
  reason: string;
}

const expected = (
  JSON.parse(
    readFileSync(new URL('../fixtures/microsoft-expected-failures.json', import.meta.url), 'utf8'),
  ) as { failures: Expected[] }
).failures;
const docs = readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8');
const key = (f: { position: number; item: string; assertion: string }): string =>
  `${f.position} ${f.item} | ${f.assertion}`;

describe('Microsoft SCIM Tests collection (newman)', () => {
  it('the fixture is the verbatim third-party collection (sha256 of SOURCES.txt)', () => {
    const sha = createHash('sha256').update(readFileSync(MICROSOFT_COLLECTION)).digest('hex');
    expect(sha).toBe('36ee6b9fb355cd6d438b7012ce266c05496caf494db4cb2a2be832f91fa56ccf');
  });

  it('every expected failure is explained in docs/conformance.md', () => {
    for (const f of expected) {
      const row = docs
        .split('\n')
        .find((l) => new RegExp(`^\\|\\s*${f.position}\\s*\\|`).test(l) && l.includes(f.assertion));
      expect(row, key(f)).toBeDefined();
      expect(row, key(f)).toContain(`**${f.reason}**`);
    }
  });

  for (const profile of ['netskope', 'netskope-legacy', 'rfc'] as const) {
    it(`profile ${profile}: the failed assertions are exactly the documented ones`, async () => {
      const server = await startTestServer({ profile });
      try {
        const run = await runMicrosoftCollection({ base: server.base, token: TOKEN });
        expect(run.requests).toBe(79);
        expect(run.assertions).toHaveLength(108);
        // no request may end in a server error, whatever the collection sends
        expect(run.assertions.filter((a) => a.status === null || a.status >= 500)).toEqual([]);
        const failed = run.failures.map(key).sort();
        const want = expected
          .filter((f) => f.profiles.includes(profile))
          .map(key)
          .sort();
        expect(failed).toEqual(want);
      } finally {
        await server.close();
      }
    }, 120_000);
  }
});
