/**
 * @module detect/recognizers/ethnicity
 * Ethnic group (民族) of the 56 groups of GB/T 3304-1991 (lib/ethnic-groups.ts), written with or without 族,
 * plus the register short forms 维族 and 蒙族. `其他`, `穿青人` and foreign origins are nomatch.
 * Normalized: `<group>族` (汉 → 汉族).
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { ETHNIC_CANONICAL } from './lib/ethnic-groups.js';
import type { PatternRecognizer } from './lib/types.js';
import { nomatch, valid } from './lib/verdicts.js';

function match(value: string, _ctx: RecognizeContext): Verdict {
  if (value.length === 0 || value.length > 6) return nomatch();
  const g = ETHNIC_CANONICAL.get(value);
  return g === undefined ? nomatch() : valid(g, 'gb3304');
}

export const ETHNICITY: PatternRecognizer = {
  id: 'cn.ethnicity',
  type: 'ethnicity',
  version: '1.0.0',
  reference: 'GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码',
  headerWords: ['民族', 'mz', 'nation', 'ethnic', 'ethnicity', 'nationality'],
  headerExclude: ['国籍', 'country'],
  contextRequired: false,
  patterns: {},
  match,
};
