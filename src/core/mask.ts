/**
 * @module core/mask
 * Masks identifying values for report bodies (issue 6: `110101********123X`, `138****5678`, `张*`).
 * Full values appear only in the verification workbook, never in reports or summaries.
 */
import type { FieldType } from './field-types.js';

function keepEnds(v: string, head: number, tail: number): string {
  const chars = [...v];
  if (chars.length <= head + tail) return chars.map((c, i) => (i === 0 ? c : '*')).join('');
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/** Masks one value according to its field type (untyped values keep a third of their characters). */
export function maskValue(type: FieldType | null, value: string): string {
  if (value.length === 0) return value;
  switch (type) {
    case 'resident_id':
      return keepEnds(value, 6, 4);
    case 'mobile':
      return keepEnds(value, 3, 4);
    case 'bank_card':
      return keepEnds(value, 6, 4);
    case 'landline':
      return keepEnds(value, 4, 2);
    case 'person_name':
      return keepEnds(value, 1, 0);
    case 'email': {
      const at = value.indexOf('@');
      return at > 0 ? `${keepEnds(value.slice(0, at), 1, 0)}${value.slice(at)}` : keepEnds(value, 1, 0);
    }
    case 'address': {
      const chars = [...value];
      const keep = Math.min(6, Math.ceil(chars.length / 3));
      return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
    }
    case 'password':
      return '*'.repeat(Math.min(8, [...value].length));
    case 'gender':
    case 'ethnicity':
    case 'datetime':
    case 'money':
      return value;
    default: {
      const chars = [...value];
      const keep = Math.floor(chars.length / 3);
      return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
    }
  }
}
