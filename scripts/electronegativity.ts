/**
 * `npm run electronegativity`: runs Doyensec's Electronegativity (the linter Electron's security
 * checklist points to) over the Electron sources and, when built, what ships (out/: main and
 * preload bundles, renderer), and fails on any HIGH or MEDIUM finding that SECURITY.md does not
 * explain, or on any file it could not parse (a parse failure hides findings).
 *
 * Its CLI always exits 0 and, with the commander version hoisted here, does not start at all,
 * so the runner is called through its module API, which returns the report as data.
 * Explanations live in SECURITY.md under "## Electronegativity findings", one table row each:
 * `| CHECK_ID | file, file | SEVERITY | why |` ("(global)" for project-wide checks).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Level {
  name: string;
  value: number;
}

interface Issue {
  id: string;
  severity: Level;
  confidence: Level;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  manualReview?: boolean;
}

interface Report {
  issues: Issue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}

type Runner = (options: Record<string, unknown>) => Promise<Report>;

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const require = createRequire(import.meta.url);
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies['electron'];

export interface Explained {
  id: string;
  files: string[];
}

/** Rows of the "Electronegativity findings" table in SECURITY.md. */
export function explainedFindings(markdown: string): Explained[] {
  const section = markdown.split(/^## Electronegativity findings\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const out: Explained[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const id = cells[1]?.replace(/`/g, '');
    if (!id || !/^[A-Z_]+_CHECK$/.test(id)) continue;
    const files = (cells[2] ?? '')
      .replace(/`/g, '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    out.push({ id, files });
  }
  return out;
}

/** True when SECURITY.md explains this finding (same check, in a listed file). */
export function isExplained(issue: Pick<Issue, 'id' | 'file'>, explained: readonly Explained[]): boolean {
  const file = issue.file.replace(/\\/g, '/');
  return explained.some(
    (e) =>
      e.id === issue.id &&
      e.files.some((f) =>
        f === '(global)' ? file === 'N/A' || file === '' : file === f || file.endsWith(`/${f}`),
      ),
  );
}

async function scan(run: Runner, dir: string): Promise<Report> {
  return run({
    input: join(ROOT, dir),
    isRelative: true,
    isVerbose: true,
    // Read from package.json, so its version checks neither guess nor need the network.
    electronVersionOverride: ELECTRON_VERSION?.replace(/^[^\d]*/, ''),
    parserPlugins: [],
  });
}

async function main(): Promise<number> {
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const explained = explainedFindings(readFileSync(join(ROOT, 'SECURITY.md'), 'utf8'));
  // The build is scanned as a whole: its global checks (navigation limits, permission handler)
  // look across files, and the preload alone would lack them.
  const dirs = ['electron', 'out'].filter((d) => existsSync(join(ROOT, d)));
  let failures = 0;
  const seen = new Set<string>();
  for (const dir of dirs) {
    const report = await scan(run, dir);
    for (const e of report.errors) {
      console.error(`✗ ${dir}/${e.file}: could not be parsed (${e.message}); its findings are unknown`);
      failures++;
    }
    for (const issue of report.issues) {
      const file = issue.file === 'N/A' ? 'N/A' : `${dir}/${issue.file}`;
      const key = `${issue.id} ${file}:${issue.location.line}`;
      const serious = issue.severity.value >= 2; // MEDIUM (2) or HIGH (3)
      const ok = isExplained({ id: issue.id, file }, explained);
      seen.add(issue.id);
      const mark = !serious ? '·' : ok ? '✓' : '✗';
      console.log(`${mark} ${issue.severity.name} ${issue.confidence.name} ${key} ${issue.description}`);
      if (serious && !ok) failures++;
    }
  }
  for (const e of explained) {
    if (!seen.has(e.id)) console.log(`note: SECURITY.md explains ${e.id}, which no longer fires`);
  }
  console.log(
    failures === 0
      ? `electronegativity: no unexplained HIGH or MEDIUM finding in ${dirs.join(', ')}`
      : `electronegativity: ${failures} unexplained finding(s) or parse failure(s); explain them in SECURITY.md or fix them`,
  );
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('electronegativity failed to run:', err);
      process.exit(2);
    },
  );
}
