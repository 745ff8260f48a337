/**
 * @module demo/ledger
 * The generator's own bookkeeping of what it planted: the ground truth of the demo case.
 * It follows counting-rules.md §3–§5 by construction, without parsing anything back:
 *
 * - every record is booked as it is written: invalid (with the reason it was built to have), a fresh valid
 *   record, or a duplicate (a copy of an earlier fresh record of the same category, possibly differing only in
 *   what normalisation removes);
 * - fresh records of one category never share an exact key: each differs from every other in a surely-typed
 *   field (its own person's ID/mobile, or a datetime drawn from disjoint time slots) — see generate.ts;
 * - so distinct exact keys per category = fresh records, and exact_duplicates = duplicates;
 * - a data subject is (key type, person number): persons never share an ID, mobile, card or address
 *   (people.ts), and the key type is the first valid identifier of the record as written. Subjects per category
 *   are counted with one bit set per key type.
 */
import { CATEGORIES, CATEGORY_IDS, type CategoryId, type Tier } from '../core/categories.js';
import type { DemoEncoding } from './sink.js';

export const INVALID_REASONS = [
  'empty',
  'masked',
  'truncated',
  'invalid_identifier',
  'not_identifying',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];
export type InvalidCounts = Record<InvalidReason, number>;

/** Subject-key types the demo uses, in the precedence of counting-rules.md §4. */
export type SubjectKeyType = 'resident_id' | 'mobile' | 'bank_card' | 'person_name+address';

export interface SubjectRef {
  readonly key: SubjectKeyType;
  readonly person: number;
}

export interface ItemTruth {
  path: string;
  format: 'csv' | 'tsv' | 'txt';
  encoding: DemoEncoding;
  delimiter: string;
  category: CategoryId;
  records: number;
  non_record_lines: number;
  invalid: InvalidCounts;
}

export interface CategoryTruth {
  tier: Tier;
  records: number;
  subjects: number;
  count: number;
}

export interface DemoTruth {
  generator: { seed: number; records: number; analysis_date: string };
  items: ItemTruth[];
  totals: {
    records: number;
    valid: number;
    invalid: InvalidCounts;
    exact_duplicates: number;
    categories: Record<CategoryId, CategoryTruth>;
  };
}

export function zeroInvalid(): InvalidCounts {
  return { empty: 0, masked: 0, truncated: 0, invalid_identifier: 0, not_identifying: 0 };
}

/** A growable bit set over person numbers that counts its set bits. */
class PersonBits {
  private bits = new Uint32Array(1024);
  size = 0;
  add(n: number): void {
    const w = n >>> 5;
    if (w >= this.bits.length) {
      const grown = new Uint32Array(Math.max(w + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (n & 31);
    const word = this.bits[w] ?? 0;
    if ((word & mask) === 0) {
      this.bits[w] = word | mask;
      this.size++;
    }
  }
}

class CategoryBook {
  fresh = 0;
  duplicates = 0;
  private readonly subjects = new Map<SubjectKeyType, PersonBits>();
  subject(ref: SubjectRef): void {
    let bits = this.subjects.get(ref.key);
    if (!bits) {
      bits = new PersonBits();
      this.subjects.set(ref.key, bits);
    }
    bits.add(ref.person);
  }
  get subjectCount(): number {
    let n = 0;
    for (const b of this.subjects.values()) n += b.size;
    return n;
  }
}

export class Ledger {
  private readonly items: ItemTruth[] = [];
  private readonly books = new Map<CategoryId, CategoryBook>(
    CATEGORY_IDS.map((c) => [c, new CategoryBook()]),
  );

  item(def: Omit<ItemTruth, 'records' | 'non_record_lines' | 'invalid'>): ItemTruth {
    const item: ItemTruth = { ...def, records: 0, non_record_lines: 0, invalid: zeroInvalid() };
    this.items.push(item);
    return item;
  }

  nonRecord(item: ItemTruth, lines = 1): void {
    item.non_record_lines += lines;
  }

  invalid(item: ItemTruth, reason: InvalidReason): void {
    item.records++;
    item.invalid[reason]++;
  }

  /** A valid record: `fresh` when no earlier record of its category has the same exact key. */
  valid(item: ItemTruth, fresh: boolean, subject: SubjectRef): void {
    item.records++;
    const book = this.books.get(item.category)!;
    if (fresh) book.fresh++;
    else book.duplicates++;
    book.subject(subject);
  }

  truth(generator: DemoTruth['generator']): DemoTruth {
    const items = [...this.items]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((i) => ({ ...i, invalid: { ...i.invalid } }));
    const invalid = zeroInvalid();
    let records = 0;
    for (const i of items) {
      records += i.records;
      for (const r of INVALID_REASONS) invalid[r] += i.invalid[r];
    }
    const invalidSum = INVALID_REASONS.reduce((s, r) => s + invalid[r], 0);
    let duplicates = 0;
    const categories = {} as Record<CategoryId, CategoryTruth>;
    for (const id of CATEGORY_IDS) {
      const book = this.books.get(id)!;
      duplicates += book.duplicates;
      const subjects = book.subjectCount;
      const def = CATEGORIES[id];
      categories[id] = {
        tier: def.tier,
        records: book.fresh,
        subjects,
        count: def.countedBy === 'records' ? book.fresh : subjects,
      };
    }
    return {
      generator,
      items,
      totals: { records, valid: records - invalidSum, invalid, exact_duplicates: duplicates, categories },
    };
  }
}
