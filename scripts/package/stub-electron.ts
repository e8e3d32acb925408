import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ELECTRON_DEFAULT_FUSES, encodeFuseWire } from './fuses';

/** Locale packs in the stub: one the config keeps (`electronLanguages`) and one it must drop. */
export const STUB_LOCALES = ['en-US.pak', 'de.pak'] as const;

/**
 * Writes a stand-in for an unpacked linux-x64 Electron distribution, for electron-builder's
 * `electronDist` option (app-builder-lib `ElectronFramework.unpack`: a directory without the
 * `electron-v*.zip` inside is copied as an already-unpacked Electron). For a Linux `--dir` pack
 * electron-builder then needs only:
 *   - `electron`: renamed to the executable name (`beforeCopyExtraFiles`), then fuse-flipped,
 *     so it carries a real fuse wire with Electron's default states for @electron/fuses to flip;
 *   - `locales/*.pak`: read when `electronLanguages` is set (`removeUnusedLanguagesIfNeeded`);
 * `resources/` is created when app.asar is written. The stub is a shell script that refuses to run,
 * so nothing can mistake it for Electron.
 */
export async function createStubElectron(dir: string): Promise<string> {
  await mkdir(join(dir, 'locales'), { recursive: true });
  const script = Buffer.from(
    '#!/bin/sh\necho "stub Electron for npm run package:check, not runnable" >&2\nexit 1\n# ',
  );
  const executable = join(dir, 'electron');
  await writeFile(
    executable,
    Buffer.concat([script, encodeFuseWire(ELECTRON_DEFAULT_FUSES), Buffer.from('\n')]),
  );
  await chmod(executable, 0o755);
  for (const pak of STUB_LOCALES) await writeFile(join(dir, 'locales', pak), 'stub locale\n');
  await writeFile(join(dir, 'LICENSE'), 'stub Electron licence\n');
  return dir;
}
