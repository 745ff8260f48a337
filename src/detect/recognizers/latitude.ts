/**
 * @module detect/recognizers/latitude
 * A latitude alone (contextRequired: a bare decimal is any number without a 纬度/lat header).
 * Decimal degrees in [-90, 90] (WGS-84 / GCJ-02 / BD-09 print alike), optional N/S letter or 北纬/南纬 prefix,
 * or DMS (lib/degrees.ts). Out of range → invalid `range`; an E/W hemisphere → invalid `hemisphere`.
 * Normalized: decimal degrees, south negative, no `+`, fraction digits as written (DMS → 6 decimals).
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { DEGREE_PATTERNS, parseDegree } from './lib/degrees.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, nomatch, valid } from './lib/verdicts.js';

function match(value: string, _ctx: RecognizeContext): Verdict {
  if (value.length === 0 || value.length > 40) return nomatch();
  const d = parseDegree(value);
  if (d === null) return nomatch();
  if (d.hemisphere === 'E' || d.hemisphere === 'W') return invalid(d.text, 'hemisphere', 'latitude');
  if (Math.abs(d.value) > 90) return invalid(d.text, 'range', 'latitude');
  return valid(d.text, 'latitude');
}

export const LATITUDE: PatternRecognizer = {
  id: 'intl.latitude',
  type: 'latitude',
  version: '1.0.0',
  reference: 'ISO 6709 latitude, decimal degrees in [-90, 90]',
  headerWords: ['纬度', 'lat', 'latitude'],
  headerExclude: ['经纬', '精度', 'latlng', 'latlon'],
  contextRequired: true,
  patterns: { ...DEGREE_PATTERNS },
  match,
};
