/**
 * Renders every app icon the packaging targets need from the one source image, `build/icon.svg`:
 * the Linux PNG set, the macOS `.icns` and the Windows `.ico` (sizes in `scripts/icons/sizes.ts`),
 * then records the source's hash in `build/icon-manifest.json` so `npm run package:check` notices
 * when the SVG changes and the icons were not regenerated.
 *
 * Run after editing the SVG: `npx tsx scripts/icons.ts` (needs Chromium, see `rasterize.ts`).
 * The outputs are committed so packaging never needs a browser or electron-builder's icon toolset.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linuxIconPath } from './icons/check-icons';
import { buildIcns } from './icons/icns';
import { buildIco } from './icons/ico';
import { sha256, type IconManifest } from './icons/manifest';
import { encodePng } from './icons/png';
import { rasterizeSvg } from './icons/rasterize';
import {
  allSizes,
  ICNS_TYPES,
  ICO_BMP_MAX,
  ICO_SIZES,
  ICON_MANIFEST,
  ICON_SOURCE,
  LINUX_SIZES,
  MAC_ICON,
  WIN_ICON,
} from './icons/sizes';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const svg = await readFile(join(root, ICON_SOURCE));
  const images = await rasterizeSvg(svg.toString('utf8'), allSizes());
  const image = (size: number) => {
    const img = images.get(size);
    if (!img) throw new Error(`no ${size}px rendering`);
    return img;
  };
  const pngs = new Map<number, Buffer>();
  const png = (size: number) => {
    let buf = pngs.get(size);
    if (!buf) pngs.set(size, (buf = encodePng(image(size))));
    return buf;
  };

  const outputs = new Map<string, Buffer>();
  for (const size of LINUX_SIZES) outputs.set(linuxIconPath(size), png(size));
  outputs.set(MAC_ICON, buildIcns(ICNS_TYPES.map(({ type, size }) => ({ type, png: png(size) }))));
  outputs.set(WIN_ICON, buildIco(ICO_SIZES.map(image), ICO_BMP_MAX));

  const manifest: IconManifest = { source: ICON_SOURCE, sourceSha256: sha256(svg), files: {} };
  for (const [rel, data] of outputs) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), data);
    manifest.files[rel] = sha256(data);
    console.log(`${rel}  ${data.length} bytes`);
  }
  await writeFile(join(root, ICON_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`${ICON_MANIFEST}  written`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
