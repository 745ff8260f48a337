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

function frame(height: number, body: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
    `font-family="${CHART_FONT}, sans-serif" font-size="12"><rect width="${WIDTH}" height="${height}" fill="#ffffff"/>` +
    `<text x="10" y="20" font-size="14" font-weight="bold" fill="#222222">${esc(title)}</text>${body}</svg>`
  );
}

function bars(c: BarChart): string {
  const labelW = 230;
  const valueW = 90;
  const barMax = WIDTH - labelW - valueW - 20;
  const rowH = 24;
  const top = 34;
  const max = Math.max(1, ...c.bars.map((b) => b.value));
  const body = c.bars
    .map((b, i) => {
      const y = top + i * rowH;
      const w = b.value > 0 ? Math.max(1, Math.round((b.value / max) * barMax)) : 0;
      return (
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" fill="#333333">${esc(shorten(b.label, 18))}</text>` +
        `<rect x="${labelW}" y="${y + 4}" width="${w}" height="15" fill="${PALETTE[0]}"/>` +
        `<text x="${labelW + w + 6}" y="${y + 15}" fill="#333333">${fmt(b.value)}</text>`
      );
    })
    .join('');
  return frame(top + c.bars.length * rowH + 10, body, c.title);
}

function stacked(c: StackedChart): string {
  const labelW = 250;
  const barW = WIDTH - labelW - 20;
  const rowH = 22;
  const legendY = 34;
  const top = 56;
  const legend = c.series
    .map((s, i) => {
      const x = labelW + i * 130;
      return `<rect x="${x}" y="${legendY}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 17}" y="${legendY + 11}" fill="#333333">${esc(s)}</text>`;
    })
    .join('');
  const body = c.rows
    .map((r, i) => {
      const y = top + i * rowH;
      const total = r.values.reduce((a, b) => a + b, 0);
      let x = labelW;
      const segs = r.values
        .map((v, j) => {
          if (total === 0 || v === 0) return '';
          const w = (v / total) * barW;
          const seg = `<rect x="${x.toFixed(2)}" y="${y + 3}" width="${w.toFixed(2)}" height="15" fill="${PALETTE[j % PALETTE.length]}"/>`;
          x += w;
          return seg;
        })
        .join('');
      return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" fill="#333333">${esc(shorten(r.label, 22))}</text>${segs}`;
    })
    .join('');
  return frame(top + c.rows.length * rowH + 10, legend + body, c.title);
}

/** The chart as a standalone SVG document. */
export function chartSvg(c: Chart): string {
  return c.kind === 'bars' ? bars(c) : stacked(c);
}

/** The chart's size in CSS pixels. */
export function chartSize(svg: string): { width: number; height: number } {
  const m = /width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m?.[1] ?? WIDTH), height: Number(m?.[2] ?? 100) };
}
