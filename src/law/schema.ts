/**
 * @module law/schema
 * The zod schema of one rulebook row. Every row of `rules/*.ts` is validated against it when the
 * rulebook is loaded (rulebook.ts), so a malformed row stops the tool before any facts are read.
 */
import { z } from 'zod';
import { CATEGORY_IDS } from '../core/categories.js';

/** Yes/no facts a holder can state (facts.ts). Rows may test them by name. */
export const BOOLEAN_FACTS = [
  'insider',
  'sold_or_provided',
  'used_for_crime',
  'knew_buyer_criminal',
  'major_loss_or_bad_influence',
  'prior_criminal_record',
  'admin_penalty_within_2_years',
  'lawful_business_purchase',
  'first_offender',
  'returned_all_gains',
  'remorse',
  'accessory',
  'unit',
  'unit_mainly_for_crime',
] as const;
export type BooleanFact = (typeof BOOLEAN_FACTS)[number];

/** Art. 5 ¶2(1): "造成被害人死亡、重伤、精神失常或者被绑架等严重后果的". */
export const CONSEQUENCES = ['death', 'serious_injury', 'mental_disorder', 'kidnapping'] as const;
export type Consequence = (typeof CONSEQUENCES)[number];

/** Facts that carry a free-text reason the user asserts (the catch-all items). */
export const ASSERTED_FACTS = ['other_serious', 'other_especially_serious'] as const;
export type AssertedFact = (typeof ASSERTED_FACTS)[number];

export const SEVERITIES = ['none', 'serious', 'especially_serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PATHS = ['art5', 'art6'] as const;
export type EvaluationPath = (typeof PATHS)[number];

/** What a band row rests on; used to apply the "heavier band" rule of 最高检 2022 case 1. */
export const BASES = ['count', 'gain', 'profit', 'conduct', 'record', 'consequence', 'asserted'] as const;
export type Basis = (typeof BASES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const tier = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const nonNegInt = z.number().int().nonnegative();
const op = z.enum(['>=', '<=']);

/** Verification status as used in legal-reference.md: V2 two sources, V1 one source, R recalled. */
export const citationSchema = z
  .strictObject({
    document: z.string().min(1),
    article: z.string().min(1),
    paragraph: z.string().min(1).optional(),
    item: z.string().min(1).optional(),
    /** A short verbatim excerpt as read in the project's sources, or null when only a summary exists. */
    quote: z.string().min(1).nullable(),
    /** What the provision says, in plain Chinese. */
    summary: z.string().min(1),
    status: z.enum(['V2', 'V1', 'R']),
    /** False for recalled [R] text: reports must say the wording was not checked. */
    verified: z.boolean(),
    /** True when the encoding is a derived or practice reading rather than the text itself. */
    interpretive: z.boolean(),
    /** Why the reading is interpretive, when it is. */
    interpretive_note: z.string().min(1).optional(),
    /** Where the text was read (document and section of the project's sources). */
    source: z.string().min(1),
  })
  .refine((c) => c.verified === (c.status !== 'R'), {
    message: 'verified must be false exactly when status is R',
    path: ['verified'],
  })
  .refine((c) => !c.interpretive || c.interpretive_note !== undefined, {
    message: 'an interpretive citation needs an interpretive_note',
    path: ['interpretive_note'],
  });
export type Citation = z.infer<typeof citationSchema>;

/** One test on the facts. A row holds when all its conditions hold. */
export const conditionSchema = z.discriminatedUnion('test', [
  z.strictObject({ test: z.literal('fact'), fact: z.enum(BOOLEAN_FACTS), equals: z.boolean() }),
  z.strictObject({ test: z.literal('any_fact'), facts: z.array(z.enum(BOOLEAN_FACTS)).min(2) }),
  z.strictObject({ test: z.literal('consequence_in'), values: z.array(z.enum(CONSEQUENCES)).min(1) }),
  z.strictObject({ test: z.literal('asserted'), fact: z.enum(ASSERTED_FACTS) }),
  z.strictObject({
    test: z.literal('tier_count'),
    tier,
    op,
    value: nonNegInt,
    explain: z.string().min(1).optional(),
  }),
  /** All records of every category together. */
  z.strictObject({ test: z.literal('total_count'), op, value: nonNegInt }),
  z.strictObject({
    test: z.literal('category_count'),
    category: z.enum(CATEGORY_IDS),
    op,
    value: nonNegInt,
  }),
  /**
   * Art. 5 ¶1(6), the proportional sum, in exact integers: units = w1·n1 + w2·n2 + w3·n3 with
   * weights 100/10/1, so that S = units / unit (unit = 5,000) and "S ≥ 1" is "units ≥ 5,000".
   */
  z.strictObject({
    test: z.literal('weighted_units'),
    weights: z.strictObject({ 1: nonNegInt, 2: nonNegInt, 3: nonNegInt }),
    unit: z.number().int().positive(),
    op,
    value: nonNegInt,
    explain: z.string().min(1).optional(),
  }),
  /** Money is compared in fen (1/100 yuan) so the decision is integer arithmetic. */
  z.strictObject({
    test: z.literal('gain_fen'),
    op,
    value: nonNegInt,
    explain: z.string().min(1).optional(),
  }),
  z.strictObject({
    test: z.literal('profit_fen'),
    op,
    value: nonNegInt,
    explain: z.string().min(1).optional(),
  }),
  /** Holds when none of the named band rows (which must come earlier) fired. */
  z.strictObject({ test: z.literal('none_fired'), rules: z.array(z.string().min(1)).min(1) }),
  /** Post-decision tests, for notes, aggravations and mitigations only. */
  z.strictObject({ test: z.literal('severity_in'), values: z.array(z.enum(SEVERITIES)).min(1) }),
  z.strictObject({ test: z.literal('path_is'), path: z.enum(PATHS) }),
  /** Count-based and gain-based rows reached different bands (最高检 2022 case 1). */
  z.strictObject({ test: z.literal('bases_differ') }),
]);
export type Condition = z.infer<typeof conditionSchema>;

const rowBase = {
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'ids are lower-case dotted words, e.g. interp2017.art5.1.3'),
  version: z.number().int().positive(),
  effective_from: isoDate.nullable(),
  effective_to: isoDate.nullable(),
  /** Why effective_from is null or how it was fixed, when not obvious. */
  effective_note: z.string().min(1).optional(),
  citation: citationSchema,
};

/** A row that concludes 情节严重 or 情节特别严重 when all its conditions hold. */
export const bandRowSchema = z.strictObject({
  ...rowBase,
  kind: z.literal('band'),
  path: z.enum(PATHS),
  band: z.enum(['serious', 'especially_serious']),
  basis: z.enum(BASES),
  /** Short Chinese label of the rule, e.g. 第四项信息五百条以上. */
  label: z.string().min(1),
  conditions: z.array(conditionSchema).min(1),
});

/** Selects the evaluation path (Art. 6 instead of Art. 5) when all conditions hold. */
export const pathRowSchema = z.strictObject({
  ...rowBase,
  kind: z.literal('path'),
  path: z.enum(PATHS),
  label: z.string().min(1),
  conditions: z.array(conditionSchema).min(1),
});

/** The statutory penalty of one band. */
export const penaltyRowSchema = z.strictObject({
  ...rowBase,
  kind: z.literal('penalty'),
  band: z.enum(['serious', 'especially_serious']),
  imprisonment_months: z.strictObject({ min: nonNegInt, max: nonNegInt }),
  criminal_detention: z.boolean(),
  fine: z.enum(['optional_or_sole', 'mandatory']),
  text: z.string().min(1),
  notes: z.array(z.string().min(1)),
});

/** Art. 12: the fine as a multiple of 违法所得. */
export const fineRowSchema = z.strictObject({
  ...rowBase,
  kind: z.literal('fine'),
  multiple_min: z.number().int().positive(),
  multiple_max: z.number().int().positive(),
  text: z.string().min(1),
});

/** Aggravations, mitigations and notes: emitted when all conditions hold (an empty list always holds). */
export const effectRowSchema = z.strictObject({
  ...rowBase,
  kind: z.enum(['aggravation', 'mitigation', 'note']),
  label: z.string().min(1),
  text: z.string().min(1),
  conditions: z.array(conditionSchema),
});

export const supportRefSchema = z.strictObject({
  /** Case or document name, e.g. 指导性案例193号（闻巍等）. */
  ref: z.string().min(1),
  /** What it holds or argues, short. */
  holding: z.string().min(1),
  quote: z.string().min(1).nullable(),
  status: z.enum(['V2', 'V1', 'R']),
  verified: z.boolean(),
  source: z.string().min(1),
});
export type SupportRef = z.infer<typeof supportRefSchema>;

/** A contested classification and the support for each tenable reading (legal-reference.md §6). */
export const contestedRowSchema = z.strictObject({
  ...rowBase,
  kind: z.literal('contested'),
  contested_kind: z.string().regex(/^[a-z_]+$/),
  label: z.string().min(1),
  default_counted_as: z.enum(CATEGORY_IDS).nullable(),
  default_alternatives: z.array(z.enum(CATEGORY_IDS)),
  /** Support by tier of the category a reading puts the records in. */
  support_by_tier: z.strictObject({
    1: z.array(supportRefSchema),
    2: z.array(supportRefSchema),
    3: z.array(supportRefSchema),
  }),
});

/** A reading of the facts that is not a classification (joint crime, Art. 6 purpose). */
export const readingRowSchema = z.strictObject({
  ...rowBase,
  kind: z.literal('reading'),
  reading: z.enum(['joint_totals', 'own_share', 'art6_accepted', 'art6_not_accepted']),
  label: z.string().min(1),
  support: z.array(supportRefSchema).min(1),
});

export const ruleRowSchema = z.discriminatedUnion('kind', [
  bandRowSchema,
  pathRowSchema,
  penaltyRowSchema,
  fineRowSchema,
  effectRowSchema,
  contestedRowSchema,
  readingRowSchema,
]);

export type RuleRow = z.infer<typeof ruleRowSchema>;
export type BandRow = z.infer<typeof bandRowSchema>;
export type PathRow = z.infer<typeof pathRowSchema>;
export type PenaltyRow = z.infer<typeof penaltyRowSchema>;
export type FineRow = z.infer<typeof fineRowSchema>;
export type EffectRow = z.infer<typeof effectRowSchema>;
export type ContestedRow = z.infer<typeof contestedRowSchema>;
export type ReadingRow = z.infer<typeof readingRowSchema>;

/** Input type for the data modules: plain objects, checked by the schema at load. */
export type RuleRowInput = z.input<typeof ruleRowSchema>;
