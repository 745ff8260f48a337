/**
 * @module report/raster
 * Charts → PNG for the paged formats (DOCX, PDF), with resvg (@resvg/resvg-js ships its binary inside the npm
 * package: works offline). Text is drawn as glyph outlines of the CJK font of fonts.ts (outline.ts), so resvg
 * loads no font, system fonts included: the pixels depend only on the chart and that font file. The last renders
 * are kept (the DOCX and PDF writers draw the same charts).
 */
import { Resvg } from '@resvg/resvg-js';
import { type ChartDrawing, chartDrawing, drawingSvg, type TextMark } from './charts.js';
import type { CjkFont } from './fonts.js';
import type { Chart } from './model.js';
import { TextOutliner } from './outline.js';

const cache = new Map<string, Buffer>();
const CACHE_SIZE = 16;

/** The drawing as SVG with every text run replaced by its glyph outlines. */
export function outlinedSvg(d: ChartDrawing, font: CjkFont): string {
  const outliner = TextOutliner.of(font);
  const textAs = (t: TextMark) =>
    `<path d="${outliner.outline(t.text, t.x, t.y, t.size, t.anchor, t.bold).d}" fill="${t.fill}"/>`;
  return drawingSvg(d, textAs);
}

/** Renders an SVG without fonts at `scale` × its size (2 = sharp when printed at the SVG's size). */
export function rasterize(svg: string, scale = 2): Buffer {
  const key = `${scale}\n${svg}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = new Resvg(svg, {
    font: { loadSystemFonts: false },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  const png = r.render().asPng();
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, png);
  return png;
}

/** The chart as PNG at `scale` × its size in CSS pixels, which are returned with it. */
export function chartPng(
  chart: Chart,
  font: CjkFont,
  scale = 2,
): { png: Buffer; width: number; height: number } {
  const d = chartDrawing(chart);
  return { png: rasterize(outlinedSvg(d, font), scale), width: d.width, height: d.height };
}
