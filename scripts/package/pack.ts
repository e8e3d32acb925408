import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Arch, build, Platform, type AfterPackContext, type Configuration } from 'electron-builder';
import { createStubElectron } from './stub-electron';

/** What a `--dir` pack produced, and the configuration electron-builder actually used. */
export interface DirPack {
  /** `<output>/linux-unpacked` */
  appOutDir: string;
  /** `<appOutDir>/resources` (process.resourcesPath of the packaged app) */
  resourcesDir: string;
  /** the fuse-flipped executable */
  executable: string;
  /** electron-builder.yml merged with package.json metadata and the overrides below */
  config: Configuration;
  /** the project's package.json merged with `extraMetadata`, as electron-builder saw it */
  metadata: Record<string, unknown>;
  /** files found in the download caches afterwards (must stay empty: nothing downloaded) */
  downloaded: string[];
  /**
   * The icon files electron-builder's own resolution picks for each platform's configured icon
   * (`PlatformPackager.resolveIcon`); a source in the wrong format would instead be converted by
   * its downloaded icon toolset.
   */
  icons: { linux: string[]; mac: string[]; win: string[] };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Packs the project for linux-x64 with the `dir` target against a stub Electron (see
 * stub-electron.ts), which is what electron-builder can do offline: no Electron zip (electronDist),
 * no fpm/AppImage/NSIS tools (dir target), no icon converter (icons are committed ready-made), no
 * native rebuild (npmRebuild false). The download caches point into `workDir`, so any download
 * attempt shows up in `downloaded`. Schema validation of the whole config (all platforms) happens
 * inside `build`.
 */
export async function packDir(projectDir: string, workDir: string): Promise<DirPack> {
  const stubDir = await createStubElectron(join(workDir, 'stub-electron'));
  const output = join(workDir, 'dist');
  const cacheDir = join(workDir, 'cache');
  process.env['ELECTRON_BUILDER_CACHE'] = join(cacheDir, 'electron-builder');
  process.env['electron_config_cache'] = join(cacheDir, 'electron');
  process.env['CSC_IDENTITY_AUTO_DISCOVERY'] = 'false';

  let captured: AfterPackContext | null = null;
  const overrides: Configuration = {
    electronDist: stubDir,
    directories: { output },
    afterPack: async (context) => {
      captured = context;
    },
  };
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config: overrides,
    publish: 'never',
  });
  const context = captured as AfterPackContext | null;
  if (!context) throw new Error('electron-builder finished without calling afterPack');
  const packager = context.packager;
  const appOutDir = context.appOutDir;
  const config = packager.config;
  // A conversion attempt means a download, which fails offline: report it as the resolved "file".
  const resolveIcon = async (icon: string | null | undefined, format: 'set' | 'icns' | 'ico') =>
    icon
      ? packager.resolveIcon([icon], [], format).then(
          (infos) => infos.map((i) => i.file),
          (err: unknown) => [`${icon} needs conversion (${String((err as Error).message).split('\n')[0]})`],
        )
      : [];
  const icons = {
    linux: await resolveIcon(config.linux?.icon, 'set'),
    mac: await resolveIcon(config.mac?.icon, 'icns'),
    win: await resolveIcon(config.win?.icon, 'ico'),
  };
  return {
    appOutDir,
    resourcesDir: join(appOutDir, 'resources'),
    executable: join(appOutDir, (packager as unknown as { executableName: string }).executableName),
    config,
    metadata: packager.info.metadata as Record<string, unknown>,
    icons,
    downloaded: await listFiles(cacheDir),
  };
}
