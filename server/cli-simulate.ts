/**
 * `npm run simulate -- --url BASE --token T [--flows LIST] [--app oin|aiw] [--users N]
 * [--concurrency C] [--rate R] [--report FILE] [--no-cleanup]`: Okta's provisioning traffic
 * against any SCIM 2.0 base URL (docs/simulator.md). Prints one line per step and ends with
 * exactly one `N passed, N failed` line. Exit 0 when nothing failed, 1 when a step failed,
 * 2 on a usage error or an unwritable report.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LOAD_LIMITS, runLoad } from './simulator/load';
import { closingLines, reportJson, stepLine } from './simulator/report';
import { runSimulation } from './simulator/runner';
import { SIMULATOR_APPS, SIMULATOR_FLOWS, type SimulatorApp, type SimulatorFlow } from './simulator/types';

function intIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an http:// or https:// SCIM base URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('expected an http:// or https:// SCIM base URL');
  if (url.search || url.hash)
    throw new InvalidArgumentError('the base URL must not have a query or fragment');
  return value;
}

function flowList(value: string): SimulatorFlow[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(SIMULATOR_FLOWS as readonly string[]).includes(n));
  if (bad.length || !names.length)
    throw new InvalidArgumentError(
      `unknown flow ${bad.join(', ') || '(none)'}; choose from ${SIMULATOR_FLOWS.join(', ')}`,
    );
  return names as SimulatorFlow[];
}

const program = new Command()
  .name('scimdesk-simulate')
  .description(
    "Send Okta's SCIM provisioning traffic to a SCIM 2.0 base URL and judge each answer as Okta would",
  )
  .requiredOption('--url <base>', 'SCIM base URL, e.g. http://127.0.0.1:8787/api/v2/scim', baseUrl)
  .addOption(
    new Option('--token <token>', 'bearer token (or SCIMDESK_SIMULATE_TOKEN)')
      .env('SCIMDESK_SIMULATE_TOKEN')
      .makeOptionMandatory(),
  )
  .option('--flows <list>', `comma-separated flows (default: all): ${SIMULATOR_FLOWS.join(',')}`, flowList)
  .addOption(
    new Option('--app <type>', 'oin: PATCH (catalog app); aiw: GET then PUT (App Integration Wizard)')
      .choices(SIMULATOR_APPS)
      .default('oin'),
  )
  .option(
    '--users <n>',
    'load mode: push this many users instead of running the flows',
    intIn(1, LOAD_LIMITS.maxUsers),
  )
  .option('--concurrency <n>', 'load mode: requests in flight', intIn(1, LOAD_LIMITS.maxConcurrency), 4)
  .option(
    '--rate <n>',
    'load mode: at most this many requests per second (0: no cap)',
    intIn(0, LOAD_LIMITS.maxRate),
    0,
  )
  .option('--report <file>', 'write every step as JSON to this file')
  .option('--no-cleanup', 'leave what the run created as it is')
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program.parse();
const opts = program.opts<{
  url: string;
  token: string;
  flows?: SimulatorFlow[];
  app: SimulatorApp;
  users?: number;
  concurrency: number;
  rate: number;
  report?: string;
  cleanup: boolean;
}>();

async function main(): Promise<number> {
  const onStep = (s: Parameters<typeof stepLine>[0]): void => console.log(stepLine(s));
  if (opts.users !== undefined && opts.flows) console.warn('--users runs load mode; --flows is ignored');
  console.log(
    `Simulating Okta (${opts.app === 'oin' ? 'OIN app, PATCH' : 'AIW app, GET + PUT'}) against ${opts.url}`,
  );
  const result =
    opts.users !== undefined
      ? await runLoad({
          baseUrl: opts.url,
          token: opts.token,
          users: opts.users,
          concurrency: opts.concurrency,
          rate: opts.rate,
          app: opts.app,
          cleanup: opts.cleanup,
          onStep,
        })
      : await runSimulation({
          baseUrl: opts.url,
          token: opts.token,
          app: opts.app,
          cleanup: opts.cleanup,
          onStep,
          ...(opts.flows ? { flows: opts.flows } : {}),
        });
  let code = result.failed ? 1 : 0;
  if (opts.report) {
    try {
      await writeFile(resolve(opts.report), reportJson(result));
    } catch (err) {
      console.error(`could not write the report: ${(err as Error).message}`);
      code = 2;
    }
  }
  for (const line of closingLines(result)) console.log(line);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`scimdesk simulate: ${(err as Error).message}`);
    console.log('0 passed, 1 failed');
    process.exit(2);
  },
);
