import { isBuiltin } from 'node:module';

/** The package a bare specifier names: `a/b` → `a`, `@s/a/b` → `@s/a`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const IMPORT_PATTERNS = [
  /\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"'\n]+)["']/g,
  /\bexport\s*[\w*{}\s,$]+\s*from\s*["']([^"'\n]+)["']/g,
  /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g,
  /\brequire(?:\.resolve)?\(\s*["']([^"'\n]+)["']\s*\)/g,
];

/** An npm package name, optionally with a subpath: no spaces, commas or quotes. */
const BARE_SPECIFIER = /^(?:@[\w.-]+\/)?[\w][\w.-]*(?:\/[\w./-]*)?$/;

/**
 * The packages a built main-process bundle loads at run time from node_modules: electron-vite
 * externalises dependencies, so what remains as a bare `import`/`require` must be in the package.
 * Node built-ins (`node:fs`, `path`) and `electron` (provided by the runtime) are left out, and so
 * is anything that cannot be a package name (a comment such as `['--import', 'tsx']` looks like
 * an import to a regular expression).
 */
export function externalPackages(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of source.matchAll(pattern)) {
      const spec = m[1] ?? '';
      if (!BARE_SPECIFIER.test(spec) || spec.startsWith('.') || isBuiltin(spec)) continue;
      const pkg = packageOf(spec);
      if (pkg !== 'electron') found.add(pkg);
    }
  }
  return [...found].sort();
}

/**
 * Local files an HTML page references (`src`/`href`), as paths relative to the page's directory,
 * so the check can prove every script and stylesheet of the built console is in the package.
 */
export function htmlLocalRefs(html: string): string[] {
  const refs = new Set<string>();
  for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) {
    const ref = (m[1] ?? '').split(/[?#]/)[0] ?? '';
    if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) continue;
    refs.add(ref.replace(/^\.?\//, ''));
  }
  return [...refs].sort();
}
