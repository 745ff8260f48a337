/**
 * @module law/rules
 * The single ordered list of rulebook rows. Order matters: band rows are evaluated in this order,
 * a `none_fired` condition may only name rows listed before it, and triggers are reported in it.
 */
import type { RuleRowInput } from '../schema.js';
import { CONTESTED_ROWS, READING_ROWS } from './contested.js';
import { CRIM_253_1_ROWS } from './crim253-1.js';
import { ART5_ROWS } from './interp2017-art5.js';
import { ART6_ROWS, ART7_ROWS, ART10_ROWS, ART11_ROWS, ART12_ROWS } from './interp2017-other.js';
import { PRACTICE_ROWS } from './practice.js';

export const RULE_ROWS: readonly RuleRowInput[] = [
  ...ART5_ROWS,
  ...ART6_ROWS,
  ...CRIM_253_1_ROWS,
  ...ART7_ROWS,
  ...ART10_ROWS,
  ...ART11_ROWS,
  ...ART12_ROWS,
  ...PRACTICE_ROWS,
  ...CONTESTED_ROWS,
  ...READING_ROWS,
];
