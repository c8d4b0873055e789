// Writes server/exports/chart-font.ts: anti-aliased glyph masks of DejaVu Sans (Bitstream Vera
// licence: free to use and redistribute) for the characters the coverage chart draws, so that the
// server draws text into its PNG without a font engine or a browser.
// Usage: node test/export/make-chart-font.mjs [/path/to/DejaVuSans.ttf]   (Debian: fonts-dejavu-core)
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const FONT = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const PIXELS_PER_EM = 26;
const OVERSAMPLE = 4;
const CHARS = ' !%()+,-./0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÆØÅæøå×–«»@#&\'"=_';

const font = readFileSync(FONT);
const u16 = (o) => font.readUInt16BE(o);
const i16 = (o) => font.readInt16BE(o);
const u32 = (o) => font.readUInt32BE(o);

const tables = {};
for (let i = 0, n = u16(4); i < n; i++) {
  const rec = 12 + i * 16;
  tables[font.toString('latin1', rec, rec + 4)] = u32(rec + 8);
}
const unitsPerEm = u16(tables.head + 18);
const longLoca = i16(tables.head + 50) === 1;
const ascender = i16(tables.hhea + 4);
const descender = i16(tables.hhea + 6);
const numberOfHMetrics = u16(tables.hhea + 34);

function glyphIndex(codePoint) {
  const cmap = tables.cmap;
  for (let i = 0, n = u16(cmap + 2); i < n; i++) {
    const platform = u16(cmap + 4 + i * 8);
    const encoding = u16(cmap + 6 + i * 8);
    const sub = cmap + u32(cmap + 8 + i * 8);
    if (platform !== 3 || encoding !== 1 || u16(sub) !== 4) continue;
    const segX2 = u16(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const offsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      if (codePoint > u16(ends + s * 2) || codePoint < u16(starts + s * 2)) continue;
      const rangeOffset = u16(offsets + s * 2);
      if (rangeOffset === 0) return (codePoint + i16(deltas + s * 2)) & 0xffff;
      const g = u16(offsets + s * 2 + rangeOffset + (codePoint - u16(starts + s * 2)) * 2);
      return g === 0 ? 0 : (g + i16(deltas + s * 2)) & 0xffff;
    }
  }
  return 0;
}

const advanceOf = (g) => u16(tables.hmtx + Math.min(g, numberOfHMetrics - 1) * 4);
const glyphOffset = (g) =>
  longLoca
    ? [u32(tables.loca + g * 4), u32(tables.loca + g * 4 + 4)]
    : [u16(tables.loca + g * 2) * 2, u16(tables.loca + g * 2 + 2) * 2];

/** Contours of a glyph as lists of {x, y, on}; composite glyphs resolved with their offsets. */
function contoursOf(g, dx = 0, dy = 0) {
  const [start, end] = glyphOffset(g);
  if (start === end) return [];
  const at = tables.glyf + start;
  const nContours = i16(at);
  if (nContours < 0) {
    const out = [];
    let p = at + 10;
    for (;;) {
      const flags = u16(p);
      const index = u16(p + 2);
      p += 4;
      let x;
      let y;
      if (flags & 1) {
        x = i16(p);
        y = i16(p + 2);
        p += 4;
      } else {
        x = font.readInt8(p);
        y = font.readInt8(p + 1);
        p += 2;
      }
      if (flags & 8) p += 2;
      else if (flags & 0x40) p += 4;
      else if (flags & 0x80) p += 8;
      out.push(...contoursOf(index, dx + x, dy + y));
      if (!(flags & 0x20)) break;
    }
    return out;
  }
  const endPts = [];
  for (let i = 0; i < nContours; i++) endPts.push(u16(at + 10 + i * 2));
  const nPoints = endPts[nContours - 1] + 1;
  let p = at + 10 + nContours * 2;
  p += 2 + u16(p);
  const flags = [];
  while (flags.length < nPoints) {
    const f = font[p++];
    flags.push(f);
    if (f & 8) for (let r = font[p++]; r > 0; r--) flags.push(f);
  }
  const coords = (shortBit, sameBit) => {
    const values = [];
    let v = 0;
    for (const f of flags) {
      if (f & shortBit) v += f & sameBit ? font[p++] : -font[p++];
      else if (!(f & sameBit)) {
        v += i16(p);
        p += 2;
      }
      values.push(v);
    }
    return values;
  };
  const xs = coords(2, 16);
  const ys = coords(4, 32);
  const contours = [];
  let first = 0;
  for (const last of endPts) {
    const pts = [];
    for (let i = first; i <= last; i++) pts.push({ x: xs[i] + dx, y: ys[i] + dy, on: (flags[i] & 1) === 1 });
    contours.push(pts);
    first = last + 1;
  }
  return contours;
}

/** Quadratic B-spline contour → polygon. */
function flatten(contour) {
  const pts = [];
  const n = contour.length;
  const startIdx = contour.findIndex((q) => q.on);
  const mid = (a, b) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true });
  const seq =
    startIdx >= 0
      ? [...contour.slice(startIdx), ...contour.slice(0, startIdx)]
      : [mid(contour[0], contour[n - 1]), ...contour];
  seq.push(seq[0]);
  let prev = seq[0];
  pts.push(prev);
  for (let i = 1; i < seq.length; i++) {
    const cur = seq[i];
    if (cur.on) {
      pts.push(cur);
      prev = cur;
      continue;
    }
    const next = seq[i + 1].on ? seq[i + 1] : mid(cur, seq[i + 1]);
    for (let s = 1; s <= 8; s++) {
      const t = s / 8;
      pts.push({
        x: (1 - t) ** 2 * prev.x + 2 * (1 - t) * t * cur.x + t * t * next.x,
        y: (1 - t) ** 2 * prev.y + 2 * (1 - t) * t * cur.y + t * t * next.y,
      });
    }
    prev = next;
    if (seq[i + 1].on) i++;
  }
  return pts;
}

const scale = PIXELS_PER_EM / unitsPerEm;
const ascentPx = Math.ceil(ascender * scale);
const height = ascentPx + Math.ceil(-descender * scale);

function rasterize(g) {
  const polys = contoursOf(g).map(flatten);
  const advance = advanceOf(g) * scale;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const poly of polys) {
    for (const q of poly) {
      minX = Math.min(minX, q.x);
      maxX = Math.max(maxX, q.x);
    }
  }
  if (!polys.length) return { advance, left: 0, width: 0, alpha: new Uint8Array(0) };
  const left = Math.floor(minX * scale);
  const width = Math.ceil(maxX * scale) - left + 1;
  const alpha = new Uint8Array(width * height);
  const edges = polys.flatMap((poly) =>
    poly
      .slice(1)
      .map((q, i) => [
        (poly[i].x * scale - left) * OVERSAMPLE,
        (ascentPx - poly[i].y * scale) * OVERSAMPLE,
        (q.x * scale - left) * OVERSAMPLE,
        (ascentPx - q.y * scale) * OVERSAMPLE,
      ]),
  );
  const cover = new Float32Array(width * height);
  for (let sy = 0; sy < height * OVERSAMPLE; sy++) {
    const y = sy + 0.5;
    const crossings = [];
    for (const [x0, y0, x1, y1] of edges) {
      if ((y0 <= y && y1 > y) || (y1 <= y && y0 > y)) {
        crossings.push({ x: x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), dir: y1 > y0 ? 1 : -1 });
      }
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let c = 0; c < crossings.length - 1; c++) {
      winding += crossings[c].dir;
      if (winding === 0) continue;
      for (let sx = Math.ceil(crossings[c].x - 0.5); sx + 0.5 < crossings[c + 1].x; sx++) {
        const px = Math.floor(sx / OVERSAMPLE);
        if (px >= 0 && px < width) cover[Math.floor(sy / OVERSAMPLE) * width + px] += 1;
      }
    }
  }
  for (let i = 0; i < cover.length; i++) alpha[i] = Math.min(255, Math.round((cover[i] / OVERSAMPLE ** 2) * 255));
  return { advance, left, width, alpha };
}

const glyphs = [];
const masks = [];
for (const ch of CHARS) {
  const g = glyphIndex(ch.codePointAt(0));
  if (g === 0) throw new Error(`no glyph for ${ch}`);
  const r = rasterize(g);
  glyphs.push([ch, Math.round(r.advance * 100) / 100, r.left, r.width]);
  masks.push(Buffer.from(r.alpha));
}
const data = deflateSync(Buffer.concat(masks), { level: 9 }).toString('base64');
const lines = data.match(/.{1,116}/g).map((l) => `  '${l}',`);
const out = `/**
 * Glyph masks of DejaVu Sans at ${PIXELS_PER_EM} px (Bitstream Vera licence), generated by
 * test/export/make-chart-font.mjs: do not edit. Each glyph: [character, advance, left bearing, width];
 * MASKS is every glyph's alpha bytes (width × HEIGHT, row by row) one after another, deflated.
 */
export const FONT_PIXELS = ${PIXELS_PER_EM};
export const HEIGHT = ${height};
export const ASCENT = ${ascentPx};
export const GLYPHS: [string, number, number, number][] = ${JSON.stringify(glyphs)};
export const MASKS = [
${lines.join('\n')}
].join('');
`;
writeFileSync(new URL('../../server/exports/chart-font.ts', import.meta.url), out);
console.log(`wrote ${glyphs.length} glyphs, ${data.length} base64 characters`);
