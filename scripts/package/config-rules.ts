/**
 * Static rules for the effective electron-builder configuration (electron-builder.yml merged with
 * package.json as electron-builder itself loaded it). They cover what the offline `--dir` pack
 * cannot exercise: the macOS and Windows targets, the installer options, the deb metadata fpm
 * insists on, and the names of the installers the docs promise.
 */
import type { Configuration } from 'electron-builder';
import { LINUX_ICON_DIR, MAC_ICON, WIN_ICON } from '../icons/sizes';
import { checkFuseConfig } from './fuses';

/** One target of one platform, normalised from electron-builder's several spellings. */
export interface TargetSpec {
  target: string;
  arch: string[];
}

/** Normalises `linux.target` / `mac.target` / `win.target` (string, object or a list of either). */
export function targetsOf(value: unknown): TargetSpec[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map((t: unknown) => {
    if (typeof t === 'string') return { target: t, arch: [] };
    const o = t as { target?: string; arch?: string | string[] };
    return { target: o.target ?? '', arch: o.arch == null ? [] : Array.isArray(o.arch) ? o.arch : [o.arch] };
  });
}

/** The targets issue 5 asks for: platform → target → architectures it must include. */
export const REQUIRED_TARGETS: Record<'linux' | 'mac' | 'win', Record<string, string[]>> = {
  linux: { AppImage: ['x64'], deb: ['x64'] },
  mac: { dmg: ['universal'] },
  win: { nsis: ['x64'] },
};

/** Expands electron-builder's artifact-name macros (`${productName}`, `${version}`, …). */
export function expandArtifactName(pattern: string, vars: Record<string, string>): string {
  return pattern.replace(/\$\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** Installer file names `npm run package` produces, with `<version>` standing for the version. */
export function artifactNames(config: Configuration, packageName: string): Record<string, string> {
  const productName = config.productName ?? packageName;
  const pattern = (section: unknown, fallback: string) =>
    (section as { artifactName?: string | null } | null | undefined)?.artifactName ?? fallback;
  const vars = { productName, name: packageName, version: '<version>' };
  return {
    AppImage: expandArtifactName(pattern(config.appImage, '${productName}-${version}-${arch}.${ext}'), {
      ...vars,
      arch: 'x86_64',
      ext: 'AppImage',
    }),
    deb: expandArtifactName(pattern(config.deb, '${name}_${version}_${arch}.${ext}'), {
      ...vars,
      arch: 'amd64',
      ext: 'deb',
    }),
    dmg: expandArtifactName(pattern(config.dmg, '${productName}-${version}-${arch}.${ext}'), {
      ...vars,
      arch: 'universal',
      ext: 'dmg',
    }),
    nsis: expandArtifactName(pattern(config.nsis, '${productName} Setup ${version}.${ext}'), {
      ...vars,
      arch: 'x64',
      ext: 'exe',
    }),
  };
}

/** Checks the effective configuration; `metadata` is package.json merged with `extraMetadata`. */
export function checkConfig(config: Configuration, metadata: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!config.appId || !/^[a-z][\w-]*(\.[a-z][\w-]*)+$/i.test(config.appId))
    problems.push(`appId ${String(config.appId)} is not a reverse-DNS identifier`);
  if (config.productName !== 'ScimDesk')
    problems.push(`productName is ${String(config.productName)}, not ScimDesk`);
  if (config.asar === false) problems.push('asar is disabled');

  for (const [platform, wanted] of Object.entries(REQUIRED_TARGETS)) {
    const have = targetsOf((config as Record<string, { target?: unknown } | undefined>)[platform]?.target);
    for (const [target, arches] of Object.entries(wanted)) {
      const found = have.find((t) => t.target.toLowerCase() === target.toLowerCase());
      if (!found) problems.push(`${platform}: target ${target} is not configured`);
      else
        for (const arch of arches)
          if (!found.arch.includes(arch))
            problems.push(
              `${platform}: ${target} does not build ${arch}${found.arch.length ? '' : ' (no arch listed: it would follow the build host)'}`,
            );
    }
  }

  if (config.linux?.icon !== LINUX_ICON_DIR) problems.push(`linux.icon must be ${LINUX_ICON_DIR}`);
  if (config.mac?.icon !== MAC_ICON) problems.push(`mac.icon must be ${MAC_ICON}`);
  if (config.win?.icon !== WIN_ICON) problems.push(`win.icon must be ${WIN_ICON}`);

  problems.push(...checkFuseConfig(config.electronFuses as Record<string, unknown> | null | undefined));

  // fpm refuses to build the deb without these (app-builder-lib FpmTarget.computeFpmMetaInfoOptions).
  if (!metadata['homepage']) problems.push('deb: package.json (or extraMetadata) needs a "homepage"');
  const author = metadata['author'] as { email?: string } | undefined;
  if (!config.linux?.maintainer && !author?.email)
    problems.push('deb: linux.maintainer or an author e-mail is needed');

  // docs/install.md ("Uninstall") promises that uninstalling keeps the data.
  if (config.nsis?.deleteAppDataOnUninstall) problems.push('nsis.deleteAppDataOnUninstall must stay false');
  return problems;
}

/** Problems if the install docs do not name every installer the configuration builds. */
export function checkInstallDocs(docs: string, names: Record<string, string>): string[] {
  return Object.entries(names)
    .filter(([, file]) => !docs.includes(file))
    .map(([target, file]) => `install docs do not mention the ${target} installer ${file}`);
}
