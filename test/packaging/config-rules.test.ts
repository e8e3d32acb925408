/**
 * scripts/package/config-rules.ts: the static rules for the parts of electron-builder.yml the
 * offline `--dir` pack cannot exercise. The real file is checked by `npm run package:check`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import {
  artifactNames,
  checkConfig,
  checkInstallDocs,
  expandArtifactName,
  targetsOf,
} from '../../scripts/package/config-rules';
import { REQUIRED_FUSES } from '../../scripts/package/fuses';
import { repoRoot } from './layout-fixture';

/** The shape electron-builder.yml has once loaded (the same values, written as an object). */
function goodConfig(): Configuration {
  return {
    appId: 'dev.scimdesk.console',
    productName: 'ScimDesk',
    asar: true,
    electronFuses: Object.fromEntries(Object.entries(REQUIRED_FUSES).filter(([, v]) => v !== undefined)),
    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      icon: 'build/icons',
      maintainer: 'ScimDesk maintainers <maintainers@scimdesk.invalid>',
    },
    mac: { target: [{ target: 'dmg', arch: ['universal'] }], icon: 'build/icon.icns' },
    win: { target: [{ target: 'nsis', arch: ['x64'] }], icon: 'build/icon.ico' },
    appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
    dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    nsis: { artifactName: '${productName}-Setup-${version}.${ext}', deleteAppDataOnUninstall: false },
  };
}
const metadata = { name: 'scimdesk', homepage: 'https://scimdesk.invalid/' };

describe('checkConfig', () => {
  it('accepts the configuration issue 5 asks for', () => {
    expect(checkConfig(goodConfig(), metadata)).toEqual([]);
  });

  it.each<[string, (c: Configuration) => Configuration, Record<string, unknown>, string[]]>([
    [
      'a macOS dmg that is not universal',
      (c) => ({ ...c, mac: { ...c.mac, target: { target: 'dmg', arch: 'arm64' } } }),
      metadata,
      ['mac: dmg does not build universal'],
    ],
    [
      'no deb target',
      (c) => ({ ...c, linux: { ...c.linux, target: 'AppImage' } }),
      metadata,
      [
        'linux: AppImage does not build x64 (no arch listed: it would follow the build host)',
        'linux: target deb is not configured',
      ],
    ],
    ['asar switched off', (c) => ({ ...c, asar: false }), metadata, ['asar is disabled']],
    [
      'a PNG icon for Windows (electron-builder would download its converter)',
      (c) => ({ ...c, win: { ...c.win, icon: 'build/icons/256x256.png' } }),
      metadata,
      ['win.icon must be build/icon.ico'],
    ],
    [
      'deb metadata fpm requires',
      (c) => ({ ...c, linux: { ...c.linux, maintainer: null } }),
      { name: 'scimdesk' },
      [
        'deb: package.json (or extraMetadata) needs a "homepage"',
        'deb: linux.maintainer or an author e-mail is needed',
      ],
    ],
    [
      'an uninstaller that deletes the data the docs say stays',
      (c) => ({ ...c, nsis: { ...c.nsis, deleteAppDataOnUninstall: true } }),
      metadata,
      ['nsis.deleteAppDataOnUninstall must stay false'],
    ],
    [
      'another product name',
      (c) => ({ ...c, productName: 'Scim Desk' }),
      metadata,
      ['productName is Scim Desk, not ScimDesk'],
    ],
  ])('rejects %s', (_name, mutate, meta, problems) => {
    expect(checkConfig(mutate(goodConfig()), meta)).toEqual(problems);
  });
});

describe('targetsOf', () => {
  it.each([
    ['AppImage', [{ target: 'AppImage', arch: [] }]],
    [{ target: 'dmg', arch: 'universal' }, [{ target: 'dmg', arch: ['universal'] }]],
    [
      ['deb', { target: 'nsis', arch: ['x64', 'arm64'] }],
      [
        { target: 'deb', arch: [] },
        { target: 'nsis', arch: ['x64', 'arm64'] },
      ],
    ],
    [undefined, []],
  ])('%j', (value, expected) => {
    expect(targetsOf(value)).toEqual(expected);
  });
});

describe('installer names and the install docs', () => {
  it('expands artifact-name macros and leaves unknown ones visible', () => {
    expect(
      expandArtifactName('${productName}-${version}-${arch}.${ext}${channel}', {
        productName: 'ScimDesk',
        version: '1.0.0',
        arch: 'x86_64',
        ext: 'AppImage',
      }),
    ).toBe('ScimDesk-1.0.0-x86_64.AppImage${channel}');
  });

  it('docs/install.md names every installer of this configuration', async () => {
    const names = artifactNames(goodConfig(), 'scimdesk');
    expect(names).toEqual({
      AppImage: 'ScimDesk-<version>-x86_64.AppImage',
      deb: 'scimdesk_<version>_amd64.deb',
      dmg: 'ScimDesk-<version>-universal.dmg',
      nsis: 'ScimDesk-Setup-<version>.exe',
    });
    const docs = await readFile(join(repoRoot, 'docs', 'install.md'), 'utf8');
    expect(checkInstallDocs(docs, names)).toEqual([]);
    expect(checkInstallDocs('nothing here', names)).toHaveLength(4);
  });
});
