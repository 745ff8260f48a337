/**
 * @module detect/recognizers/coordinates
 * A latitude/longitude pair in one cell (trajectory data: counting-rules.md §5 `trajectory`).
 * Forms: `lat,lng` or `lng,lat` separated by `,` `;` `/` or a space; decimal degrees (both with a fraction),
 * hemisphere letters or 北纬/东经 prefixes, or DMS (lib/degrees.ts). Order: hemisphere letters decide; else a
 * pair inside the China bounding box (lat 3.8–53.6, lng 73.4–135.1; 国家测绘地理信息局 extreme points 3°51′N,
 * 53°33′N, 73°33′E, 135°05′E) decides; else ISO 6709 order `lat,lng` when it is in range, else `lng,lat`.
 * Outside China → valid with warning `outside_china`; `0,0` → invalid `null_island` (GPS fix failure);
 * out of range → invalid `range`.
 * Normalized: `lat,lng` in decimal degrees (fraction digits as written; DMS → 6 decimals).
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { DEGREE_PATTERNS, type Degree, parseDegree } from './lib/degrees.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, nomatch, valid } from './lib/verdicts.js';

/** Split on the first `,` `;` `/` (with optional spaces), or else on one space. */
const PAIR = /^([^,;/]+?) ?[,;/] ?([^,;/]+)$/;
const SPACE_PAIR = /^(\S+) (\S+)$/;

const CN_LAT_MIN = 3.8;
const CN_LAT_MAX = 53.6;
const CN_LNG_MIN = 73.4;
const CN_LNG_MAX = 135.1;

function inChina(lat: number, lng: number): boolean {
  return lat >= CN_LAT_MIN && lat <= CN_LAT_MAX && lng >= CN_LNG_MIN && lng <= CN_LNG_MAX;
}

function isLatHemi(d: Degree): boolean {
  return d.hemisphere === 'N' || d.hemisphere === 'S';
}
function isLngHemi(d: Degree): boolean {
  return d.hemisphere === 'E' || d.hemisphere === 'W';
}

function judge(lat: Degree, lng: Degree): Verdict {
  const normalized = `${lat.text},${lng.text}`;
  if (Math.abs(lat.value) > 90 || Math.abs(lng.value) > 180)
    return invalid(normalized, 'range', 'coordinates');
  if (lat.value === 0 && lng.value === 0) return invalid(normalized, 'null_island', 'coordinates');
  return inChina(lat.value, lng.value)
    ? valid(normalized, 'coordinates')
    : valid(normalized, 'coordinates', undefined, 'outside_china');
}

function match(value: string, _ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n < 3 || n > 80) return nomatch();
  const m = PAIR.exec(value) ?? SPACE_PAIR.exec(value);
  if (m === null) return nomatch();
  const a = parseDegree(m[1]!);
  const b = parseDegree(m[2]!);
  if (a === null || b === null || !a.precise || !b.precise) return nomatch();
  if (a.hemisphere !== '' || b.hemisphere !== '') {
    const aNone = a.hemisphere === '';
    const bNone = b.hemisphere === '';
    if (isLatHemi(a) && (isLngHemi(b) || bNone)) return judge(a, b);
    if (isLngHemi(a) && (isLatHemi(b) || bNone)) return judge(b, a);
    if (aNone && isLngHemi(b)) return judge(a, b);
    if (aNone && isLatHemi(b)) return judge(b, a);
    return invalid(`${a.text},${b.text}`, 'hemisphere', 'coordinates');
  }
  if (inChina(a.value, b.value)) return judge(a, b);
  if (inChina(b.value, a.value)) return judge(b, a);
  if (Math.abs(a.value) <= 90 && Math.abs(b.value) <= 180) return judge(a, b);
  if (Math.abs(b.value) <= 90 && Math.abs(a.value) <= 180) return judge(b, a);
  return invalid(`${a.text},${b.text}`, 'range', 'coordinates');
}

export const COORDINATES: PatternRecognizer = {
  id: 'intl.coordinates',
  type: 'coordinates',
  version: '1.0.0',
  reference: 'ISO 6709 (latitude first, decimal degrees); China extent 3°51′–53°33′N, 73°33′–135°05′E',
  headerWords: [
    '经纬度',
    '坐标',
    '定位',
    '位置坐标',
    'gps',
    'gps坐标',
    'jwd',
    'latlng',
    'lnglat',
    'latlon',
    'lonlat',
    'coordinate',
    'coordinates',
    'location',
  ],
  headerExclude: ['时间', '日期', '地址', '精度', '类型', 'time', 'date', 'address', 'accuracy', 'type'],
  contextRequired: false,
  patterns: { pair: PAIR, spacePair: SPACE_PAIR, ...DEGREE_PATTERNS },
  match,
};
