/**
 * @module report/raster
 * SVG → PNG for the paged formats (DOCX, PDF), with resvg (@resvg/resvg-js ships its binary inside the npm
 * package: works offline) and the regular face of the CJK font of fonts.ts, system fonts not loaded — so the
 * pixels depend only on the SVG and that font file. Loading the font collection dominates the cost, so the last
 * renders are kept (the DOCX and PDF writers draw the same charts).
 */
import { Resvg } from '@resvg/resvg-js';
import type { CjkFont } from './fonts.js';

const cache = new Map<string, Buffer>();
const CACHE_SIZE = 16;

/** Renders at `scale` × the SVG's size (2 = sharp when printed at the SVG's size). */
export function svgToPng(svg: string, font: CjkFont, scale = 2): Buffer {
  const key = `${font.regular.path}\n${scale}\n${svg}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = new Resvg(svg, {
    font: { fontFiles: [font.regular.path], loadSystemFonts: false, defaultFontFamily: font.family },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  const png = r.render().asPng();
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, png);
  return png;
}
