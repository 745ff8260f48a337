/**
 * @module detect/recognizers/plate
 * Motor-vehicle plates, GA 36-2018 《中华人民共和国机动车号牌》 (legal-reference.md §5.4, any-rule regex):
 * - ordinary (7 chars): province abbreviation + issuing-authority letter (A–Z without I, O) + 4 letters/digits
 *   (no I/O) + a final letter/digit or 挂/学/警/港/澳/领/试/超;
 * - new-energy (8 chars): small vehicles — D or F, one letter/digit, 4 digits (京AD92035); large vehicles —
 *   5 digits then D or F (甘G23459F). Small-vehicle third letters beyond D/F (A B C E G H J K, reported for the
 *   2022 number-range expansion) are accepted with warning `unverified_series` (not verified in the sources).
 * - embassy plates 使 + 6 digits.
 * Separators (space, `-`, `·`, `.`) are dropped; letters upper-cased. Province + letter but another shape →
 * invalid `format`; mask characters → masked.
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { hasMaskSymbol } from '../validators/mask.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';

/** GA 36-2018 province abbreviations (any-rule list) plus 使/领 for diplomatic plates. */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const ORDINARY = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳领试超]$`);
const NEW_ENERGY = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z](?:[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF])$`);
const NEW_ENERGY_2022 = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][ABCEGHJK][A-HJ-NP-Z0-9][0-9]{4}$`);
const EMBASSY = /^使[0-9]{6}$/;
/** Plate-shaped: a province abbreviation, a letter, then 4–7 letters/digits/plate suffixes. */
const SHAPE = new RegExp(`^[${PROVINCES}][A-Z][A-Z0-9挂学警港澳领试超*]{3,7}$`);
const SEPARATORS = /[ \-·.]/g;

function match(value: string, _ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n < 5 || n > 12) return nomatch();
  // String.prototype.replace resets the global regex's lastIndex: no state leaks.
  const s = value.replace(SEPARATORS, '').toUpperCase();
  if (ORDINARY.test(s)) return valid(s, 'plate_ordinary');
  if (NEW_ENERGY.test(s)) return valid(s, 'plate_new_energy');
  if (NEW_ENERGY_2022.test(s)) return valid(s, 'plate_new_energy', undefined, 'unverified_series');
  if (EMBASSY.test(s)) return valid(s, 'plate_embassy');
  if (SHAPE.test(s)) {
    return hasMaskSymbol(s) ? masked(s, 'plate_masked') : invalid(s, 'format', 'plate');
  }
  return nomatch();
}

export const PLATE: PatternRecognizer = {
  id: 'cn.plate',
  type: 'plate',
  version: '1.0.0',
  reference: 'GA 36-2018 中华人民共和国机动车号牌; any-rule plate regex (legal-reference.md §5.4)',
  headerWords: [
    '车牌',
    '车牌号',
    '车牌号码',
    '号牌号码',
    '号牌',
    '车号',
    'cph',
    'hphm',
    'plate',
    'plateno',
    'licenseplate',
    'carno',
  ],
  headerExclude: ['颜色', '类型', '种类', 'color', 'type'],
  contextRequired: false,
  patterns: {
    ordinary: ORDINARY,
    newEnergy: NEW_ENERGY,
    newEnergy2022: NEW_ENERGY_2022,
    embassy: EMBASSY,
    shape: SHAPE,
    separators: SEPARATORS,
  },
  match,
};
