/**
 * @module services/sample
 * Authenticity sampling (issue 6). `drawSample`: the frame comes from the kept engine database, the size from
 * Cochran's formula with finite-population correction per (holder, category), proportional allocation over
 * item strata, and the draw from a keyed hash of the seed and the unit key; the full values of the drawn
 * records are read back from the evidence (after re-checking each item's SHA-256) into the verification
 * workbook, and the design into sample.json. `importVerification`: reads the filled workbook back (refusing
 * one that does not match the drawn sample) and computes rates, exact intervals and conservative counts.
 */
import type { CategoryId, Tier } from '../core/categories.js';
import type { Assessment } from '../law/assessment.js';

export type VerificationResult = '真实' | '不真实' | '无法核实';
export const VERIFICATION_RESULTS: readonly VerificationResult[] = ['真实', '不真实', '无法核实'];

export interface SampleStratum {
  /** e.g. `S03`. */
  readonly id: string;
  readonly holder: string;
  readonly category: CategoryId;
  readonly item_index: number;
  readonly item: string;
  readonly sha256: string | null;
  /** N_h: distinct units whose representative record is in this item. */
  readonly size: number;
  /** n_h: units drawn. */
  readonly n: number;
}

export interface SampleDomain {
  readonly holder: string;
  readonly category: CategoryId;
  readonly tier: Tier;
  readonly unit: 'records' | 'subjects';
  /** N: the frame size, equal to the legal count of the holder's category in summary.json. */
  readonly population: number;
  /** `census`: every unit exported for itemised verification (逐一认定). */
  readonly design: 'sample' | 'census';
  readonly z: number | null;
  readonly n0: number | null;
  readonly n: number;
  readonly strata: readonly SampleStratum[];
}

export interface SampleRow {
  /** 1-based row number in the workbook. */
  readonly no: number;
  /** e.g. `A000001`. */
  readonly id: string;
  readonly stratum: string;
  readonly holder: string;
  readonly category: CategoryId;
  readonly item_index: number;
  readonly item: string;
  readonly line: number;
  readonly rank: number;
  readonly order_key: string;
  /** The record with identifying values masked (for reports); full values are only in the workbook. */
  readonly masked: string;
}

export interface SampleDesign {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string; readonly engine: string };
  readonly case: string;
  readonly summary_sha256: string;
  readonly analysis_date: string;
  readonly seed: string;
  readonly seed_source: 'given' | 'summary_sha256';
  readonly confidence: number;
  readonly margin: number;
  readonly proportion: number;
  readonly full_tiers: readonly Tier[];
  /** The procedure as the report states it, step by step. */
  readonly procedure: readonly string[];
  readonly domains: readonly SampleDomain[];
  readonly rows: readonly SampleRow[];
  /** SHA-256 of the canonical design (seed, parameters, strata, rows' positions and keys). */
  readonly design_sha256: string;
  readonly workbook: { readonly file: string; readonly sha256: string };
}

export interface RateFigures {
  readonly n: number;
  readonly verified_true: number;
  readonly not_true: number;
  readonly unverifiable: number;
  /** k/n with unverifiable counted as not true (null when n = 0). */
  readonly rate: number | null;
  readonly lower: number;
  readonly upper: number;
}

export interface StratumResult extends RateFigures {
  readonly stratum: string;
  readonly holder: string;
  readonly category: CategoryId;
  readonly item: string;
  readonly size: number;
}

export interface DomainResult extends RateFigures {
  readonly holder: string;
  readonly category: CategoryId;
  readonly tier: Tier;
  readonly unit: 'records' | 'subjects';
  readonly design: 'sample' | 'census';
  /** The as-seized count (summary.json). */
  readonly population: number;
  /** With no failure: the one-sided upper bound on the false rate, 1 − (1 − confidence)^(1/n). */
  readonly zero_failure_upper: number | null;
  /** Census: verified true; sample: max(verified true, ⌊lower × population⌋). */
  readonly conservative: number;
  readonly conservative_working: string;
}

export interface SampleResults {
  readonly version: 1;
  readonly design_sha256: string;
  readonly summary_sha256: string;
  readonly seed: string;
  readonly confidence: number;
  /** The filled workbook as imported. */
  readonly workbook: { readonly file: string; readonly sha256: string };
  /** Rows per verification method as entered. */
  readonly methods: Readonly<Record<string, number>>;
  /** Each row's result and method (the verifier's notes stay in the workbook: they may hold full values). */
  readonly rows: readonly {
    readonly id: string;
    readonly result: VerificationResult;
    readonly method: string;
  }[];
  readonly strata: readonly StratumResult[];
  readonly domains: readonly DomainResult[];
  /** The legal assessment with each sampled category at its conservative count (null without holder facts). */
  readonly assessment_conservative: Assessment | null;
}
