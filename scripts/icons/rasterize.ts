import { chromium } from 'playwright-core';
import type { RgbaImage } from './png';

/** Debian's Chromium, the same browser the e2e tests drive; override with CHROMIUM_PATH. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Renders an SVG at each requested square size with headless Chromium (playwright-core, no browser
 * download) and returns the raw RGBA pixels. Each size is drawn from the vector source rather than
 * scaled down from a large bitmap, so the 16 and 24 px icons stay sharp.
 */
export async function rasterizeSvg(svg: string, sizes: readonly number[]): Promise<Map<number, RgbaImage>> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    const result = new Map<number, RgbaImage>();
    for (const size of sizes) {
      const base64 = await page.evaluate(
        async ({ source, px }) => {
          const img = new Image();
          img.src = 'data:image/svg+xml;base64,' + btoa(source);
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = px;
          canvas.height = px;
          const ctx = canvas.getContext('2d');
          if (!ctx) throw new Error('no 2d context');
          ctx.drawImage(img, 0, 0, px, px);
          const bytes = ctx.getImageData(0, 0, px, px).data;
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) {
            binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          }
          return btoa(binary);
        },
        { source: svg, px: size },
      );
      result.set(size, { width: size, height: size, data: new Uint8Array(Buffer.from(base64, 'base64')) });
    }
    return result;
  } finally {
    await browser.close();
  }
}
