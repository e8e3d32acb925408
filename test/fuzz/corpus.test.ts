/**
 * Replays test/fuzz/corpus/*.json: every input that once broke something (a 5xx, a crash, a
 * non-SCIM error), found by a property test or by hand, kept so the fix stays fixed. When a
 * property in this folder (or test/scim/bad-input.test.ts) finds a counterexample, add it here
 * as a case, with where it was found and what it broke, in the same commit as the fix.
 *
 * Case kinds: `http` (fetch, JSON body), `raw` (bytes on a socket, for headers fetch refuses to
 * send; a value `@repeat:<c>:<n>` stands for c repeated n times), `filter` (parseFilter and
 * compile), `patch` (parse, apply, plan). Placeholders {user} and {group} are fixture ids.
 * The oracle is the fuzzers': success, or a SCIM error (HTTP: below 500 with a SCIM body).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from '../../server/domain/errors';
import { compileFilter, parseFilter } from '../../server/query';
import { applyPatch, parsePatchRequest, planGroupPatch } from '../../server/scim/patch';
import { GROUP_SCHEMA_ID, USER_SCHEMA_ID } from '../../server/domain/schema';
import { groupSchemas, userSchemas } from '../../server/scim/schemas-in-use';
import { usersTarget } from '../../server/store/sql-targets';
import { oktaGroup, oktaUser } from '../e2e/okta-bodies';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import { scimErrorProblem } from '../support/scim-error';
import { rawRequest } from './raw-http';

type Case =
  | { kind: 'http'; method: string; path: string; body?: unknown; note?: string }
  | { kind: 'raw'; method: string; path: string; headers: [string, string][]; body?: string; note?: string }
  | { kind: 'filter'; text: string; note?: string }
  | { kind: 'patch'; resource: 'user' | 'group'; body: unknown; note?: string };

interface CorpusFile {
  found: string;
  broke: string;
  cases: Case[];
}

const DIR = fileURLToPath(new URL('./corpus/', import.meta.url));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(`${DIR}${f}`, 'utf8')) as CorpusFile] as const);
const rows = files.flatMap(([file, c]) =>
  c.cases.map((k, i) => [`${file} #${i + 1} (${k.kind})`, k] as const),
);

let s: TestServer;
const ids = { user: '', group: '' };

beforeAll(async () => {
  s = await startTestServer();
  const u = await s.scim('/Users', { method: 'POST', json: oktaUser('corpus@example.com', 'C', 'P', 'cp') });
  ids.user = ((await u.json()) as { id: string }).id;
  const g = await s.scim('/Groups', { method: 'POST', json: oktaGroup('corpus-group') });
  ids.group = ((await g.json()) as { id: string }).id;
});
afterAll(async () => {
  await s.close();
});

const fill = (text: string): string => text.replace('{user}', ids.user).replace('{group}', ids.group);
const expand = (v: string): string => {
  const m = /^@repeat:(.):(\d+)$/.exec(v);
  return m ? (m[1] as string).repeat(Number(m[2])) : v;
};

function pure(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError && e.status === 400 && e.scimType !== undefined) return;
    throw e;
  }
}

async function replay(c: Case): Promise<void> {
  if (c.kind === 'filter') {
    return pure(() => void compileFilter(parseFilter(c.text), usersTarget(userSchemas())));
  }
  if (c.kind === 'patch') {
    return pure(() => {
      const ops = parsePatchRequest(c.body);
      if (c.resource === 'user') {
        applyPatch({ userName: 'a' }, ops, {
          schemas: userSchemas(),
          coreSchemaId: USER_SCHEMA_ID,
          readOnly: [],
        });
        return;
      }
      let resource: Record<string, unknown> = { displayName: 'g' };
      for (const step of planGroupPatch(ops)) {
        if (step.kind === 'attributes') {
          resource = applyPatch(resource, step.ops, {
            schemas: groupSchemas(),
            coreSchemaId: GROUP_SCHEMA_ID,
            readOnly: [],
          }).resource;
        }
      }
    });
  }
  let status: number;
  let contentType: string | null;
  let text: string;
  if (c.kind === 'http') {
    const res = await s.scim(fill(c.path), {
      method: c.method,
      ...(c.body === undefined ? {} : { json: c.body }),
    });
    [status, contentType, text] = [res.status, res.headers.get('content-type'), await res.text()];
  } else {
    const port = Number(new URL(s.base).port);
    const headers: [string, string][] = [
      ['Authorization', `Bearer ${TOKEN}`],
      ...c.headers.map(([k, v]) => [k, expand(v)] as [string, string]),
    ];
    const res = await rawRequest(
      port,
      c.method,
      new URL(s.base).pathname + fill(c.path),
      headers,
      c.body ?? '',
    );
    [status, contentType, text] = [res.status, res.headers['content-type'] ?? null, res.body];
  }
  expect(status, text).toBeLessThan(500);
  if (status >= 400) expect(scimErrorProblem(status, contentType, text), text).toBeNull();
}

describe('fuzz corpus: inputs that once broke something', () => {
  it('has cases', () => {
    expect(rows.length).toBeGreaterThan(0);
  });
  it.each(rows)('%s', async (_name, c) => {
    await replay(c);
  });
});
