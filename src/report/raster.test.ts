import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import { chartDrawing, drawingSvg } from './charts.js';
import { findCjkFont } from './fonts.js';
import type { Chart } from './model.js';
import { chartPng, outlinedSvg } from './raster.js';

const FONT = findCjkFont();
/** Bold runs drawn with the regular face too: what resvg draws when it is given only the regular face. */
const REGULAR_ONLY = { ...FONT, bold: FONT.regular };

const CHARTS: readonly Chart[] = [
  {
    kind: 'bars',
    id: 'funnel',
    title: '图 4-1 全案计数漏斗（条）',
    unit: '条',
    bars: [
      { label: '原始行', value: 5035 },
      { label: '非记录行', value: 35 },
      { label: '零', value: 0 },
      { label: '一个很长很长很长很长很长很长很长的名字.csv', value: 1_234_567 },
    ],
  },
  {
    kind: 'stacked',
    id: 'composition',
    title: '图 4-2 各检材构成 & <比例>',
    series: ['有效', '无效', '重复'],
    rows: [
      { label: '酒店/2020年入住登记.csv', values: [1568, 32, 160] },
      { label: '空.txt', values: [0, 0, 0] },
      { label: 'bank/客户账户.txt', values: [7, 0, 1] },
    ],
  },
];

function pixels(svg: string, withFont: boolean): { data: Buffer; width: number; height: number } {
  const font = withFont
    ? { fontFiles: [FONT.regular.path], loadSystemFonts: false, defaultFontFamily: FONT.family }
    : { loadSystemFonts: false };
  const img = new Resvg(svg, { font, fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff' }).render();
  return { data: img.pixels, width: img.width, height: img.height };
}

/** Dark ("ink") pixels of an RGBA image. */
function ink(data: Buffer): number {
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 300) n++;
  return n;
}

/** Pixels whose channels differ by more than 64, and the ink pixels of each image. */
function compare(a: { data: Buffer }, b: { data: Buffer }) {
  let differ = 0;
  const p = a.data;
  const q = b.data;
  for (let i = 0; i < p.length; i += 4) {
    for (let k = 0; k < 3; k++) if (Math.abs(p[i + k]! - q[i + k]!) > 64) differ++;
  }
  return { differ, inkA: ink(p), inkB: ink(q), total: p.length / 4 };
}

test('outlined chart text draws what resvg draws from the font: same glyphs at the same places', () => {
  for (const chart of CHARTS) {
    const d = chartDrawing(chart);
    const viaFont = pixels(drawingSvg(d), true);
    const viaOutline = pixels(outlinedSvg(d, REGULAR_ONLY), false);
    const noText = pixels(
      drawingSvg(d, () => ''),
      false,
    );
    assert.equal(viaOutline.width, viaFont.width);
    assert.equal(viaOutline.height, viaFont.height);
    const same = compare(viaFont, viaOutline);
    const control = compare(viaFont, noText);
    // The measure can fail: without the text, a few percent of all pixels differ and no ink is left.
    assert.ok(control.differ > 0.01 * control.total, `${chart.id}: control differs in ${control.differ} px`);
    assert.equal(control.inkB, 0);
    assert.ok(same.differ <= 0.0005 * same.total, `${chart.id}: ${same.differ} of ${same.total} px differ`);
    assert.ok(
      Math.abs(same.inkA - same.inkB) <= 0.01 * same.inkA,
      `${chart.id}: ink ${same.inkA} vs ${same.inkB}`,
    );
  }
});

test('outlined SVG: one path per text run, no text element, and the same bytes every time', () => {
  for (const chart of CHARTS) {
    const d = chartDrawing(chart);
    const svg = outlinedSvg(d, FONT);
    const runs = d.marks.filter((m) => m.kind === 'text').length;
    assert.ok(runs >= 5);
    assert.equal(svg.match(/<path d="M/g)?.length, runs);
    assert.doesNotMatch(svg, /<text/);
    assert.doesNotMatch(svg, /NaN|undefined|-0[ LMQCZ"]/);
    assert.equal(outlinedSvg(chartDrawing(chart), FONT), svg);
  }
});

test('an end-anchored label ends at its x; a bold title is drawn with the bold face when the font has one', () => {
  const d = chartDrawing(CHARTS[0]!);
  const label = d.marks.find((m) => m.kind === 'text' && m.anchor === 'end');
  assert.ok(label && label.kind === 'text');
  const only = { ...d, marks: [label] };
  const xs = [...outlinedSvg(only, FONT).matchAll(/[MLQC]([\d.]+) /g)].map((m) => Number(m[1]));
  // Glyph outlines end within the last glyph's side bearing of the anchor.
  assert.ok(Math.max(...xs) <= label.x && Math.max(...xs) > label.x - 3, `max x ${Math.max(...xs)}`);
  const title = d.marks[0]!;
  assert.ok(title.kind === 'text' && title.bold);
  const titleInk = (font: typeof FONT) =>
    ink(pixels(outlinedSvg({ ...d, marks: [title] }, font), false).data);
  if (FONT.bold.path !== FONT.regular.path) assert.ok(titleInk(FONT) > titleInk(REGULAR_ONLY) * 1.15);
});

test('chartPng gives a PNG of twice the chart size and its size in CSS pixels', () => {
  const r = chartPng(CHARTS[1]!, FONT, 2);
  assert.equal(r.png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(r.width, 680);
  assert.equal(r.png.readUInt32BE(16), 2 * r.width);
  assert.equal(r.png.readUInt32BE(20), 2 * r.height);
});

test('a collection without a face, or a file that is no font, is refused with a message naming the file', async () => {
  const ttc = { path: FONT.regular.path, face: null };
  if (FONT.regular.path.endsWith('.ttc')) {
    assert.throws(
      () => chartPng(CHARTS[0]!, { regular: ttc, bold: ttc, family: FONT.family }),
      (e: Error) => e.message.includes(FONT.regular.path) && /collection: name its face/.test(e.message),
    );
    const wrong = { path: FONT.regular.path, face: 'NoSuchFace-Regular' };
    assert.throws(
      () => chartPng(CHARTS[0]!, { regular: wrong, bold: wrong, family: FONT.family }),
      (e: Error) => e.message === `${FONT.regular.path} has no face named NoSuchFace-Regular`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'xj-font-'));
  try {
    const bogus = join(dir, 'not-a-font.ttf');
    await writeFile(bogus, 'this is text, not a font');
    const spec = { path: bogus, face: null };
    assert.throws(
      () => chartPng(CHARTS[0]!, { regular: spec, bold: spec, family: FONT.family }),
      (e: Error) => e.message.startsWith(`cannot open the font ${bogus}: `),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
