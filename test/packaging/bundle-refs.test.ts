/** scripts/package/bundle-refs.ts: runtime imports of the main bundle and local refs of index.html. */
import { describe, expect, it } from 'vitest';
import { externalPackages, htmlLocalRefs, packageOf } from '../../scripts/package/bundle-refs';

describe('externalPackages', () => {
  it('finds bare ESM and CJS imports, minus built-ins, relative files and electron', () => {
    const bundle = [
      'import express from "express";',
      "import { z } from 'zod';",
      'import initSqlJs from "sql.js";',
      'import { Command } from "commander/esm.mjs";',
      'import * as path from "node:path";',
      'import fs from "fs";',
      'import { app, BrowserWindow } from "electron";',
      'import "./chunk-abc.js";',
      'export { x } from "@scope/pkg/sub";',
      'const w = await import("worker-lib");',
      'const c = require("cjs-lib");',
      "/* run the worker with execArgv: ['--import', 'tsx'] */",
      'const wasm = require.resolve("sql.js/dist/sql-wasm.wasm");',
    ].join('\n');
    expect(externalPackages(bundle)).toEqual([
      '@scope/pkg',
      'cjs-lib',
      'commander',
      'express',
      'sql.js',
      'worker-lib',
      'zod',
    ]);
  });

  it.each([
    ['express', 'express'],
    ['sql.js/dist/sql-wasm.js', 'sql.js'],
    ['@tanstack/react-virtual', '@tanstack/react-virtual'],
  ])('packageOf(%s) = %s', (spec, pkg) => {
    expect(packageOf(spec)).toBe(pkg);
  });
});

describe('htmlLocalRefs', () => {
  it('lists scripts, styles and icons the built console loads, not external URLs', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="./favicon.svg">
      <script type="module" crossorigin src="/assets/index-Bx1.js"></script>
      <link rel="stylesheet" crossorigin href="/assets/index-Cy2.css?v=1">
      <link rel="preconnect" href="https://example.com">
      <img src="data:image/png;base64,AAAA">
    </head><body><a href="#main">skip</a></body></html>`;
    expect(htmlLocalRefs(html)).toEqual(['assets/index-Bx1.js', 'assets/index-Cy2.css', 'favicon.svg']);
  });
});
