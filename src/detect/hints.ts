/**
 * @module detect/hints
 * Tests that let a reader tell a header row from a data row without knowing the recognizers
 * (passed to ingest as `LayoutHints` by the services layer).
 */
import { normalizeHeader, normalizeText } from '../core/normalize.js';
import { CATEGORY_SIGNALS } from './category.js';
import { headerTypes } from './header-match.js';
import { RECOGNIZERS } from './recognizers/index.js';

/** Header words that name no personal-information type but are common in dumps. */
const GENERIC_HEADER_WORDS = [
  '序号',
  '编号',
  '备注',
  '说明',
  '类型',
  '状态',
  '时间',
  '日期',
  '来源',
  '单位',
  '部门',
  '职务',
  '职业',
  '学历',
  '年龄',
  '籍贯',
  '邮编',
  '单号',
  '渠道',
  '操作员',
  '备用',
  '其他',
  '用户名',
  '账号',
  '昵称',
  '公司',
  '单位名称',
  'id',
  'no',
  'remark',
  'type',
  'status',
  'time',
  'date',
  'zip',
  'username',
  'account',
  'company',
  'nickname',
];

const CATEGORY_WORDS = CATEGORY_SIGNALS.flatMap((s) => s.words.map(normalizeHeader));
const GENERIC = new Set(GENERIC_HEADER_WORDS.map(normalizeHeader));

/** True when a cell reads as a column header. */
export function isHeaderWord(cell: string): boolean {
  const h = normalizeHeader(cell);
  if (h.length === 0 || h.length > 24) return false;
  if (GENERIC.has(h)) return true;
  if (headerTypes(cell).length > 0) return true;
  return CATEGORY_WORDS.some((w) => w.length >= 2 && h.includes(w));
}

const VALUE_RECOGNIZERS = RECOGNIZERS.filter((r) => !r.contextRequired);
const HINT_CTX = { analysisDate: '9999-12-31', viaHeader: false } as const;

/** True when a cell reads as a data value of some field type, or is a long number. */
export function looksLikeValue(cell: string): boolean {
  const v = normalizeText(cell);
  if (v.length === 0) return false;
  if (/^[+-]?\d[\d.,\s-]{3,}$/.test(v)) return true;
  return VALUE_RECOGNIZERS.some((r) => r.match(v, HINT_CTX).status !== 'nomatch');
}
