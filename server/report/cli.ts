/**
 * `npm run report -- --data DIR [--format html|json|har] [--out FILE]`: the validation report
 * of a data directory, whether or not a server is running on it. Reads only: the database is
 * rebuilt in memory from the snapshot and journal, the request log files are read as they are
 * (./open-data-dir.ts). Without --out the report goes to standard output.
 */
import { Command, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { collectReport, DEFAULT_MAX_RESOURCES } from './collect';
import { formatReport, REPORT_FORMATS, type ReportFormat } from './format';
import { openDataDirReadOnly } from './open-data-dir';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const program = new Command()
  .name('scimdesk-report')
  .description('Write the validation report of a ScimDesk data directory (never writes to the directory)')
  .requiredOption('--data <dir>', 'data directory (the one `npm run serve -- --data` uses)')
  .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('html'))
  .option('--out <file>', 'write to this file instead of standard output')
  .option('--max-resources <n>', 'users and groups listed at most (each)', String(DEFAULT_MAX_RESOURCES))
  .parse();

const opts = program.opts<{ data: string; format: ReportFormat; out?: string; maxResources: string }>();
const dataDir = resolve(opts.data);
if (opts.out) {
  const rel = relative(dataDir, resolve(opts.out));
  if (!rel.startsWith('..') && !isAbsolute(rel)) {
    console.error('report: --out must be outside the data directory (the report never writes to it)');
    process.exit(2);
  }
}
const max = Number(opts.maxResources);
if (!Number.isInteger(max) || max < 1) {
  console.error('report: --max-resources must be a positive integer');
  process.exit(2);
}

try {
  const opened = await openDataDirReadOnly(dataDir);
  const report = collectReport({
    reader: opened.reader,
    entries: opened.entries,
    settings: opened.settings,
    tokenCreationTimes: opened.tokenCreationTimes,
    history: opened.history,
    source: { dataDir: opts.data, serverRunning: null, journalLsn: opened.lsn },
    maxResources: max,
  });
  const text = formatReport(report, opts.format, opened.entries, version());
  opened.close();
  if (opts.out) {
    writeFileSync(opts.out, text);
    console.error(`report: wrote ${opts.format} to ${opts.out}`);
  } else {
    process.stdout.write(text);
  }
} catch (err) {
  console.error(`report: ${(err as Error).message}`);
  process.exit(1);
}
