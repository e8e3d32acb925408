/**
 * `npm run conformance [-- --profile P] [-- --url BASE --token T]`: runs the two public SCIM
 * suites against a headless ScimDesk and prints every failed assertion (docs/conformance.md).
 *
 * Without --url it starts `server/cli.ts --port 0 --bootstrap-token <random> --no-console` on a
 * temporary data directory, waits for `SCIM base URL:`, and stops it with SIGTERM at the end.
 * Microsoft's collection runs first (it expects an empty tenant and deletes what it creates),
 * then Okta's SPEC test (which needs one user to exist, so it seeds one, as Okta's guide says).
 * Exit code 1 when a SPEC step fails or a Microsoft assertion fails that docs/conformance.md
 * does not list for the profile; 0 otherwise.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { runMicrosoftCollection, type AssertionOutcome } from '../test/support/microsoft-run';
import { ROOT, startChildServer, type ChildServer } from '../test/support/child-server';
import { OKTA_SPEC_STEPS, runSpecStep, seedUser, specVariables } from '../test/support/okta-spec-steps';

const PROFILE_NAMES = ['netskope', 'netskope-legacy', 'rfc'] as const;

const opts = new Command()
  .name('conformance')
  .description("Run Okta's SPEC test and Microsoft's SCIM collection against ScimDesk")
  .addOption(new Option('--profile <profile>', 'profile of the started server').choices(PROFILE_NAMES))
  .option('--url <base>', 'test an already running server at this SCIM base URL instead')
  .option('--token <token>', 'bearer token for --url')
  .parse()
  .opts<{ profile?: (typeof PROFILE_NAMES)[number]; url?: string; token?: string }>();

interface Started {
  server: ChildServer;
  dataDir: string;
}

/** Starts the headless server as `npm run serve` does (the shared launcher of test/support). */
async function startServer(token: string, profile: string | undefined): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scimdesk-conformance-'));
  const server = await startChildServer({ dataDir, token, ...(profile ? { profile } : {}) });
  return { server, dataDir };
}

async function stopServer(s: Started): Promise<void> {
  await s.server.stop();
  rmSync(s.dataDir, { recursive: true, force: true });
}

function expectedFailures(profile: string): Map<string, string> {
  const file = join(ROOT, 'test/fixtures/microsoft-expected-failures.json');
  const list = (
    JSON.parse(readFileSync(file, 'utf8')) as {
      failures: { position: number; item: string; assertion: string; profiles: string[]; reason: string }[];
    }
  ).failures;
  return new Map(
    list.filter((f) => f.profiles.includes(profile)).map((f) => [`${f.position}|${f.assertion}`, f.reason]),
  );
}

async function main(): Promise<number> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  if (opts.url && !opts.token) throw new Error('--url needs --token');
  const started = opts.url ? null : await startServer(token, opts.profile);
  const base = opts.url ?? (started as Started).server.base;
  const profile = opts.profile ?? 'netskope';
  let problems = 0;
  try {
    console.log(`ScimDesk at ${base} (profile ${opts.url ? 'as configured' : profile})\n`);

    const ms = await runMicrosoftCollection({ base, token });
    const known = expectedFailures(profile);
    console.log(
      `Microsoft "SCIM Tests": ${ms.requests} requests, ${ms.assertions.length} assertions, ` +
        `${ms.assertions.length - ms.failures.length} passed, ${ms.failures.length} failed`,
    );
    const line = (f: AssertionOutcome): string =>
      `  #${f.position} ${f.item} — ${f.request} → ${f.status ?? 'no response'}\n      "${f.assertion}": ${f.message ?? ''}`;
    for (const f of ms.failures) {
      const reason = known.get(`${f.position}|${f.assertion}`);
      if (!reason) problems++;
      console.log(
        `${line(f)}\n      ${reason ? `documented: ${reason} (docs/conformance.md)` : 'NOT DOCUMENTED'}`,
      );
    }
    const vanished = [...known.keys()].filter(
      (k) => !ms.failures.some((f) => `${f.position}|${f.assertion}` === k),
    );
    for (const k of vanished)
      console.log(`  documented failure now passes: ${k} (update docs/conformance.md)`);

    const auth = `Bearer ${token}`;
    await seedUser(base, auth);
    const vars = specVariables(base, auth);
    console.log('\nOkta SCIM 2.0 SPEC Test:');
    for (const step of OKTA_SPEC_STEPS) {
      const r = await runSpecStep(step, vars, { timed: true });
      const mark = r.failures.length ? 'FAIL' : 'ok  ';
      console.log(`  ${mark} ${step.n}. ${step.note.trim()} → ${r.status} (${r.timeMs.toFixed(1)} ms)`);
      for (const f of r.failures) console.log(`         ${f}`);
      problems += r.failures.length;
    }
  } finally {
    if (started) await stopServer(started);
  }
  console.log(problems ? `\n${problems} unexpected failure(s)` : '\nAll results as documented.');
  return problems ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`conformance: ${(err as Error).message}`);
    process.exit(1);
  },
);
