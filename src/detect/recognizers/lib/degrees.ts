/**
 * @module detect/recognizers/lib/degrees
 * Parse one geographic coordinate: decimal degrees (WGS-84 / GCJ-02 / BD-09 all print as decimal degrees),
 * with an optional hemisphere letter (ISO 6709 style N/S/E/W, before or after) or Chinese prefix
 * (北纬/南纬/东经/西经), or degrees-minutes-seconds (39°54′27″N, 39度54分27秒). Range checks are the caller's.
 */

export type Hemisphere = '' | 'N' | 'S' | 'E' | 'W';

export interface Degree {
  /** Signed value in degrees (south and west negative); for range checks only, never a key. */
  readonly value: number;
  readonly hemisphere: Hemisphere;
  /** Canonical decimal text: no `+`, no leading zeros, fraction digits as written; DMS → 6 decimals. */
  readonly text: string;
  /** True when written with a fraction or as DMS (a bare integer is weak evidence of a coordinate). */
  readonly precise: boolean;
}

/** Decimal degrees: optional sign, 1–3 integer digits, optional fraction, optional degree sign. */
const DECIMAL = /^([+-]?)([0-9]{1,3})(?:\.([0-9]{1,15}))?(?:°|度)?$/;
/** Degrees, minutes, optional seconds (NFKC turns ″ into ′′). */
const DMS =
  /^([0-9]{1,3})(?:°|度) ?([0-9]{1,2})(?:'|′|分) ?(?:([0-9]{1,2}(?:\.[0-9]{1,6})?)(?:"|″|′′|''|秒))?$/;

/** `30.315170`, `0.5`: decimal degrees exactly as the canonical text writes them. */
const PLAIN_DECIMAL = /^(?:[1-9][0-9]{0,2}|0)\.[0-9]{1,15}$/;

export const DEGREE_PATTERNS: Readonly<Record<string, RegExp>> = Object.freeze({
  decimal: DECIMAL,
  dms: DMS,
});

const CN_PREFIX: Readonly<Record<string, Hemisphere>> = { 北纬: 'N', 南纬: 'S', 东经: 'E', 西经: 'W' };

function hemisphereOf(code: number): Hemisphere {
  switch (code | 0x20) {
    case 0x6e:
      return 'N';
    case 0x73:
      return 'S';
    case 0x65:
      return 'E';
    case 0x77:
      return 'W';
    default:
      return '';
  }
}

/**
 * Parse one coordinate token; null when it is not a coordinate shape.
 * @example parseDegree('39.9042') // { value: 39.9042, hemisphere: '', text: '39.9042', precise: true }
 * @example parseDegree('116°23′17″E')?.text // '116.388056'
 */
export function parseDegree(token: string): Degree | null {
  // Fast path for the common shape (unsigned decimal, no leading zero, no hemisphere): what the full parse gives.
  if (PLAIN_DECIMAL.test(token)) return { value: Number(token), hemisphere: '', text: token, precise: true };
  let t = token.trim().replace('\u2212', '-');
  if (t.length === 0 || t.length > 40) return null;
  let hemi: Hemisphere = '';
  const cn = CN_PREFIX[t.slice(0, 2)];
  if (cn !== undefined) {
    hemi = cn;
    t = t.slice(2).trim();
  } else {
    const h = hemisphereOf(t.charCodeAt(0));
    if (h !== '' && t.length > 1) {
      hemi = h;
      t = t.slice(1).trim();
    }
  }
  if (hemi === '' && t.length > 1) {
    const h = hemisphereOf(t.charCodeAt(t.length - 1));
    if (h !== '') {
      hemi = h;
      t = t.slice(0, -1).trim();
    }
  }
  const negHemi = hemi === 'S' || hemi === 'W';
  const dec = DECIMAL.exec(t);
  if (dec !== null) {
    const sign = dec[1]!;
    if (sign !== '' && hemi !== '') return null;
    const int = dec[2]!.replace(/^0+(?=[0-9])/, '');
    const frac = dec[3];
    const body = frac === undefined ? int : `${int}.${frac}`;
    const value = Number(body);
    const negative = (sign === '-' || negHemi) && value !== 0;
    return {
      value: negative ? -value : value,
      hemisphere: hemi,
      text: negative ? `-${body}` : body,
      precise: frac !== undefined,
    };
  }
  const dms = DMS.exec(t);
  if (dms !== null) {
    const d = Number(dms[1]);
    const m = Number(dms[2]);
    const s = dms[3] === undefined ? 0 : Number(dms[3]);
    if (m >= 60 || s >= 60) return null;
    const abs = d + m / 60 + s / 3600;
    const negative = negHemi && abs !== 0;
    const text = abs.toFixed(6);
    return {
      value: negative ? -abs : abs,
      hemisphere: hemi,
      text: negative ? `-${text}` : text,
      precise: true,
    };
  }
  return null;
}
