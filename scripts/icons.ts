import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/**
 * Stint's icons are drawn as SVG in icons/ and rendered to PNG at build (wxt.config.ts), with no image library
 * and no browser: the SVGs keep to a small subset — <circle>, <rect> with rx, <line> with round caps, solid
 * #rrggbb colours — which this file parses and rasterizes with signed distances (anti-aliased edges, drawn in
 * document order). Anything outside that subset is an error, so the PNGs never silently differ from the SVG.
 */

export const ICON_SIZES = [16, 32, 48, 128] as const;
export const ICON_VARIANTS = ['stint', 'stint-running'] as const;
export const ICONS_DIR = fileURLToPath(new URL('../icons/', import.meta.url));

type Rgb = [number, number, number];
type Shape =
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: Rgb }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; rx: number; fill: Rgb }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; stroke: Rgb };

export interface Drawing {
  size: number;
  shapes: Shape[];
}

const ATTRS: Record<string, string[]> = {
  circle: ['cx', 'cy', 'r', 'fill'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'fill'],
  line: ['x1', 'y1', 'x2', 'y2', 'stroke', 'stroke-width', 'stroke-linecap'],
};

function colour(value: string | undefined, where: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value ?? '');
  if (!m) throw new Error(`${where}: colours are #rrggbb, got ${value}`);
  return [Number.parseInt(m[1] as string, 16), Number.parseInt(m[2] as string, 16), Number.parseInt(m[3] as string, 16)];
}

/** Parses the subset; throws on any other element or attribute. */
export function parseSvg(svg: string): Drawing {
  const body = svg.replace(/<!--[\s\S]*?-->/g, '');
  const root = /<svg\b([^>]*)>/.exec(body);
  const viewBox = root && /viewBox="0 0 (\d+) (\d+)"/.exec(root[1] as string);
  if (!viewBox || viewBox[1] !== viewBox[2]) throw new Error('the icon needs a square viewBox="0 0 N N"');
  const shapes: Shape[] = [];
  for (const m of body.matchAll(/<(\/?)(\w+)\b([^>]*?)(\/?)>/g)) {
    const [, closing, tag = '', rawAttrs = ''] = m;
    // <title> names the icon for assistive technology; it draws nothing.
    if (tag === 'svg' || tag === 'title' || closing) continue;
    const allowed = ATTRS[tag];
    if (!allowed) throw new Error(`<${tag}> is outside the icon subset`);
    const a: Record<string, string> = {};
    for (const [, k = '', v = ''] of rawAttrs.matchAll(/([\w-]+)="([^"]*)"/g)) {
      if (!allowed.includes(k)) throw new Error(`<${tag} ${k}> is outside the icon subset`);
      a[k] = v;
    }
    const n = (k: string, fallback?: number) => {
      const v = a[k] === undefined ? fallback : Number(a[k]);
      if (v === undefined || !Number.isFinite(v)) throw new Error(`<${tag}> needs a number ${k}`);
      return v;
    };
    if (tag === 'circle') shapes.push({ kind: 'circle', cx: n('cx'), cy: n('cy'), r: n('r'), fill: colour(a.fill, tag) });
    if (tag === 'rect')
      shapes.push({
        kind: 'rect',
        x: n('x'),
        y: n('y'),
        width: n('width'),
        height: n('height'),
        rx: n('rx', 0),
        fill: colour(a.fill, tag),
      });
    if (tag === 'line') {
      if (a['stroke-linecap'] !== 'round') throw new Error('<line> needs stroke-linecap="round"');
      shapes.push({
        kind: 'line',
        x1: n('x1'),
        y1: n('y1'),
        x2: n('x2'),
        y2: n('y2'),
        width: n('stroke-width'),
        stroke: colour(a.stroke, tag),
      });
    }
  }
  return { size: Number(viewBox[1]), shapes };
}

/** Signed distance from (x, y) to the shape's edge, in drawing units (negative inside). */
function distance(s: Shape, x: number, y: number): number {
  if (s.kind === 'circle') return Math.hypot(x - s.cx, y - s.cy) - s.r;
  if (s.kind === 'line') {
    const dx = s.x2 - s.x1;
    const dy = s.y2 - s.y1;
    const t = Math.max(0, Math.min(1, ((x - s.x1) * dx + (y - s.y1) * dy) / (dx * dx + dy * dy || 1)));
    return Math.hypot(x - (s.x1 + t * dx), y - (s.y1 + t * dy)) - s.width / 2;
  }
  // Rounded rectangle: distance to the inner rectangle shrunk by rx, minus rx.
  const hx = s.width / 2 - s.rx;
  const hy = s.height / 2 - s.rx;
  const qx = Math.abs(x - (s.x + s.width / 2)) - hx;
  const qy = Math.abs(y - (s.y + s.height / 2)) - hy;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.rx;
}

/** RGBA pixels, row by row, `px` × `px`. */
export function rasterize(drawing: Drawing, px: number): Uint8Array {
  const scale = px / drawing.size;
  const out = new Uint8Array(px * px * 4);
  for (let row = 0; row < px; row++) {
    for (let col = 0; col < px; col++) {
      const x = (col + 0.5) / scale;
      const y = (row + 0.5) / scale;
      // Premultiplied source-over, one shape at a time; coverage from the distance in pixels.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const s of drawing.shapes) {
        const cover = Math.max(0, Math.min(1, 0.5 - distance(s, x, y) * scale));
        if (cover === 0) continue;
        const [sr, sg, sb] = s.kind === 'line' ? s.stroke : s.fill;
        r = sr * cover + r * (1 - cover);
        g = sg * cover + g * (1 - cover);
        b = sb * cover + b * (1 - cover);
        a = cover + a * (1 - cover);
      }
      const i = (row * px + col) * 4;
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round(a * 255);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG (no filtering; deflate does the rest). */
export function encodePng(rgba: Uint8Array, px: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(px * (px * 4 + 1));
  for (let row = 0; row < px; row++) raw.set(rgba.subarray(row * px * 4, (row + 1) * px * 4), row * (px * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** `icons/<variant>-<size>.png` inside the build, as the manifest and the background name them. */
export const iconPath = (variant: (typeof ICON_VARIANTS)[number], size: number) => `icons/${variant}-${size}.png`;

/** Renders every variant at every size from icons/*.svg into `dir`; returns build-relative → absolute paths. */
export function renderIcons(dir: string): { relativeDest: string; absoluteSrc: string }[] {
  mkdirSync(join(dir, 'icons'), { recursive: true });
  const out: { relativeDest: string; absoluteSrc: string }[] = [];
  for (const variant of ICON_VARIANTS) {
    const drawing = parseSvg(readFileSync(join(ICONS_DIR, `${variant}.svg`), 'utf8'));
    for (const size of ICON_SIZES) {
      const relativeDest = iconPath(variant, size);
      const absoluteSrc = join(dir, relativeDest);
      writeFileSync(absoluteSrc, encodePng(rasterize(drawing, size), size));
      out.push({ relativeDest, absoluteSrc });
    }
  }
  return out;
}
