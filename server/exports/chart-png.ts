/**
 * The coverage chart of the report (requirements per area × coverage, stacked bars) as a PNG, drawn
 * in plain TypeScript: a small RGB canvas, text from pre-rendered glyph masks (chart-font.ts) and a
 * PNG encoder over node:zlib. No browser, no native module.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { COVERAGE, type Coverage } from '../../schema/types.ts';
import { ASCENT, GLYPHS, HEIGHT, MASKS } from './chart-font.ts';
import { COVERAGE_NB } from './labels.ts';

type Rgb = readonly [number, number, number];

const hex = (value: string): Rgb => [
  Number.parseInt(value.slice(1, 3), 16),
  Number.parseInt(value.slice(3, 5), 16),
  Number.parseInt(value.slice(5, 7), 16),
];

/** The client's coverage colours (Okabe–Ito, safe for colour-vision deficiencies). */
export const COVERAGE_COLOURS: Record<Coverage, string> = {
  covered: '#009e73',
  partially_covered: '#e69f00',
  not_covered: '#d55e00',
  not_applicable: '#7a7a7a',
  not_assessed: '#c7cdd4',
};

const TEXT: Rgb = hex('#1b1f24');
const MUTED: Rgb = hex('#4f5862');
const GRID: Rgb = hex('#dde2e7');
const WHITE: Rgb = [255, 255, 255];

interface Glyph {
  advance: number;
  left: number;
  width: number;
  mask: Uint8Array;
}

let glyphCache: Map<string, Glyph> | undefined;
function glyphs(): Map<string, Glyph> {
  if (glyphCache) return glyphCache;
  const bytes = inflateSync(Buffer.from(MASKS, 'base64'));
  const map = new Map<string, Glyph>();
  let offset = 0;
  for (const [ch, advance, left, width] of GLYPHS) {
    map.set(ch, { advance, left, width, mask: bytes.subarray(offset, offset + width * HEIGHT) });
    offset += width * HEIGHT;
  }
  glyphCache = map;
  return map;
}

const glyphOf = (ch: string) => glyphs().get(ch) ?? (glyphs().get('?') as Glyph);

export class Canvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = WHITE,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, colour: Rgb) {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) this.pixels.set(colour, (py * this.width + px) * 3);
    }
  }

  private blend(px: number, py: number, colour: Rgb, alpha: number) {
    if (px < 0 || py < 0 || px >= this.width || py >= this.height || alpha === 0) return;
    const i = (py * this.width + px) * 3;
    const a = alpha / 255;
    for (let c = 0; c < 3; c++) {
      this.pixels[i + c] = Math.round((colour[c] as number) * a + (this.pixels[i + c] as number) * (1 - a));
    }
  }

  static textWidth(text: string): number {
    let w = 0;
    for (const ch of text) w += glyphOf(ch).advance;
    return Math.ceil(w);
  }

  /** Draws `text` with its baseline at `baseline`; `align` says what `x` is: its left, centre or right. */
  text(x: number, baseline: number, text: string, colour: Rgb, align: 'left' | 'center' | 'right' = 'left') {
    const width = Canvas.textWidth(text);
    let pen = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
    const top = Math.round(baseline) - ASCENT;
    for (const ch of text) {
      const g = glyphOf(ch);
      const left = Math.round(pen) + g.left;
      for (let gy = 0; gy < HEIGHT; gy++) {
        for (let gx = 0; gx < g.width; gx++)
          this.blend(left + gx, top + gy, colour, g.mask[gy * g.width + gx] as number);
      }
      pen += g.advance;
    }
  }

  png(): Buffer {
    const stride = this.width * 3 + 1;
    const raw = Buffer.alloc(stride * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * stride] = 0;
      raw.set(this.pixels.subarray(y * this.width * 3, (y + 1) * this.width * 3), y * stride + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const phys = Buffer.alloc(9);
    phys.writeUInt32BE(7874, 0); // 200 dpi
    phys.writeUInt32BE(7874, 4);
    phys[8] = 1;
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('pHYs', phys),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A step of 1, 2 or 5 × 10ⁿ that gives at most about six grid lines up to `max`. */
function niceStep(max: number): number {
  const rough = Math.max(1, max / 6);
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) as number) || 1;
}

export interface ChartRow {
  label: string;
  counts: Record<Coverage, number>;
}

export const CHART_WIDTH = 1600;

/** Stacked horizontal bars, one per area, with the count in each segment and a legend below. */
export function coverageChartPng(rows: ChartRow[]): { png: Buffer; width: number; height: number } {
  const rowHeight = 76;
  const barHeight = 48;
  const top = 24;
  const axisGap = 16;
  const legendHeight = 72;
  const height = top + rows.length * rowHeight + axisGap + 40 + legendHeight;
  const canvas = new Canvas(CHART_WIDTH, height);
  const labelWidth = Math.max(...rows.map((r) => Canvas.textWidth(r.label)), 80);
  const x0 = Math.min(labelWidth + 40, 620);
  const x1 = CHART_WIDTH - 90;
  const totals = rows.map((r) => COVERAGE.reduce((sum, c) => sum + r.counts[c], 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const xOf = (n: number) => x0 + ((x1 - x0) * n) / axisMax;
  const axisY = top + rows.length * rowHeight + axisGap / 2;

  for (let n = 0; n <= axisMax; n += step) {
    canvas.fillRect(xOf(n) - 1, top - 8, 2, axisY - top + 8, GRID);
    canvas.text(xOf(n), axisY + 34, String(n), MUTED, 'center');
  }
  canvas.fillRect(x0 - 1, top - 8, 3, axisY - top + 8, MUTED);

  rows.forEach((row, i) => {
    const y = top + i * rowHeight + (rowHeight - barHeight) / 2;
    canvas.text(x0 - 20, y + barHeight / 2 + 9, row.label, TEXT, 'right');
    let at = 0;
    for (const c of COVERAGE) {
      const n = row.counts[c];
      if (n === 0) continue;
      const left = xOf(at);
      const right = xOf(at + n);
      canvas.fillRect(left, y, right - left, barHeight, hex(COVERAGE_COLOURS[c]));
      if (at > 0) canvas.fillRect(left - 1, y, 2, barHeight, WHITE);
      if (right - left >= Canvas.textWidth(String(n)) + 10) {
        canvas.text((left + right) / 2, y + barHeight / 2 + 9, String(n), TEXT, 'center');
      }
      at += n;
    }
    canvas.text(xOf(at) + 12, y + barHeight / 2 + 9, String(totals[i]), TEXT, 'left');
  });

  const legend = COVERAGE.map((c) => ({ c, text: COVERAGE_NB[c] }));
  const swatch = 26;
  const gap = 44;
  const legendWidth =
    legend.reduce((w, l) => w + swatch + 10 + Canvas.textWidth(l.text), 0) + gap * (legend.length - 1);
  let lx = (CHART_WIDTH - legendWidth) / 2;
  const ly = height - legendHeight / 2;
  for (const { c, text } of legend) {
    canvas.fillRect(lx, ly - swatch / 2, swatch, swatch, hex(COVERAGE_COLOURS[c]));
    canvas.text(lx + swatch + 10, ly + 9, text, TEXT);
    lx += swatch + 10 + Canvas.textWidth(text) + gap;
  }
  return { png: canvas.png(), width: CHART_WIDTH, height };
}
