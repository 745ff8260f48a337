/**
 * @module core/field-types
 * The vocabulary of field types a column can be given (counting-rules.md §2, §3).
 * Pure data: no I/O, no dependencies.
 */

/** Every field type a recognizer can assign to a column. */
export const FIELD_TYPES = [
  'resident_id',
  'mobile',
  'landline',
  'bank_card',
  'email',
  'qq',
  'wechat',
  'passport',
  'person_name',
  'address',
  'plate',
  'coordinates',
  'latitude',
  'longitude',
  'datetime',
  'money',
  'password',
  'gender',
  'ethnicity',
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * Strong identifiers: one valid value of these makes a record identify a person
 * (counting-rules.md §3). Names, addresses and landlines identify only in combination.
 */
export const STRONG_IDENTIFIERS: readonly FieldType[] = [
  'resident_id',
  'mobile',
  'bank_card',
  'email',
  'qq',
  'wechat',
  'passport',
];

/**
 * Subject-key precedence (counting-rules.md §4): the first valid one of these identifies the data subject.
 * Pairs are written 'a+b' and need both values valid.
 */
export const SUBJECT_KEY_ORDER = [
  'resident_id',
  'mobile',
  'bank_card',
  'email',
  'qq',
  'wechat',
  'passport',
  'person_name+address',
  'person_name+landline',
] as const;

export function isFieldType(x: string): x is FieldType {
  return (FIELD_TYPES as readonly string[]).includes(x);
}

/**
 * One-character codes that stand for the types inside exact and subject keys (detect/record.ts), so that staged
 * keys carry values, not type names (a quarter fewer staged bytes, measured on the bench's 10 M records). Fixed
 * here, never derived from positions: changing a code changes every key, and with it the seeded sample order.
 * Unique; none is `=`, `:`, `+` or a control character (the separators of keys).
 */
export const FIELD_TYPE_CODES: Readonly<Record<FieldType, string>> = {
  resident_id: 'i',
  mobile: 'm',
  landline: 'l',
  bank_card: 'b',
  email: 'e',
  qq: 'q',
  wechat: 'w',
  passport: 'p',
  person_name: 'n',
  address: 'a',
  plate: 'v',
  coordinates: 'c',
  latitude: 'y',
  longitude: 'x',
  datetime: 't',
  money: 'r',
  password: 'k',
  gender: 'g',
  ethnicity: 'z',
};

/** Chinese labels used in reports. */
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  resident_id: '公民身份号码',
  mobile: '手机号码',
  landline: '固定电话',
  bank_card: '银行卡号',
  email: '电子邮箱',
  qq: 'QQ号',
  wechat: '微信号',
  passport: '护照号码',
  person_name: '姓名',
  address: '地址',
  plate: '机动车号牌',
  coordinates: '经纬度',
  latitude: '纬度',
  longitude: '经度',
  datetime: '日期时间',
  money: '金额',
  password: '密码',
  gender: '性别',
  ethnicity: '民族',
};
