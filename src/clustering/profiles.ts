/**
 * Segment profiles: the description of each cluster a marketer reads — its size and share, its mean
 * on every feature in original units, and how far that is from the whole customer base.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { type MatrixInput, toMatrix } from '../core/matrix.js';
import { describe, optionKeys, rejectUnknownOptions, requireInteger, requireNames } from '../core/validate.js';

/**
 * How one feature of a segment compares with the population.
 *
 * @example
 * ```ts
 * import { segmentProfiles, type FeatureProfile } from 'crm-mining';
 * const [first] = segmentProfiles([[2, 90], [3, 95], [60, 20], [70, 25]], [0, 0, 1, 1], { featureNames: ['tenure', 'bill'] });
 * const tenure: FeatureProfile = first.features[0];
 * console.log(tenure.name, tenure.mean, tenure.populationMean); // tenure 2.5 33.75
 * ```
 */
export interface FeatureProfile {
  /** The feature name. */
  name: string;
  /** The segment's mean (original units): the centroid coordinate. */
  mean: number;
  /** The population mean. */
  populationMean: number;
  /** `mean − populationMean`. */
  difference: number;
  /** `difference / |populationMean|` (for example 0.25 = 25 % above average); null when the population mean is 0. */
  relativeDifference: number | null;
  /** `difference / population standard deviation` (0 for a constant feature): comparable across features. */
  zScore: number;
}

/**
 * One segment's profile.
 *
 * @example
 * ```ts
 * import { segmentProfiles, type SegmentProfile } from 'crm-mining';
 * const profiles: SegmentProfile[] = segmentProfiles([[2, 90], [3, 95], [60, 20], [70, 25]], [0, 0, 1, 1]);
 * console.log(profiles.map((p) => `${p.segment}: ${p.size} (${(100 * p.share).toFixed(0)}%)`)); // ['0: 2 (50%)', '1: 2 (50%)']
 * ```
 */
export interface SegmentProfile {
  /** The cluster label. */
  segment: number;
  /** Number of rows. */
  size: number;
  /** Share of all rows, in [0, 1]. */
  share: number;
  /** The segment means in original units (the centroid), one per feature. */
  centroid: number[];
  /** Per-feature comparison with the population, in feature order. */
  features: FeatureProfile[];
  /**
   * A one-line description from the most distinctive features (largest |z|, at most
   * `describeTop`), for example `"tenure high (+1.3 sd), MonthlyCharges low (−0.8 sd)"`; `"average"` when
   * no feature is at least 0.25 sd away.
   */
  description: string;
}

/**
 * Options of {@link segmentProfiles}.
 *
 * @example
 * ```ts
 * import { segmentProfiles, type SegmentProfileOptions } from 'crm-mining';
 * const options: SegmentProfileOptions = { featureNames: ['tenure', 'bill', 'services'], describeTop: 1 };
 * const profiles = segmentProfiles([[2, 90, 1], [3, 95, 2], [60, 20, 5], [70, 25, 6]], [0, 0, 1, 1], options);
 * console.log(profiles[0].description); // names one feature only
 * ```
 */
export interface SegmentProfileOptions {
  /** Feature names (default `x0`, `x1`, …). */
  featureNames?: readonly string[];
  /** Features named in the description (default 3). */
  describeTop?: number;
}

const SEGMENT_PROFILE_OPTION_KEYS = optionKeys<SegmentProfileOptions>({ featureNames: true, describeTop: true });

/**
 * Profiles each segment of `x` (in ORIGINAL units: pass the unscaled features, for example
 * `prepareFeatures(...).raw`) under `labels` (cluster numbers 0..k−1; empty clusters are listed with
 * size 0 and means equal to the population's).
 *
 * @throws InvalidInputError when labels and rows differ in number or a label is not a non-negative integer;
 *   InvalidOptionError when `featureNames` is not one name per column or `describeTop` not an integer >= 0.
 *
 * @example
 * ```ts
 * import { segmentProfiles } from 'crm-mining';
 * const x = [[2, 90], [3, 95], [60, 20], [70, 25]]; // tenure, monthly charges
 * const profiles = segmentProfiles(x, [0, 0, 1, 1], { featureNames: ['tenure', 'MonthlyCharges'] });
 * for (const p of profiles) console.log(p.segment, p.size, p.description);
 * ```
 */
export function segmentProfiles(x: MatrixInput, labels: ArrayLike<number>, options: SegmentProfileOptions = {}): SegmentProfile[] {
  rejectUnknownOptions(options, SEGMENT_PROFILE_OPTION_KEYS, 'segmentProfiles');
  const m = toMatrix(x, { name: 'X' });
  const { rows: n, cols: d, data } = m;
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new InvalidInputError(`segmentProfiles: labels must be an array of cluster numbers, got ${describe(labels)}`, { field: 'labels' });
  }
  if (labels.length !== n) throw new InvalidInputError(`segmentProfiles: ${labels.length} labels for ${n} rows`);
  const names = options.featureNames === undefined ? Array.from({ length: d }, (_, t) => `x${t}`) : requireNames('featureNames', options.featureNames, d);
  const top = requireInteger('describeTop', options.describeTop ?? 3, 0);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0) throw new InvalidInputError(`segmentProfiles: label of row ${i} is ${v}`, { row: i });
    if (v + 1 > k) k = v + 1;
  }
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const pop = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = labels[i] * d;
    counts[labels[i]]++;
    for (let t = 0; t < d; t++) {
      sums[o + t] += data[i * d + t];
      pop[t] += data[i * d + t];
    }
  }
  for (let t = 0; t < d; t++) pop[t] /= n;
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t] - pop[t];
      sd[t] += v * v;
    }
  }
  for (let t = 0; t < d; t++) sd[t] = Math.sqrt(sd[t] / n);
  const out: SegmentProfile[] = [];
  for (let j = 0; j < k; j++) {
    const centroid: number[] = [];
    const features: FeatureProfile[] = [];
    for (let t = 0; t < d; t++) {
      const mean = counts[j] > 0 ? sums[j * d + t] / counts[j] : pop[t];
      const diff = mean - pop[t];
      centroid.push(mean);
      features.push({
        name: names[t],
        mean,
        populationMean: pop[t],
        difference: diff,
        relativeDifference: pop[t] === 0 ? null : diff / Math.abs(pop[t]),
        zScore: sd[t] > 0 ? diff / sd[t] : 0,
      });
    }
    const notable = features
      .filter((f) => Math.abs(f.zScore) >= 0.25)
      .sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore))
      .slice(0, top);
    const description =
      notable.length === 0
        ? 'average'
        : notable.map((f) => `${f.name} ${f.zScore > 0 ? 'high' : 'low'} (${f.zScore > 0 ? '+' : '−'}${Math.abs(f.zScore).toFixed(1)} sd)`).join(', ');
    out.push({ segment: j, size: counts[j], share: counts[j] / n, centroid, features, description });
  }
  return out;
}
