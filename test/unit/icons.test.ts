// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toolbarIcon } from '../../lib/core/badge';
import type { Entry } from '../../lib/core/entry';
import { encodePng, ICON_SIZES, ICON_VARIANTS, ICONS_DIR, iconPath, parseSvg, rasterize } from '../../scripts/icons';

const drawing = (variant: string) => parseSvg(readFileSync(join(ICONS_DIR, `${variant}.svg`), 'utf8'));
const pixel = (rgba: Uint8Array, px: number, x: number, y: number) => [...rgba.subarray((y * px + x) * 4, (y * px + x) * 4 + 4)];

/** Reads back an 8-bit RGBA PNG written without filters, checking every chunk's CRC. */
function decodePng(png: Buffer): { px: number; rgba: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let px = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    expect(png.readUInt32BE(at + 8 + len)).toBe(crc32(png.subarray(at + 4, at + 8 + len)));
    if (type === 'IHDR') {
      px = data.readUInt32BE(0);
      expect([data.readUInt32BE(4), ...data.subarray(8)]).toEqual([px, 8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(px * px * 4);
  for (let row = 0; row < px; row++) {
    expect(raw[row * (px * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(row * (px * 4 + 1) + 1, (row + 1) * (px * 4 + 1)), row * px * 4);
  }
  return { px, rgba };
}

describe('icons rendered from icons/*.svg', () => {
  it('draws the stopwatch: transparent corners, the slate rim, the white face, the hand', () => {
    const rgba = rasterize(drawing('stint'), 128);
    expect(pixel(rgba, 128, 0, 127)).toEqual([0, 0, 0, 0]);
    expect(pixel(rgba, 128, 64, 120)).toEqual([0x2f, 0x3a, 0x45, 255]); // rim, below the face
    expect(pixel(rgba, 128, 45, 90)).toEqual([255, 255, 255, 255]); // face
    expect(pixel(rgba, 128, 64, 55)).toEqual([0x2f, 0x3a, 0x45, 255]); // hand at twelve
    // Edges are anti-aliased: some pixel on the rim's outer edge is partly covered.
    const edge = Array.from({ length: 128 }, (_, y) => pixel(rgba, 128, 64, y)[3] as number);
    expect(edge.some((a) => a > 0 && a < 255)).toBe(true);
  });

  it('the running variant is green with its hand moved on', () => {
    const rgba = rasterize(drawing('stint-running'), 128);
    expect(pixel(rgba, 128, 64, 120)).toEqual([0x1a, 0x7f, 0x37, 255]);
    expect(pixel(rgba, 128, 64, 55)).toEqual([255, 255, 255, 255]); // twelve o'clock is empty now
    expect(pixel(rgba, 128, 80, 65)).toEqual([0x1a, 0x7f, 0x37, 255]);
  });

  it('encodes a PNG that decodes to the same pixels, at every size and variant', () => {
    for (const variant of ICON_VARIANTS)
      for (const size of ICON_SIZES) {
        const rgba = rasterize(drawing(variant), size);
        const back = decodePng(encodePng(rgba, size));
        expect(back.px).toBe(size);
        expect(Buffer.from(back.rgba).equals(Buffer.from(rgba))).toBe(true);
      }
  });

  it('refuses SVG outside the subset it renders', () => {
    const svg = (inner: string) => `<svg viewBox="0 0 128 128">${inner}</svg>`;
    expect(() => parseSvg(svg('<path d="M0 0L10 10" fill="#000000"/>'))).toThrow(/<path> is outside/);
    expect(() => parseSvg(svg('<circle cx="1" cy="1" r="1" fill="red"/>'))).toThrow(/#rrggbb/);
    expect(() => parseSvg(svg('<circle cx="1" cy="1" r="1" fill="#000000" opacity="0.5"/>'))).toThrow(/opacity/);
    expect(() => parseSvg(svg('<line x1="0" y1="0" x2="1" y2="1" stroke="#000000" stroke-width="2"/>'))).toThrow(/round/);
    expect(() => parseSvg('<svg viewBox="0 0 128 64"></svg>')).toThrow(/square/);
  });

  it("the background's toolbar icons are files the build renders", () => {
    const built = new Set(ICON_VARIANTS.flatMap((v) => ICON_SIZES.map((s) => `/${iconPath(v, s)}`)));
    const running = { running: true } as Entry;
    for (const icon of [toolbarIcon(null), toolbarIcon(running)]) for (const path of Object.values(icon)) expect(built).toContain(path);
    expect(toolbarIcon(running)[16]).toContain('running');
    expect(toolbarIcon(null)[16]).not.toContain('running');
  });
});
