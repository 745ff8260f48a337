/**
 * @module detect/validators/province
 * Province-level codes: the first two digits of a GB 11643-1999 citizen identity number are the province of the
 * GB/T 2260 address code. Valid: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (Taiwan), 81 (Hong Kong),
 * 82 (Macao), 83 (Taiwan residents' residence permits, 国办发〔2018〕81号) — counting-rules.md §2.
 * Only the province is checked: abolished county codes stay valid (legal-reference.md §5.1).
 */

/** Province code → name (GB/T 2260). */
export const PROVINCE_CODES: ReadonlyMap<string, string> = new Map([
  ['11', '北京市'],
  ['12', '天津市'],
  ['13', '河北省'],
  ['14', '山西省'],
  ['15', '内蒙古自治区'],
  ['21', '辽宁省'],
  ['22', '吉林省'],
  ['23', '黑龙江省'],
  ['31', '上海市'],
  ['32', '江苏省'],
  ['33', '浙江省'],
  ['34', '安徽省'],
  ['35', '福建省'],
  ['36', '江西省'],
  ['37', '山东省'],
  ['41', '河南省'],
  ['42', '湖北省'],
  ['43', '湖南省'],
  ['44', '广东省'],
  ['45', '广西壮族自治区'],
  ['46', '海南省'],
  ['50', '重庆市'],
  ['51', '四川省'],
  ['52', '贵州省'],
  ['53', '云南省'],
  ['54', '西藏自治区'],
  ['61', '陕西省'],
  ['62', '甘肃省'],
  ['63', '青海省'],
  ['64', '宁夏回族自治区'],
  ['65', '新疆维吾尔自治区'],
  ['71', '台湾省'],
  ['81', '香港特别行政区'],
  ['82', '澳门特别行政区'],
  ['83', '台湾居民居住证'],
]);

/** Lookup table indexed by the two-digit number 0–99, built once at load. */
const VALID = new Uint8Array(100);
for (const code of PROVINCE_CODES.keys()) VALID[Number(code)] = 1;

/**
 * True when the two characters of `s` at `offset` are a valid province code.
 * @example isProvinceCodeAt('11010519491231002X', 0) // true
 */
export function isProvinceCodeAt(s: string, offset = 0): boolean {
  if (offset < 0 || offset + 2 > s.length) return false;
  const a = s.charCodeAt(offset) - 48;
  const b = s.charCodeAt(offset + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return false;
  return VALID[a * 10 + b] === 1;
}

/** True for a two-character province code string. */
export function isProvinceCode(code: string): boolean {
  return code.length === 2 && isProvinceCodeAt(code, 0);
}
