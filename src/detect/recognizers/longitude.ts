/**
 * @module detect/recognizers/longitude
 * A longitude alone (contextRequired: a bare decimal is any number without a 经度/lng header).
 * Decimal degrees in [-180, 180], optional E/W letter or 东经/西经 prefix, or DMS (lib/degrees.ts).
 * Out of range → invalid `range`; an N/S hemisphere → invalid `hemisphere`.
 * Normalized: decimal degrees, west negative, no `+`, fraction digits as written (DMS → 6 decimals).
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { DEGREE_PATTERNS, parseDegree } from './lib/degrees.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, nomatch, valid } from './lib/verdicts.js';

function match(value: string, _ctx: RecognizeContext): Verdict {
  if (value.length === 0 || value.length > 40) return nomatch();
  const d = parseDegree(value);
  if (d === null) return nomatch();
  if (d.hemisphere === 'N' || d.hemisphere === 'S') return invalid(d.text, 'hemisphere', 'longitude');
  if (Math.abs(d.value) > 180) return invalid(d.text, 'range', 'longitude');
  return valid(d.text, 'longitude');
}

export const LONGITUDE: PatternRecognizer = {
  id: 'intl.longitude',
  type: 'longitude',
  version: '1.0.0',
  reference: 'ISO 6709 longitude, decimal degrees in [-180, 180]',
  headerWords: ['经度', 'lng', 'lon', 'longitude'],
  headerExclude: ['经纬', '精度', 'latlng', 'lnglat', 'lonlat'],
  contextRequired: true,
  patterns: { ...DEGREE_PATTERNS },
  match,
};
