/**
 * @module law/assessment
 * The output shape of the legal assessment (what `xinjian assess --json` prints and what reports
 * reuse). Plain data; every conclusion carries its rule id, citation and working.
 */
import type { CategoryId } from '../core/categories.js';
import type { Basis, EvaluationPath, Severity, SupportRef } from './schema.js';

/** A band row whose conditions all held. */
export interface Trigger {
  readonly rule: string;
  readonly band: Exclude<Severity, 'none'>;
  readonly basis: Basis;
  readonly label: string;
  /** Document, article, paragraph, item and a short quote, as one line. */
  readonly citation: string;
  /** False when the cited wording is recalled, not read in a source. */
  readonly verified: boolean;
  /** True when the encoding is a derived or practice reading (see interpretive_note). */
  readonly interpretive: boolean;
  readonly interpretive_note: string | null;
  readonly working: string;
}

/** Every band row evaluated, met or not: the full working. */
export interface Check {
  readonly rule: string;
  readonly band: Exclude<Severity, 'none'> | null;
  readonly label: string;
  readonly met: boolean;
  /** The condition tests that failed (e.g. ["tier_count"], or ["fact"] when a premise is absent). */
  readonly failed: readonly string[];
  readonly working: string;
}

/** An aggravation, mitigation or note. `rule` is null for a stated fact with no rulebook row. */
export interface Effect {
  readonly rule: string | null;
  readonly label: string;
  readonly text: string;
  readonly citation: string;
  readonly verified: boolean;
  readonly working: string;
}

export interface PenaltyRange {
  readonly rule: string;
  readonly band: Exclude<Severity, 'none'>;
  readonly text: string;
  readonly imprisonment_months: { readonly min: number; readonly max: number };
  readonly criminal_detention: boolean;
  readonly fine: 'optional_or_sole' | 'mandatory';
  readonly citation: string;
  readonly verified: boolean;
  readonly notes: readonly string[];
}

export interface FineGuidance {
  readonly rule: string;
  readonly citation: string;
  readonly verified: boolean;
  /** The holder's own 违法所得 the multiples apply to, or null when none was stated. */
  readonly basis_yuan: number | null;
  readonly min_yuan: number | null;
  readonly max_yuan: number | null;
  readonly fine: 'optional_or_sole' | 'mandatory';
  readonly working: string;
  readonly text: string;
}

export interface Alternative {
  /** The reading, naming only what differs from the main reading. */
  readonly reading: string;
  readonly severity: Severity;
  /** True when the band differs from the main reading's. */
  readonly differs: boolean;
  readonly path: EvaluationPath;
  /** Cases and sources for this reading, as one line. */
  readonly support: string;
  readonly support_refs: readonly SupportRef[];
  /** Rulebook rows (contested.*, reading.*) that define this reading. */
  readonly reading_rules: readonly string[];
  /** Rule ids that fired under this reading. */
  readonly triggers: readonly string[];
  readonly counts: Readonly<Record<CategoryId, number>>;
}

export interface FactNotGiven {
  readonly field: string;
  readonly assumed: string;
  /** The band if this yes/no fact (or any listed consequence) were established; null if not applicable. */
  readonly severity_if_true: Severity | null;
}

export interface HolderAssessment {
  readonly name: string;
  readonly severity: Severity;
  readonly severity_label: string;
  readonly path: EvaluationPath;
  /** The main reading (the facts as counted and classified in the input). */
  readonly reading: string;
  /** Support for the main reading's contested choices, as one line ('' when nothing is contested). */
  readonly reading_support: string;
  readonly reading_rules: readonly string[];
  readonly counts: Readonly<Record<CategoryId, number>>;
  readonly tier_totals: { readonly tier1: number; readonly tier2: number; readonly tier3: number };
  readonly proportional_sum: { readonly units: number; readonly s: string; readonly working: string };
  readonly illegal_gain_yuan: number;
  readonly triggers: readonly Trigger[];
  readonly checks: readonly Check[];
  readonly path_checks: readonly Check[];
  readonly penalty_range: PenaltyRange | null;
  readonly fine_guidance: FineGuidance | null;
  readonly aggravations: readonly Effect[];
  readonly mitigations: readonly Effect[];
  readonly notes: readonly Effect[];
  readonly alternatives: readonly Alternative[];
  readonly severity_range: { readonly min: Severity; readonly max: Severity };
  /** True when some tenable reading gives a different band: the reader must decide. */
  readonly contested_outcome: boolean;
  readonly facts_not_given: readonly FactNotGiven[];
  readonly ignored_fields: readonly string[];
}

export interface Assessment {
  readonly tool: 'xinjian';
  readonly rulebook_version: string;
  readonly as_of: string | null;
  readonly source: string;
  readonly case_name: string | null;
  readonly holders: readonly HolderAssessment[];
  readonly ignored_fields: readonly string[];
}
