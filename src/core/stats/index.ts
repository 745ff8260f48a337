/**
 * @module core/stats
 * Pure sampling statistics for authenticity verification (forensic-practice.md §6): sample size, allocation,
 * exact intervals. No I/O.
 */
export { inverseRegularizedBeta, logGamma, regularizedBeta } from './beta.js';
export { type BinomialInterval, clopperPearson, zeroFailureUpperBound } from './interval.js';
export { normalCdf, normalQuantile } from './normal.js';
export {
  allocateProportional,
  type CochranInput,
  type CochranResult,
  cochranSampleSize,
} from './sample-size.js';
