/**
 * @module detect/recognizers
 * The single explicit list of recognizers: exactly one per FieldType (core/field-types.ts), in FieldType order.
 * Adding a recognizer = `<name>.ts` + `<name>.vectors.ts` + one line here; `recognizers.case.test.ts` fails when
 * a file in this folder is missing from the list. Shared tables and helpers live in `lib/`.
 */
import { FIELD_TYPES, type FieldType } from '../../core/field-types.js';
import type { Recognizer } from '../recognizer.js';
import { ADDRESS } from './address.js';
import { BANK_CARD } from './bank-card.js';
import { COORDINATES } from './coordinates.js';
import { DATETIME } from './datetime.js';
import { EMAIL } from './email.js';
import { ETHNICITY } from './ethnicity.js';
import { GENDER } from './gender.js';
import { LANDLINE } from './landline.js';
import { LATITUDE } from './latitude.js';
import { LONGITUDE } from './longitude.js';
import { MOBILE_RECOGNIZER } from './mobile.js';
import { MONEY_RECOGNIZER } from './money.js';
import { PASSPORT } from './passport.js';
import { PASSWORD } from './password.js';
import { PERSON_NAME } from './person-name.js';
import { PLATE } from './plate.js';
import { QQ_RECOGNIZER } from './qq.js';
import { RESIDENT_ID } from './resident-id.js';
import { WECHAT } from './wechat.js';

/** Every recognizer, one per FieldType, in FIELD_TYPES order. */
export const RECOGNIZERS: readonly Recognizer[] = Object.freeze([
  RESIDENT_ID,
  MOBILE_RECOGNIZER,
  LANDLINE,
  BANK_CARD,
  EMAIL,
  QQ_RECOGNIZER,
  WECHAT,
  PASSPORT,
  PERSON_NAME,
  ADDRESS,
  PLATE,
  COORDINATES,
  LATITUDE,
  LONGITUDE,
  DATETIME,
  MONEY_RECOGNIZER,
  PASSWORD,
  GENDER,
  ETHNICITY,
]);

const BY_TYPE: ReadonlyMap<FieldType, Recognizer> = (() => {
  const m = new Map<FieldType, Recognizer>();
  for (const r of RECOGNIZERS) {
    if (m.has(r.type)) throw new Error(`two recognizers for field type ${r.type}`);
    m.set(r.type, r);
  }
  for (const t of FIELD_TYPES) if (!m.has(t)) throw new Error(`no recognizer for field type ${t}`);
  return m;
})();

/**
 * The recognizer of a field type (exactly one exists; checked at load time).
 * @example recognizerFor('mobile').match('13800138000', { analysisDate: '2024-06-30' }).status // 'valid'
 */
export function recognizerFor(type: FieldType): Recognizer {
  return BY_TYPE.get(type)!;
}
