/** electron/paths.ts: renderer, preload and sql.js wasm in the dev and packaged layouts. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from '../../electron/paths';

describe('resolveAppPaths', () => {
  it('development: everything under the project root', () => {
    expect(
      resolveAppPaths({
        isPackaged: false,
        appPath: '/src/scimdesk',
        resourcesPath: '/x',
        pathImpl: path.posix,
      }),
    ).toEqual({
      rendererDir: '/src/scimdesk/out/renderer',
      preloadPath: '/src/scimdesk/out/preload/index.cjs',
      sqlWasmPath: '/src/scimdesk/node_modules/sql.js/dist/sql-wasm.wasm',
    });
  });

  it('packaged (asar): renderer and preload inside the archive, wasm unpacked', () => {
    expect(
      resolveAppPaths({
        isPackaged: true,
        appPath: '/opt/ScimDesk/resources/app.asar',
        resourcesPath: '/opt/ScimDesk/resources',
        pathImpl: path.posix,
      }),
    ).toEqual({
      rendererDir: '/opt/ScimDesk/resources/app.asar/out/renderer',
      preloadPath: '/opt/ScimDesk/resources/app.asar/out/preload/index.cjs',
      sqlWasmPath: '/opt/ScimDesk/resources/app.asar.unpacked/node_modules/sql.js/dist/sql-wasm.wasm',
    });
  });

  it('packaged on Windows', () => {
    const r = resolveAppPaths({
      isPackaged: true,
      appPath: 'C:\\Program Files\\ScimDesk\\resources\\app.asar',
      resourcesPath: 'C:\\Program Files\\ScimDesk\\resources',
      pathImpl: path.win32,
    });
    expect(r.sqlWasmPath).toBe(
      'C:\\Program Files\\ScimDesk\\resources\\app.asar.unpacked\\node_modules\\sql.js\\dist\\sql-wasm.wasm',
    );
    expect(r.rendererDir).toBe('C:\\Program Files\\ScimDesk\\resources\\app.asar\\out\\renderer');
  });

  it('packaged without asar: no unpacked twin', () => {
    const r = resolveAppPaths({
      isPackaged: true,
      appPath: '/opt/ScimDesk/resources/app',
      resourcesPath: '/opt/ScimDesk/resources',
      pathImpl: path.posix,
    });
    expect(r.sqlWasmPath).toBe('/opt/ScimDesk/resources/app/node_modules/sql.js/dist/sql-wasm.wasm');
  });
});
