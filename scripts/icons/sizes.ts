/**
 * The icon sizes every packaging target needs, in one table shared by the generator
 * (`scripts/icons.ts`) and the packaging check, so the two cannot drift apart.
 *
 * All three formats are committed ready-made on purpose: when electron-builder 26 is given an icon in
 * another format it converts it with an "icons" toolset that it downloads on first use
 * (app-builder-lib `toolsets/icons.js`), which fails offline. Given a PNG set directory, an `.icns`
 * and an `.ico` it uses them as they are.
 */

/** Repository-relative path of the one source image. */
export const ICON_SOURCE = 'build/icon.svg';

/** Records which source the committed icons were rendered from (its SHA-256), checked by package:check. */
export const ICON_MANIFEST = 'build/icon-manifest.json';

/**
 * Linux: a directory of `NxN.png` files (electron-builder `linux.icon`), installed into the hicolor
 * theme by the deb and embedded in the AppImage. freedesktop's icon theme spec lists these sizes.
 */
export const LINUX_ICON_DIR = 'build/icons';
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

/** macOS: `.icns` (electron-builder `mac.icon`, also the dmg volume icon). */
export const MAC_ICON = 'build/icon.icns';

/**
 * ICNS element types holding PNG data, with the pixel size each carries (Apple's iconset layout:
 * 16, 32, 128, 256, 512 points at 1x and 2x). `icp4`/`icp5` are the 16/32 px PNG types.
 */
export const ICNS_TYPES = [
  { type: 'icp4', size: 16 },
  { type: 'ic11', size: 32 },
  { type: 'icp5', size: 32 },
  { type: 'ic12', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic13', size: 256 },
  { type: 'ic08', size: 256 },
  { type: 'ic14', size: 512 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 },
] as const;

/** Windows: `.ico` (electron-builder `win.icon`, also the NSIS installer/uninstaller icon). */
export const WIN_ICON = 'build/icon.ico';

/**
 * Sizes in the `.ico`. electron-builder rejects an `.ico` without a 256 px image; the small sizes are
 * the ones Explorer, the taskbar and the title bar pick at 100–200 % scaling.
 */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/**
 * Up to this size `.ico` images are stored as 32-bit BMP (DIB), which every Windows API and NSIS read;
 * larger ones as PNG, as Windows Vista introduced for 256 px and which keeps the file small.
 */
export const ICO_BMP_MAX = 48;

/** Every distinct size the generator has to rasterise. */
export function allSizes(): number[] {
  const set = new Set<number>([...LINUX_SIZES, ...ICNS_TYPES.map((t) => t.size), ...ICO_SIZES]);
  return [...set].sort((a, b) => a - b);
}
