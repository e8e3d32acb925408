// The import rules between ScimDesk's layers (docs/architecture.md, "Layers"), as data: the
// ESLint config turns each zone into a no-restricted-imports rule, and
// test/architecture/layers.test.ts proves that a breach of each zone fails the lint.
// Patterns are gitignore-style and match the import specifier as written, so layers are
// named by their folder: `**/store/**` is any relative path into server/store.

const layer = (...dirs) => dirs.flatMap((dir) => [`**/${dir}`, `**/${dir}/**`]);
const NO_IO = ['zod', 'node:*', 'express', 'sql.js'];

/**
 * Each zone: the files it covers and what they may not import. Zones never overlap, because
 * ESLint keeps only the last options of a rule for a file; the rule that applies to all of
 * server/ (no Electron, no renderer) lives in SERVER_WIDE under another rule name.
 * @type {{ name: string, files: string[], forbid: string[], message: string, allowTypeImports?: boolean }[]}
 */
export const LAYER_ZONES = [
  {
    name: 'domain',
    files: ['server/domain/**/*.ts'],
    forbid: [...layer('query', 'store', 'scim', 'admin', 'log', 'auth', 'faults', 'app', 'core'), ...NO_IO],
    message: 'server/domain is plain data and functions: no I/O, no zod, nothing else of ours.',
  },
  {
    name: 'query',
    files: ['server/query/**/*.ts'],
    forbid: [...layer('store', 'scim', 'admin', 'log', 'auth', 'faults', 'app', 'core'), ...NO_IO],
    message: 'server/query depends on server/domain only.',
  },
  {
    name: 'store',
    files: ['server/store/**/*.ts'],
    forbid: layer('scim', 'admin', 'log', 'auth', 'faults', 'app', 'core'),
    message: 'server/store imports only server/domain and server/query.',
  },
  {
    name: 'scim',
    files: ['server/scim/**/*.ts'],
    forbid: layer('admin', 'app'),
    message: 'The SCIM path never depends on the console contract.',
  },
  {
    name: 'log',
    files: ['server/log/**/*.ts'],
    forbid: layer('admin', 'scim', 'app'),
    message: 'The request log depends on server/domain, not on the SCIM handlers or the console contract.',
  },
  {
    name: 'simulator',
    files: ['server/simulator/**/*.ts'],
    forbid: layer('store', 'scim', 'admin', 'log', 'auth', 'faults', 'app', 'core'),
    message:
      'server/simulator is a SCIM client: it talks to a server over HTTP and may use server/domain and server/query only.',
  },
  {
    name: 'http',
    files: ['server/http/**/*.ts'],
    forbid: layer('domain', 'query', 'store', 'scim', 'admin', 'log', 'auth', 'faults', 'app', 'core'),
    message: 'server/http holds plain node:http helpers that both listeners share: nothing else of ours.',
  },
  {
    name: 'renderer',
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    allowTypeImports: true,
    forbid: layer('server', 'electron'),
    message:
      'The renderer may only `import type` from server/ (it reaches the server through the admin API).',
  },
];

/** Applies to every file of server/ (core rule name, so it stacks with the zones above). */
export const SERVER_WIDE = {
  name: 'server',
  files: ['server/**/*.ts'],
  forbid: ['electron', 'electron/**', ...layer('electron', 'renderer')],
  message: 'server/ runs without Electron and never imports the console.',
};
