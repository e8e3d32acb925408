/**
 * The app icons: the committed files cover every size the targets need and match build/icon.svg,
 * and the PNG/ICO encoders produce images an independent decoder (Chromium's) reads back exactly.
 */
import { cp, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIcons } from '../../scripts/icons/check-icons';
import { buildIcns, readIcns } from '../../scripts/icons/icns';
import { buildIco, readIco } from '../../scripts/icons/ico';
import { encodePng, readPngHeader, type RgbaImage } from '../../scripts/icons/png';
import { DEFAULT_CHROMIUM } from '../../scripts/icons/rasterize';
import { ICO_BMP_MAX, ICON_SOURCE } from '../../scripts/icons/sizes';
import { repoRoot } from './layout-fixture';

/** A deterministic opaque test pattern (opaque so canvas read-back is exact, no premultiplication). */
function pattern(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set([(i * 37) & 0xff, (i * 91 + 13) & 0xff, (i * 7) & 0xff, 255], i * 4);
  }
  return { width, height, data };
}

describe('committed icons', () => {
  it('cover every size and were generated from the current build/icon.svg', async () => {
    expect(await checkIcons(repoRoot)).toEqual([]);
  });

  it('an edited icon.svg without regenerating is reported', async () => {
    const root = await mkdtemp(join(tmpdir(), 'scimdesk-icons-'));
    try {
      await cp(join(repoRoot, 'build'), join(root, 'build'), { recursive: true });
      await appendFile(join(root, ICON_SOURCE), '<!-- edited -->\n');
      await writeFile(join(root, 'build', 'icons', '16x16.png'), encodePng(pattern(16, 16)));
      expect(await checkIcons(root)).toEqual([
        `${ICON_SOURCE} changed since the icons were generated: run npx tsx scripts/icons.ts`,
        'build/icons/16x16.png differs from the generated one: run npx tsx scripts/icons.ts',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('container formats', () => {
  it('ICO: small sizes as 32-bit DIBs, large as PNG, with 256 stored as 0 in the directory', () => {
    const ico = buildIco([pattern(16, 16), pattern(48, 48), pattern(64, 64), pattern(256, 256)], ICO_BMP_MAX);
    expect(readIco(ico)).toEqual([
      { width: 16, height: 16, format: 'bmp' },
      { width: 48, height: 48, format: 'bmp' },
      { width: 64, height: 64, format: 'png' },
      { width: 256, height: 256, format: 'png' },
    ]);
    expect(ico[6 + 3 * 16]).toBe(0);
  });

  it('ICNS: typed PNG elements and a total length that matches the file', () => {
    const icns = buildIcns([
      { type: 'icp4', png: encodePng(pattern(16, 16)) },
      { type: 'ic10', png: encodePng(pattern(1024, 1024)) },
    ]);
    expect(readIcns(icns)).toEqual([
      { type: 'icp4', width: 16, height: 16 },
      { type: 'ic10', width: 1024, height: 1024 },
    ]);
  });

  it.each([
    ['PNG', () => readPngHeader(Buffer.from('GIF89a-not-a-png-at-all-padding-pad'))],
    ['ICO', () => readIco(Buffer.from([0, 0, 2, 0, 1, 0]))],
    ['ICNS', () => readIcns(Buffer.from('icns\0\0\0\x09x'))],
  ])('rejects a file that is not %s', (_name, read) => {
    expect(read).toThrow();
  });
});

describe('encoders against Chromium’s decoders', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Decodes an image with Chromium and returns its pixels at its natural size. */
  async function decode(bytes: Buffer, mime: string): Promise<number[]> {
    const page = await browser.newPage();
    try {
      await page.setContent('<!doctype html><html><body></body></html>');
      return await page.evaluate(
        async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const ctx = canvas.getContext('2d');
          if (!ctx) throw new Error('no 2d context');
          ctx.drawImage(img, 0, 0);
          return Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data);
        },
        `data:${mime};base64,${bytes.toString('base64')}`,
      );
    } finally {
      await page.close();
    }
  }

  it('PNG pixels survive encoding', async () => {
    const img = pattern(23, 17);
    expect(await decode(encodePng(img), 'image/png')).toEqual(Array.from(img.data));
  });

  it('an ICO DIB entry (bottom-up BGRA + AND mask) decodes to the same pixels', async () => {
    const img = pattern(32, 32);
    expect(await decode(buildIco([img], ICO_BMP_MAX), 'image/x-icon')).toEqual(Array.from(img.data));
  });

  it('an ICO PNG entry decodes to the same pixels', async () => {
    const img = pattern(64, 64);
    expect(await decode(buildIco([img], ICO_BMP_MAX), 'image/x-icon')).toEqual(Array.from(img.data));
  });
});
