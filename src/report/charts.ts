/**
 * @module report/charts
 * Charts as SVG, built in code from the model (no chart library): horizontal bars (funnel, categories) and 100 %
 * stacked bars (composition of each item). The HTML writer inlines the SVG; the DOCX and PDF writers embed it
 * rasterised to PNG (raster.ts). Deterministic: same chart → same SVG text.
 */
import type { BarChart, Chart, StackedChart } from './model.js';

export const CHART_FONT = 'Noto Sans CJK SC';
const WIDTH = 680;
const PALETTE = ['#3b6fb6', '#d9534f', '#9aa5b1', '#f0ad4e', '#5cb85c', '#8e6cbf'];

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function fmt(x: number): string {
  return String(Math.trunc(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Shortens a label to `max` characters, keeping its end (file names end in what tells them apart). */
export function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `…${chars.slice(chars.length - max + 1).join('')}`;
}

/** A text run: `x` is its start, or its end with `anchor: 'end'`; `y` is the baseline. */
export interface TextMark {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor: 'start' | 'end';
  /** Font size in CSS pixels. */
  readonly size: number;
  readonly bold: boolean;
  readonly fill: string;
}

export interface RectMark {
  readonly kind: 'rect';
  /** Coordinates as written in the SVG (stacked segments keep two decimals). */
  readonly x: string;
  readonly y: number;
  readonly width: string;
  readonly height: number;
  readonly fill: string;
}

export type Mark = TextMark | RectMark;

/** A chart drawn as marks on a white page of `width` × `height` CSS pixels, in painting order. */
export interface ChartDrawing {
  readonly width: number;
  readonly height: number;
  readonly marks: readonly Mark[];
}

const BODY_SIZE = 12;

function label(x: number, y: number, text: string, anchor: 'start' | 'end' = 'start'): TextMark {
  return { kind: 'text', x, y, text, anchor, size: BODY_SIZE, bold: false, fill: '#333333' };
}

function rect(x: number | string, y: number, width: number | string, height: number, fill: string): RectMark {
  return { kind: 'rect', x: String(x), y, width: String(width), height, fill };
}

function titled(height: number, title: string, body: readonly Mark[]): ChartDrawing {
  const head: TextMark = {
    kind: 'text',
    x: 10,
    y: 20,
    text: title,
    anchor: 'start',
    size: 14,
    bold: true,
    fill: '#222222',
  };
  return { width: WIDTH, height, marks: [head, ...body] };
}

function bars(c: BarChart): ChartDrawing {
  const labelW = 230;
  const valueW = 90;
  const barMax = WIDTH - labelW - valueW - 20;
  const rowH = 24;
  const top = 34;
  const max = Math.max(1, ...c.bars.map((b) => b.value));
  const body = c.bars.flatMap((b, i) => {
    const y = top + i * rowH;
    const w = b.value > 0 ? Math.max(1, Math.round((b.value / max) * barMax)) : 0;
    return [
      label(labelW - 8, y + 15, shorten(b.label, 18), 'end'),
      rect(labelW, y + 4, w, 15, PALETTE[0]!),
      label(labelW + w + 6, y + 15, fmt(b.value)),
    ];
  });
  return titled(top + c.bars.length * rowH + 10, c.title, body);
}

function stacked(c: StackedChart): ChartDrawing {
  const labelW = 250;
  const barW = WIDTH - labelW - 20;
  const rowH = 22;
  const legendY = 34;
  const top = 56;
  const legend = c.series.flatMap((s, i) => {
    const x = labelW + i * 130;
    return [rect(x, legendY, 12, 12, PALETTE[i % PALETTE.length]!), label(x + 17, legendY + 11, s)];
  });
  const body = c.rows.flatMap((r, i) => {
    const y = top + i * rowH;
    const total = r.values.reduce((a, b) => a + b, 0);
    let x = labelW;
    const segs: Mark[] = [];
    for (const [j, v] of r.values.entries()) {
      if (total === 0 || v === 0) continue;
      const w = (v / total) * barW;
      segs.push(rect(x.toFixed(2), y + 3, w.toFixed(2), 15, PALETTE[j % PALETTE.length]!));
      x += w;
    }
    return [label(labelW - 8, y + 15, shorten(r.label, 22), 'end'), ...segs];
  });
  return titled(top + c.rows.length * rowH + 10, c.title, [...legend, ...body]);
}

/** The chart's marks. */
export function chartDrawing(c: Chart): ChartDrawing {
  return c.kind === 'bars' ? bars(c) : stacked(c);
}

/**
 * The drawing as a standalone SVG document; `textAs` replaces the `<text>` element of each text run (the raster
 * writers draw text as glyph outlines, raster.ts).
 */
export function drawingSvg(d: ChartDrawing, textAs?: (t: TextMark) => string): string {
  let body = '';
  for (const m of d.marks) {
    if (m.kind === 'rect') {
      body += `<rect x="${m.x}" y="${m.y}" width="${m.width}" height="${m.height}" fill="${m.fill}"/>`;
    } else if (textAs) body += textAs(m);
    else {
      const anchor = m.anchor === 'end' ? ' text-anchor="end"' : '';
      const size = m.size === BODY_SIZE ? '' : ` font-size="${m.size}"`;
      const weight = m.bold ? ' font-weight="bold"' : '';
      body += `<text x="${m.x}" y="${m.y}"${anchor}${size}${weight} fill="${m.fill}">${esc(m.text)}</text>`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ` +
    `${d.height}" font-family="${CHART_FONT}, sans-serif" font-size="${BODY_SIZE}"><rect width="${d.width}" ` +
    `height="${d.height}" fill="#ffffff"/>${body}</svg>`
  );
}

/** The chart as a standalone SVG document with text elements (the HTML report inlines it). */
export function chartSvg(c: Chart): string {
  return drawingSvg(chartDrawing(c));
}
