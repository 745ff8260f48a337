/**
 * @module report/fonts
 * Finds a font with Simplified Chinese glyphs for the PDF writer and the chart rasteriser (stack-facts.md §7:
 * Debian's fonts-noto-cjk; the SC face of the collection must be named explicitly, or Japanese glyph variants
 * are used). `XINJIAN_CJK_FONT` overrides: `path` (a .ttf/.otf) or `path#PostScriptName` (a face of a .ttc).
 */
import { existsSync } from 'node:fs';
import { ForensicError } from '../core/errors.js';

export interface CjkFont {
  readonly regular: { readonly path: string; readonly face: string | null };
  readonly bold: { readonly path: string; readonly face: string | null };
  /** Family name for SVG text. */
  readonly family: string;
}

const DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
];

function fromEnv(v: string): CjkFont {
  const [path, face] = v.split('#') as [string, string | undefined];
  if (!existsSync(path)) throw new ForensicError('REPORT', `XINJIAN_CJK_FONT: ${path} does not exist`);
  const f = { path, face: face ?? null };
  return { regular: f, bold: f, family: 'Noto Sans CJK SC' };
}

/** The CJK font, or a clear error naming what to install. */
export function findCjkFont(): CjkFont {
  const env = process.env['XINJIAN_CJK_FONT'];
  if (env) return fromEnv(env);
  for (const dir of DIRS) {
    const regular = `${dir}/NotoSansCJK-Regular.ttc`;
    if (!existsSync(regular)) continue;
    const bold = `${dir}/NotoSansCJK-Bold.ttc`;
    return {
      regular: { path: regular, face: 'NotoSansCJKsc-Regular' },
      bold: existsSync(bold)
        ? { path: bold, face: 'NotoSansCJKsc-Bold' }
        : { path: regular, face: 'NotoSansCJKsc-Regular' },
      family: 'Noto Sans CJK SC',
    };
  }
  throw new ForensicError(
    'REPORT',
    'no font with Chinese glyphs found (looked for NotoSansCJK-Regular.ttc in ' +
      `${DIRS.join(', ')}): install the Debian package fonts-noto-cjk, or set XINJIAN_CJK_FONT=/path/font.ttf`,
  );
}
