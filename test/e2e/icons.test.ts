import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { ICON_SIZES, ICON_VARIANTS, ICONS_DIR, parseSvg, rasterize } from '../../scripts/icons';

/**
 * The PNG icons the build renders (scripts/icons.ts) look like the SVGs they come from, as a browser draws them:
 * Chromium renders each SVG at each size and the two images are compared pixel by pixel.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});

/** Chromium's rendering of the SVG as RGBA (drawn on a canvas, so the alpha channel is kept). */
async function chromiumPixels(svg: string, px: number): Promise<number[]> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ svg, px }) => {
        const img = new Image(px, px);
        img.src = `data:image/svg+xml;base64,${btoa(svg)}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = px;
        canvas.height = px;
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0, px, px);
        return [...ctx.getImageData(0, 0, px, px).data];
      },
      { svg, px },
    );
  } finally {
    await page.close();
  }
}

describe('icons: the rasterizer against Chromium', () => {
  for (const variant of ICON_VARIANTS)
    for (const size of ICON_SIZES)
      it(`${variant} at ${size} px`, async () => {
        const svg = readFileSync(join(ICONS_DIR, `${variant}.svg`), 'utf8');
        const ours = rasterize(parseSvg(svg), size);
        const theirs = await chromiumPixels(svg, size);
        // Compare premultiplied colour (a transparent pixel's colour is meaningless) and alpha, per channel.
        let sum = 0;
        let worst = 0;
        for (let i = 0; i < ours.length; i += 4) {
          const a1 = (ours[i + 3] as number) / 255;
          const a2 = (theirs[i + 3] as number) / 255;
          for (let c = 0; c < 3; c++) {
            const d = Math.abs((ours[i + c] as number) * a1 - (theirs[i + c] as number) * a2);
            sum += d;
            worst = Math.max(worst, d);
          }
          const da = Math.abs(a1 - a2) * 255;
          sum += da;
          worst = Math.max(worst, da);
        }
        const mean = sum / ours.length;
        // Edges anti-alias a little differently (measured: mean 3.1 at 16 px down to 0.4 at 128, worst 40–60);
        // a shape moved, missing or recoloured puts whole pixels ~200 apart.
        expect(mean).toBeLessThan(size <= 16 ? 4 : 2);
        expect(worst).toBeLessThan(80);
      });
});
