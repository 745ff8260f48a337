/**
 * @module detect/recognizers/gender
 * Sex / gender codes: 男/女, 男性/女性, M/F, male/female (any case); in a column typed by header also the
 * GB/T 2261.1-2003 numeric codes 1 (男) and 2 (女). `未知`, `保密`, 0, 9 (GB/T 2261.1 "unknown"/"unstated")
 * → nomatch `unknown`. Normalized: 男 or 女.
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import type { PatternRecognizer } from './lib/types.js';
import { nomatch, valid } from './lib/verdicts.js';

const WORDS: ReadonlyMap<string, string> = new Map([
  ['男', '男'],
  ['男性', '男'],
  ['男士', '男'],
  ['m', '男'],
  ['male', '男'],
  ['man', '男'],
  ['女', '女'],
  ['女性', '女'],
  ['女士', '女'],
  ['f', '女'],
  ['female', '女'],
  ['woman', '女'],
]);
const CODES: ReadonlyMap<string, string> = new Map([
  ['1', '男'],
  ['2', '女'],
]);
const UNKNOWN: ReadonlySet<string> = new Set(['未知', '保密', '不详', '未说明', '0', '9', 'u', 'unknown']);

function match(value: string, ctx: RecognizeContext): Verdict {
  if (value.length === 0 || value.length > 10) return nomatch();
  const v = value.toLowerCase();
  const g = WORDS.get(v);
  if (g !== undefined) return valid(g, 'gender_word');
  if (ctx.viaHeader === true) {
    const c = CODES.get(v);
    if (c !== undefined) return valid(c, 'gb2261');
  }
  return nomatch(UNKNOWN.has(v) ? 'unknown' : 'shape');
}

export const GENDER: PatternRecognizer = {
  id: 'cn.gender',
  type: 'gender',
  version: '1.0.0',
  reference: 'GB/T 2261.1-2003 人的性别代码',
  headerWords: ['性别', 'xb', 'sex', 'gender'],
  headerExclude: [],
  contextRequired: false,
  patterns: {},
  match,
};
