/**
 * The project documents itself (docs/README.md): every section a comment cites in docs/okta.md or
 * docs/netskope.md exists as a heading there, every quoted heading or rule cited from the
 * architecture notes is in docs/architecture.md, nothing points outside the repository, the
 * README stays a newcomer's page that still gives the two commands, and every bench target has
 * its explanation in bench/targets.json (docs/performance.md quotes them).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['server', 'renderer', 'electron', 'test', 'bench', 'scripts', 'docs'];
const SKIP = new Set(['node_modules', 'out', 'dist', 'results', 'fixtures', 'screenshots']);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (/\.(ts|tsx|js|md|json)$/.test(name)) out.push(path);
  }
  return out;
}

/** Source text with comment line breaks joined, so a quote split over two comment lines reads whole. */
function joined(text: string): string {
  return text.replace(/\s*\n\s*(?:\*(?!\/)|\/\/)?\s*/g, ' ');
}

const sources = [
  ...SOURCE_DIRS.flatMap((d) => files(join(ROOT, d))),
  join(ROOT, 'README.md'),
  join(ROOT, 'SECURITY.md'),
].filter((f) => !f.endsWith('docs-citations.test.ts'));
const texts = sources.map((f) => ({ file: relative(ROOT, f), text: joined(readFileSync(f, 'utf8')) }));

const doc = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8');
const headings = (md: string) => md.split('\n').filter((l) => /^#{1,6} /.test(l));
const norm = (s: string) => s.toLowerCase().replace(/[`*_]/g, '').replace(/\s+/g, ' ');

function cited(pattern: RegExp): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { file, text } of texts) {
    for (const m of text.matchAll(pattern)) {
      const key = (m[1] ?? '').replace(/\.$/, '');
      found.set(key, [...(found.get(key) ?? []), file]);
    }
  }
  return found;
}

describe.each(['okta.md', 'netskope.md'])('docs/%s', (name) => {
  const heads = headings(doc(name));

  it('has a heading for every § number cited anywhere', () => {
    const sections = cited(new RegExp(`${name.replace('.', '\\.')}\`? §(\\d+(?:\\.\\d+)*)`, 'g'));
    expect(sections.size).toBeGreaterThan(3);
    const missing = [...sections].filter(
      ([n]) => !heads.some((h) => new RegExp(`^#+ ${n.replace(/\./g, '\\.')}[. ]`).test(h)),
    );
    expect(missing.map(([n, where]) => `§${n} (cited in ${where[0]})`)).toEqual([]);
  });

  it('has every quoted heading that is cited', () => {
    const quoted = cited(new RegExp(`${name.replace('.', '\\.')}\`?(?: §[\\d.]+)?,? "([^"]{3,80})"`, 'g'));
    const body = norm(doc(name));
    const missing = [...quoted.keys()].filter((q) => !body.includes(norm(q)));
    expect(missing).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('holds every heading or rule the code quotes from the architecture notes', () => {
    // Comments cite the architecture page as `docs/architecture.md "…"`: every quote must resolve here.
    const quoted = cited(/architecture\.md[,:]? "([^"]{3,120})"/g);
    expect(quoted.size).toBeGreaterThan(5);
    const body = norm(doc('architecture.md'));
    const missing = [...quoted].filter(([q]) => !body.includes(norm(q)));
    expect(missing.map(([q, where]) => `"${q}" (cited in ${where[0]})`)).toEqual([]);
  });
});

describe('the repository documents itself', () => {
  it('cites no file outside the repository', () => {
    const outside = texts.filter(({ text }) => /\.\.\/shared\b|\/work\/shared/.test(text)).map((t) => t.file);
    expect(outside).toEqual([]);
  });

  it('keeps README.md a newcomer page with the two commands', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(16_000);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('lists every docs page in docs/README.md', () => {
    const index = doc('README.md');
    const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages.filter((p) => !index.includes(`(${p})`))).toEqual([]);
  });

  it('explains every bench target in bench/targets.json', () => {
    const run = readFileSync(join(ROOT, 'bench', 'run.ts'), 'utf8');
    const targets = JSON.parse(readFileSync(join(ROOT, 'bench', 'targets.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const ids = new Set<string>();
    for (const m of run.matchAll(/^\s*'([a-z0-9-]+)',\s*$/gm)) if (m[1]) ids.add(m[1]);
    for (const m of run.matchAll(/`(membership-spread)-\$\{batch\}`/g)) {
      ids.add(`${m[1]}-100`);
      ids.add(`${m[1]}-1000`);
    }
    expect(ids.size).toBeGreaterThan(10);
    const entry = (id: string) => targets[id] as { purpose?: unknown; whenMissed?: unknown } | undefined;
    const missing = [...ids].filter(
      (id) => typeof entry(id)?.purpose !== 'string' || typeof entry(id)?.whenMissed !== 'string',
    );
    expect(missing).toEqual([]);
  });
});
