/**
 * @module report/outline
 * Text as glyph outlines (SVG path data), laid out with fontkit (OpenType shaping of the CJK font of fonts.ts), so
 * that the chart rasteriser needs no font at all. Measured: resvg 2.6 re-reads the whole font file for every text
 * element (19 MB for Noto Sans CJK, about 8 ms per label: three charts took 0.47 s of a report); fontkit opens
 * the face once and outlines a label in well under a millisecond.
 */
import * as fontkit from 'fontkit';
import { errorMessage, ForensicError } from '../core/errors.js';
import type { CjkFont } from './fonts.js';

type Face = fontkit.Font;

/** Two decimals (1/100 CSS pixel), no negative zero: the same text always gives the same path text. */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}

function openFace(spec: { readonly path: string; readonly face: string | null }): Face {
  let opened: fontkit.Font | fontkit.FontCollection;
  try {
    opened = spec.face ? fontkit.openSync(spec.path, spec.face) : fontkit.openSync(spec.path);
  } catch (e) {
    throw new ForensicError('REPORT', `cannot open the font ${spec.path}: ${errorMessage(e)}`);
  }
  if (!opened) {
    throw new ForensicError(
      'REPORT',
      spec.face
        ? `${spec.path} has no face named ${spec.face}`
        : `${spec.path} is not a font fontkit can read`,
    );
  }
  if ('fonts' in opened) {
    throw new ForensicError(
      'REPORT',
      `${spec.path} is a font collection: name its face (XINJIAN_CJK_FONT=${spec.path}#PostScriptName)`,
    );
  }
  return opened;
}

export interface OutlineRun {
  /** SVG path data in the caller's coordinates. */
  readonly d: string;
  /** Advance width in CSS pixels. */
  readonly width: number;
}

/** Outlines text runs with the regular and bold faces of one font. */
export class TextOutliner {
  readonly #regular: Face;
  readonly #bold: Face;

  constructor(regular: Face, bold: Face) {
    this.#regular = regular;
    this.#bold = bold;
  }

  static #cache = new Map<string, TextOutliner>();

  /** The outliner of a font, opened once per process. */
  static of(font: CjkFont): TextOutliner {
    const key = `${font.regular.path}#${font.regular.face}\n${font.bold.path}#${font.bold.face}`;
    let o = TextOutliner.#cache.get(key);
    if (!o) {
      const regular = openFace(font.regular);
      const same = font.bold.path === font.regular.path && font.bold.face === font.regular.face;
      o = new TextOutliner(regular, same ? regular : openFace(font.bold));
      TextOutliner.#cache.set(key, o);
    }
    return o;
  }

  /**
   * `text` at `size` CSS pixels with its baseline at `y`, starting at `x` (`anchor: 'start'`) or ending there
   * (`'end'`).
   */
  outline(
    text: string,
    x: number,
    y: number,
    size: number,
    anchor: 'start' | 'end',
    bold: boolean,
  ): OutlineRun {
    const face = bold ? this.#bold : this.#regular;
    const run = face.layout(text);
    const s = size / face.unitsPerEm;
    let advance = 0;
    for (const p of run.positions) advance += p.xAdvance;
    const width = advance * s;
    let pen = anchor === 'end' ? x - width : x;
    let d = '';
    for (let i = 0; i < run.glyphs.length; i++) {
      const g = run.glyphs[i]!;
      const p = run.positions[i]!;
      const ox = pen + p.xOffset * s;
      const oy = y - p.yOffset * s;
      // Font units are y-up; SVG is y-down.
      const X = (v: number) => num(ox + v * s);
      const Y = (v: number) => num(oy - v * s);
      for (const c of g.path.commands) {
        const a = c.args;
        switch (c.command) {
          case 'moveTo':
            d += `M${X(a[0]!)} ${Y(a[1]!)}`;
            break;
          case 'lineTo':
            d += `L${X(a[0]!)} ${Y(a[1]!)}`;
            break;
          case 'quadraticCurveTo':
            d += `Q${X(a[0]!)} ${Y(a[1]!)} ${X(a[2]!)} ${Y(a[3]!)}`;
            break;
          case 'bezierCurveTo':
            d += `C${X(a[0]!)} ${Y(a[1]!)} ${X(a[2]!)} ${Y(a[3]!)} ${X(a[4]!)} ${Y(a[5]!)}`;
            break;
          case 'closePath':
            d += 'Z';
            break;
        }
      }
      pen += p.xAdvance * s;
    }
    return { d, width };
  }
}
