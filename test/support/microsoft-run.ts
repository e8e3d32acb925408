/**
 * Runs Microsoft's "SCIM Tests" Postman collection (AzureAD/SCIMReferenceCode, copied verbatim
 * into test/fixtures) against a ScimDesk base URL with newman's Node API, and returns every
 * assertion with its outcome. Shared by `npm run conformance` and test/conformance/microsoft.test.ts.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The collection as committed (third-party data; origin and sha256 in test/fixtures/README.md). */
export const MICROSOFT_COLLECTION = fileURLToPath(
  new URL('../fixtures/microsoft-scim-tests.postman_collection.json', import.meta.url),
);

/** One `pm.test(...)` outcome, or a request that never got an answer. */
export interface AssertionOutcome {
  /** the collection item (request) name, e.g. "Get ServiceProviderConfig" */
  item: string;
  /** the item's position in the run, 1-based (names repeat in this collection) */
  position: number;
  /** request line, e.g. "GET /api/v2/scim/serviceConfiguration" */
  request: string;
  /** the response status, or null when the request failed at the network level */
  status: number | null;
  /** the pm.test name, e.g. "Status code is 200" */
  assertion: string;
  passed: boolean;
  /** the failure message newman reports, when failed */
  message?: string;
}

export interface MicrosoftRun {
  requests: number;
  assertions: AssertionOutcome[];
  failures: AssertionOutcome[];
}

// newman ships no type declarations; this is the part of its run() API used here.
interface NewmanExecution {
  item: { name: string };
  request?: { method: string; url: { getPath(): string; getQueryString(): string } };
  response?: { code: number };
  assertions?: { assertion: string; error?: { message: string } }[];
  requestError?: { message: string };
}
interface NewmanSummary {
  run: { executions: NewmanExecution[]; failures: { error: { message: string } }[] };
}
interface VariableScope {
  set(key: string, value: string): void;
}
interface NewmanEmitter {
  summary: { environment: VariableScope };
  on(event: 'item', listener: (err: Error | null, args: { item: { name: string } }) => void): void;
}
interface Newman {
  run(
    options: Record<string, unknown>,
    callback: (err: Error | null, summary: NewmanSummary) => void,
  ): NewmanEmitter;
}

const require = createRequire(import.meta.url);

/**
 * Runs the collection. It builds URLs as `{{Protocol}}://{{Server}}{{Port}}/{{Api}}/Users` and
 * authenticates with `Bearer {{token}}`. Its first request, `GET /Token`, is a login route of
 * Microsoft's reference server (a test-only token issuer); ScimDesk has none (tokens are minted
 * in the console), so that request fails and its script then sets the environment's `token` to
 * `undefined`. The harness puts the real token back into the environment after that item, the
 * way an admin would paste a token into Postman: the collection itself runs unmodified.
 */
export async function runMicrosoftCollection(opts: {
  /** SCIM base URL, e.g. http://127.0.0.1:4321/api/v2/scim */
  base: string;
  token: string;
  collection?: string;
  timeoutMs?: number;
}): Promise<MicrosoftRun> {
  const url = new URL(opts.base);
  const newman = require('newman') as Newman;
  const values = [
    { key: 'Protocol', value: url.protocol.replace(/:$/, '') },
    { key: 'Server', value: url.hostname },
    { key: 'Port', value: url.port ? `:${url.port}` : '' },
    { key: 'Api', value: url.pathname.replace(/^\/+|\/+$/g, '') },
  ];
  const summary = await new Promise<NewmanSummary>((resolve, reject) => {
    const emitter = newman.run(
      {
        collection: opts.collection ?? MICROSOFT_COLLECTION,
        globals: { id: 'scimdesk-globals', name: 'scimdesk', values },
        environment: {
          id: 'scimdesk-env',
          name: 'scimdesk',
          values: [{ key: 'token', value: opts.token }],
        },
        reporters: [],
        timeoutRequest: opts.timeoutMs ?? 15_000,
        ignoreRedirects: true,
      },
      (err, s) => (err ? reject(err) : resolve(s)),
    );
    emitter.on('item', (_err, args) => {
      if (args.item.name === 'Get Token') emitter.summary.environment.set('token', opts.token);
    });
  });
  const assertions: AssertionOutcome[] = [];
  summary.run.executions.forEach((ex, i) => {
    const request = ex.request
      ? `${ex.request.method} ${ex.request.url.getPath()}${ex.request.url.getQueryString() ? `?${ex.request.url.getQueryString()}` : ''}`
      : '';
    const base = { item: ex.item.name, position: i + 1, request, status: ex.response?.code ?? null };
    if (ex.requestError) {
      assertions.push({ ...base, assertion: '(request)', passed: false, message: ex.requestError.message });
    }
    for (const a of ex.assertions ?? []) {
      assertions.push({
        ...base,
        assertion: a.assertion,
        passed: !a.error,
        ...(a.error ? { message: a.error.message } : {}),
      });
    }
  });
  return {
    requests: summary.run.executions.length,
    assertions,
    failures: assertions.filter((a) => !a.passed),
  };
}
