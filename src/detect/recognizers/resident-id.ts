/**
 * @module detect/recognizers/resident-id
 * 公民身份号码 (GB 11643-1999). Rules: counting-rules.md §2 (resident ID row) and legal-reference.md §5.1.
 * - 18 chars: 17 digits + digit/X; province code (GB/T 2260 first two digits, validators/province.ts); birth
 *   date YYYYMMDD a real date in [1900-01-01, analysisDate] (validators/calendar.ts); ISO 7064 MOD 11-2 check
 *   character (validators/gb11643.ts). Abolished county codes are NOT invalid: only the province is checked.
 * - 15 digits (first generation, GB 11643-1989): province + real 19YYMMDD date → valid, normalized to the
 *   upgraded 18-digit form so both forms compare equal.
 * - 14–19 characters of digits with an optional final X, not 15/18 → invalid `length`.
 * - A spreadsheet text marker (leading `'`, or `="…"`) is removed first (validators/digits.ts).
 * - Excel scientific notation (`1.10101E+17`) and 15-significant-digit loss (`…000` failing the check) →
 *   truncated; mask characters → masked (validators/mask.ts).
 */
import type { RecognizeContext, Span, Verdict } from '../recognizer.js';
import { isoDateKey, realDateKeyAt } from '../validators/calendar.js';
import {
  isDigitCode,
  mayBeScientific,
  scientificExponent,
  stripSeparators,
  unwrapSpreadsheetText,
} from '../validators/digits.js';
import { gb11643CheckChar, upgrade15To18 } from '../validators/gb11643.js';
import { hasMask } from '../validators/mask.js';
import { isProvinceCodeAt } from '../validators/province.js';
import { scanWith } from './lib/scan.js';
import type { PatternRecognizer } from './lib/types.js';
import { checks, invalid, masked, nomatch, truncated, valid } from './lib/verdicts.js';

/** Earliest accepted birth date (counting-rules.md §2). */
const MIN_BIRTH = 19000101;

/** Masked shape: 14–19 chars of digits, x/X and mask symbols (e.g. `110101********123X`, `1101011990****1234`). */
const MASKED = /^[0-9xX*×]{14,19}$/;
/**
 * Free-text candidates: 18 chars (17 digits + digit/X) or 15 digits, never inside a longer digit run.
 * The 15-digit branch also refuses a following X (`…002X` of 16 chars is not a first-generation ID).
 */
const SCAN_ID = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15}(?![Xx]))(?![0-9])/g;
/** Free-text masked candidates with at least one `*`: e.g. `110101********123X`. */
const SCAN_MASKED = /(?<![0-9*])(?=[0-9]{2,}\*)[0-9*]{17}[0-9Xx*](?![0-9*])/g;

/** Check-label arrays for every outcome of the three validators, frozen once (no allocation per value). */
const CHECKS18: readonly (readonly string[])[] = Array.from({ length: 8 }, (_, bits) =>
  checks(
    bits & 1 ? 'province:ok' : 'province:fail',
    bits & 2 ? 'date:ok' : 'date:fail',
    bits & 4 ? 'gb11643:ok' : 'gb11643:fail',
  ),
);
const CHECKS15: readonly (readonly string[])[] = Array.from({ length: 4 }, (_, bits) =>
  checks(bits & 1 ? 'province:ok' : 'province:fail', bits & 2 ? 'date:ok' : 'date:fail', 'upgrade:gb11643'),
);

function birthOk(key: number, ctx: RecognizeContext): boolean {
  return key >= MIN_BIRTH && key <= isoDateKey(ctx.analysisDate);
}

function judge18(id: string, ctx: RecognizeContext): Verdict {
  const province = isProvinceCodeAt(id, 0);
  const date = birthOk(realDateKeyAt(id, 6), ctx);
  const check = gb11643CheckChar(id) === id[17];
  const labels = CHECKS18[(province ? 1 : 0) | (date ? 2 : 0) | (check ? 4 : 0)]!;
  if (province && date && check) return valid(id, 'id18', labels);
  // Excel keeps 15 significant digits: the last three become 000 and the check character fails.
  if (province && date && id.endsWith('000')) return truncated(id, 'precision', 'id18');
  return invalid(id, !province ? 'province' : !date ? 'birth_date' : 'check_digit', 'id18', labels);
}

function judge15(id: string, ctx: RecognizeContext): Verdict {
  const province = isProvinceCodeAt(id, 0);
  const date = birthOk(realDateKeyAt(`19${id.slice(6, 12)}`, 0), ctx);
  const labels = CHECKS15[(province ? 1 : 0) | (date ? 2 : 0)]!;
  if (province && date) return valid(upgrade15To18(id), 'id15', labels);
  return invalid(id, !province ? 'province' : 'birth_date', 'id15', labels);
}

function match(raw: string, ctx: RecognizeContext): Verdict {
  if (raw.length > 40) return nomatch();
  const value = unwrapSpreadsheetText(raw);
  if (mayBeScientific(value)) {
    const exp = scientificExponent(value);
    return exp >= 13 && exp <= 18 ? truncated(value.toUpperCase(), 'scientific', 'id_scientific') : nomatch();
  }
  const s = stripSeparators(value);
  const n = s.length;
  if (n < 14 || n > 19) return nomatch();
  if (hasMask(s)) return MASKED.test(s) ? masked(s.toUpperCase(), 'id_masked') : nomatch();
  for (let i = 0; i < n - 1; i++) if (!isDigitCode(s.charCodeAt(i))) return nomatch();
  const last = s.charCodeAt(n - 1);
  const lastIsX = last === 0x58 || last === 0x78;
  if (!lastIsX && !isDigitCode(last)) return nomatch();
  const id = lastIsX ? `${s.slice(0, -1)}X` : s;
  if (n === 18) return judge18(id, ctx);
  if (n === 15) return lastIsX ? invalid(id, 'format', 'id15') : judge15(id, ctx);
  return invalid(id, 'length', 'id_length');
}

export const RESIDENT_ID: PatternRecognizer = {
  id: 'cn.resident_id',
  type: 'resident_id',
  version: '1.0.0',
  reference:
    'GB 11643-1999 公民身份号码 (ISO 7064:1983 MOD 11-2); GB/T 2260 province codes; counting-rules.md §2',
  headerWords: [
    '身份证',
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号',
    '身份号码',
    '身份证件号码',
    '证件号码',
    '证件号',
    '居民身份证',
    'sfz',
    'sfzh',
    'sfzhm',
    'gmsfhm',
    'zjhm',
    'zjh',
    'idcard',
    'idcardno',
    'idno',
    'idnumber',
    'ctfid',
    'identitycard',
    'residentid',
  ],
  headerExclude: [
    '地址',
    '住址',
    '有效期',
    '签发',
    '照片',
    '图片',
    '正面',
    '反面',
    '类型',
    'address',
    'photo',
    'type',
  ],
  contextRequired: false,
  patterns: { masked: MASKED, scanId: SCAN_ID, scanMasked: SCAN_MASKED },
  match,
  scan(text: string, ctx: RecognizeContext): Span[] {
    return scanWith(text, [SCAN_ID, SCAN_MASKED], ctx, match);
  },
};
