/**
 * Headless entry point: `npm run serve -- [--port N] [--host H] [--data DIR] [--profile P]
 * [--bootstrap-token VALUE] [--admin-port N] [--no-console] [--faults FILE]`.
 * Prints `SCIM base URL: <url>` when ready (and `Console: <url>` when the console is served);
 * SIGTERM/SIGINT shut down cleanly.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { PROFILE_NAMES, type ProfileName } from './domain/profiles';
import { startScimDesk } from './app';
import { startConsole } from './console';
import { loadFaultFile } from './faults/load-file';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

const program = new Command()
  .name('scimdesk-serve')
  .description('Run the ScimDesk SCIM 2.0 tenant headless, with its console served to a browser')
  .option('--port <n>', 'SCIM listener port (0 picks a free port)', port, 8787)
  .option('--host <host>', 'address to bind (loopback unless you say otherwise)', '127.0.0.1')
  .option(
    '--data <dir>',
    'data directory (database, journal, request log)',
    process.env['SCIMDESK_DATA'] ?? '.scimdesk-data',
  )
  .addOption(new Option('--profile <profile>', 'tenant profile').choices([...PROFILE_NAMES]))
  .option('--bootstrap-token <value>', 'register this token as "bootstrap" (or SCIMDESK_BOOTSTRAP_TOKEN)')
  .option('--admin-port <n>', 'console/admin listener port (0 picks a free port)', port, 0)
  .option('--no-console', 'do not serve the console')
  .option('--faults <file>', 'fault rules to start with, JSON {"rules": [...]} (docs/faults.md)')
  .addOption(
    new Option('--snapshot-journal-bytes <n>', 'journal size that triggers a background snapshot')
      .argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
        return n;
      })
      .hideHelp(),
  )
  // Benches only: measures what resource history costs (docs/history.md).
  .addOption(new Option('--bench-history-off', 'record no resource history').hideHelp())
  // Benches only: the request path with no request log, Okta action or history (docs/performance.md).
  .addOption(new Option('--bench-floor', 'record nothing about requests').hideHelp())
  .showHelpAfterError();

program.parse();
const opts = program.opts<{
  port: number;
  host: string;
  data: string;
  profile?: ProfileName;
  bootstrapToken?: string;
  adminPort: number;
  snapshotJournalBytes?: number;
  console: boolean;
  faults?: string;
  benchHistoryOff?: boolean;
  benchFloor?: boolean;
}>();

async function main(): Promise<void> {
  const bootstrapToken = opts.bootstrapToken ?? process.env['SCIMDESK_BOOTSTRAP_TOKEN'];
  if (bootstrapToken !== undefined && !/^[A-Za-z0-9._~+/=-]{16,512}$/.test(bootstrapToken)) {
    throw new Error('--bootstrap-token must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / = -');
  }
  // A malformed file stops the start, naming each rule and field (docs/faults.md).
  const faultRules = opts.faults !== undefined ? loadFaultFile(resolve(opts.faults)) : undefined;
  const core = await startScimDesk({
    ...(faultRules ? { faultRules } : {}),
    dataDir: resolve(opts.data),
    port: opts.port,
    host: opts.host,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(bootstrapToken ? { bootstrapToken } : {}),
    mode: 'headless',
    ...(opts.snapshotJournalBytes ? { snapshotJournalBytes: opts.snapshotJournalBytes } : {}),
    ...(opts.benchHistoryOff ? { historyOff: true } : {}),
    ...(opts.benchFloor ? { floor: true } : {}),
  });
  for (const notice of core.storeNotices) console.warn(`Store repaired at start-up: ${notice}`);
  // Before the URL line: whoever waits for it (scripts, tests) has the warning too.
  const active = core.faults.states().filter((s) => s.active);
  if (active.length) console.log(`Fault rules active: ${active.map((s) => s.rule.name).join(', ')}`);
  console.log(`SCIM base URL: ${core.scimUrl}`);
  const consoleHandle = opts.console ? await startConsole(core, { port: opts.adminPort }) : null;
  if (consoleHandle) console.log(`Console: ${consoleHandle.consoleUrl}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    Promise.all([consoleHandle?.close(), core.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`scimdesk: ${(err as Error).message}`);
  process.exit(1);
});
