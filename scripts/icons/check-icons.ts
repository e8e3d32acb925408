import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readIcns } from './icns';
import { readIco } from './ico';
import { checkIconManifest } from './manifest';
import { readPngHeader } from './png';
import { ICNS_TYPES, ICO_SIZES, LINUX_ICON_DIR, LINUX_SIZES, MAC_ICON, WIN_ICON } from './sizes';

/** Repository-relative path of the Linux PNG for one size (electron-builder reads the size from the name). */
export function linuxIconPath(size: number): string {
  return `${LINUX_ICON_DIR}/${size}x${size}.png`;
}

/**
 * Checks the committed icons by parsing them: every Linux PNG has the size its name claims, the
 * `.icns` holds every Apple iconset size, the `.ico` every Windows size including the 256 px image
 * electron-builder requires, and all were generated from the current `build/icon.svg`.
 * Returns one message per problem (empty when all is well).
 */
export async function checkIcons(root: string): Promise<string[]> {
  const problems: string[] = [];
  const read = (rel: string) =>
    readFile(join(root, rel)).catch(() => {
      problems.push(`${rel} is missing`);
      return null;
    });

  for (const size of LINUX_SIZES) {
    const rel = linuxIconPath(size);
    const png = await read(rel);
    if (!png) continue;
    try {
      const h = readPngHeader(png);
      if (h.width !== size || h.height !== size) problems.push(`${rel} is ${h.width}x${h.height}`);
      if (h.colorType !== 6) problems.push(`${rel} has no alpha channel (colour type ${h.colorType})`);
    } catch (err) {
      problems.push(`${rel}: ${(err as Error).message}`);
    }
  }

  const icns = await read(MAC_ICON);
  if (icns) {
    try {
      const found = readIcns(icns);
      for (const want of ICNS_TYPES) {
        const el = found.find((e) => e.type === want.type);
        if (!el) problems.push(`${MAC_ICON} lacks ${want.type} (${want.size}px)`);
        else if (el.width !== want.size || el.height !== want.size)
          problems.push(`${MAC_ICON} ${want.type} is ${el.width}x${el.height}, expected ${want.size}`);
      }
    } catch (err) {
      problems.push(`${MAC_ICON}: ${(err as Error).message}`);
    }
  }

  const ico = await read(WIN_ICON);
  if (ico) {
    try {
      const found = readIco(ico);
      for (const size of ICO_SIZES) {
        if (!found.some((i) => i.width === size && i.height === size))
          problems.push(`${WIN_ICON} lacks ${size}px`);
      }
    } catch (err) {
      problems.push(`${WIN_ICON}: ${(err as Error).message}`);
    }
  }

  problems.push(...(await checkIconManifest(root)));
  return problems;
}
