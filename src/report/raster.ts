/**
 * @module report/raster
 * SVG → PNG for the paged formats (DOCX, PDF), with resvg (@resvg/resvg-js ships its binary inside the npm
 * package: works offline) and the CJK font of fonts.ts, system fonts not loaded — so the pixels depend only on
 * the SVG and that font file.
 */
import { Resvg } from '@resvg/resvg-js';
import type { CjkFont } from './fonts.js';

/** Renders at `scale` × the SVG's size (2 = sharp when printed at the SVG's size). */
export function svgToPng(svg: string, font: CjkFont, scale = 2): Buffer {
  const r = new Resvg(svg, {
    font: {
      fontFiles: [font.regular.path, ...(font.bold.path !== font.regular.path ? [font.bold.path] : [])],
      loadSystemFonts: false,
      defaultFontFamily: font.family,
    },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  return r.render().asPng();
}
