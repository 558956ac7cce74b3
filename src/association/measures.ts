/**
 * Interest measures of an association rule X => Y, as pure functions of supports.
 *
 * Notation: `s(XY)` is the support of X ∪ Y (the fraction of transactions that contain every item of
 * both sides), `s(X)` the support of the antecedent (left-hand side), `s(Y)` the support of the
 * consequent (right-hand side). The definitions are mlxtend's (`mlxtend.frequent_patterns.association_rules`),
 * which agree with R arules' for the measures both have.
 *
 * Every function checks its arguments and throws {@link InvalidInputError} when they cannot be the
 * supports of a rule (outside [0, 1], `s(XY)` above `s(X)` or `s(Y)`, `s(X) + s(Y) − s(XY)` above 1, or
 * an antecedent or consequent that never occurs): no function returns NaN. The degenerate cases that
 * remain (a measure whose formula reads 0/0 or x/0 for valid supports) have a documented value.
 *
 * {@link ruleMeasuresFromCounts} computes the same measures from counts with one rounding per measure,
 * so that thresholds on exact fractions (a confidence of 4/5 against 0.8) compare as the user expects;
 * {@link associationRules} uses it.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';

/**
 * The interest measures of one rule (everything except the counts and supports it is computed from).
 *
 * @example
 * ```ts
 * import { ruleMeasuresFromCounts, type RuleMeasures } from 'crm-mining';
 * const measures: RuleMeasures = ruleMeasuresFromCounts(4, 5, 6, 10);
 * console.log(measures.confidence === 0.8); // true: 4/5 is exactly 0.8, so it meets minConfidence 0.8
 * ```
 */
export interface RuleMeasures {
  /** `s(XY) / s(X)`: see {@link confidence}. */
  confidence: number;
  /** `s(XY) / (s(X) s(Y))`: see {@link lift}. */
  lift: number;
  /** `s(XY) − s(X) s(Y)`: see {@link leverage}. */
  leverage: number;
  /** `(1 − s(Y)) / (1 − confidence)`, `+Infinity` when confidence is 1: see {@link conviction}. */
  conviction: number;
  /** Zhang's metric in [−1, 1]: see {@link zhang}. */
  zhang: number;
  /** `s(XY) / (s(X) + s(Y) − s(XY))`: see {@link jaccard}. */
  jaccard: number;
  /** `(confidence − s(Y)) / (1 − s(Y))`: see {@link certainty}. */
  certainty: number;
  /** `(s(XY)/s(X) + s(XY)/s(Y)) / 2`: see {@link kulczynski}. */
  kulczynski: number;
}

/** Tolerance for `s(X) + s(Y) − s(XY) <= 1` when supports arrive as rounded fractions. */
const UNION_TOLERANCE = 1e-12;

function checkSupport(name: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new InvalidInputError(`${name}: expected a support in [0, 1], got ${String(value)}`, { field: name });
  }
}

/** Checks the supports of a rule (`supportY` undefined: only X and XY are involved). */
function checkRuleSupports(supportXY: number, supportX: number, supportY: number | undefined): void {
  checkSupport('supportXY', supportXY);
  checkSupport('supportX', supportX);
  if (supportX === 0) {
    throw new InvalidInputError('supportX: the antecedent must occur (support > 0), got 0', { field: 'supportX' });
  }
  if (supportXY > supportX) {
    throw new InvalidInputError(`supportXY (${supportXY}) exceeds supportX (${supportX}): X ∪ Y cannot be more frequent than X`, {
      field: 'supportXY',
    });
  }
  if (supportY === undefined) return;
  checkSupport('supportY', supportY);
  if (supportY === 0) {
    throw new InvalidInputError('supportY: the consequent must occur (support > 0), got 0', { field: 'supportY' });
  }
  if (supportXY > supportY) {
    throw new InvalidInputError(`supportXY (${supportXY}) exceeds supportY (${supportY}): X ∪ Y cannot be more frequent than Y`, {
      field: 'supportXY',
    });
  }
  if (supportX + supportY - supportXY > 1 + UNION_TOLERANCE) {
    throw new InvalidInputError(
      `supportX + supportY − supportXY = ${supportX + supportY - supportXY} exceeds 1: X and Y cannot both be that frequent`,
      { field: 'supportXY' },
    );
  }
}

/**
 * Confidence: the fraction of the transactions containing X that also contain Y, an estimate of P(Y | X).
 *
 * `confidence(X => Y) = s(XY) / s(X)`, in [0, 1].
 *
 * @param supportXY - s(XY), the support of X ∪ Y.
 * @param supportX - s(X), the support of the antecedent (must be > 0).
 * @throws InvalidInputError when the supports are impossible (see the module description).
 *
 * @example
 * ```ts
 * import { confidence } from 'crm-mining';
 * // half the baskets hold bread, 30% hold bread and butter
 * console.log(confidence(0.3, 0.5)); // 0.6: 60% of bread baskets also hold butter
 * ```
 */
export function confidence(supportXY: number, supportX: number): number {
  checkRuleSupports(supportXY, supportX, undefined);
  return supportXY / supportX;
}

/**
 * Lift: how many times more often X and Y occur together than if they were independent.
 *
 * `lift(X => Y) = confidence / s(Y) = s(XY) / (s(X) s(Y))`, in [0, ∞); 1 means independence, above 1 a
 * positive association.
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { lift } from 'crm-mining';
 * // s(XY) = 0.3, s(X) = 0.4, s(Y) = 0.5: together 1.5 times as often as independence predicts
 * console.log(lift(0.3, 0.4, 0.5).toFixed(4)); // 1.5000
 * ```
 */
export function lift(supportXY: number, supportX: number, supportY: number): number {
  checkRuleSupports(supportXY, supportX, supportY);
  return supportXY / supportX / supportY;
}

/**
 * Leverage (Piatetsky-Shapiro's measure): the difference between the observed support of X ∪ Y and
 * the support expected if X and Y were independent.
 *
 * `leverage(X => Y) = s(XY) − s(X) s(Y)`, in [−0.25, 0.25]; 0 means independence.
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { leverage } from 'crm-mining';
 * console.log(leverage(0.2, 0.4, 0.5)); // 0: exactly as often as independence predicts
 * console.log(leverage(0.3, 0.4, 0.5).toFixed(4)); // 0.1000
 * ```
 */
export function leverage(supportXY: number, supportX: number, supportY: number): number {
  checkRuleSupports(supportXY, supportX, supportY);
  return supportXY - supportX * supportY;
}

/**
 * Conviction (Brin et al.): how much more often the rule would be wrong if X and Y were independent,
 * compared with how often it is wrong.
 *
 * `conviction(X => Y) = (1 − s(Y)) / (1 − confidence)`, in [0, ∞]; 1 means independence.
 *
 * Degenerate case: when confidence is 1 the rule is never wrong and conviction is `+Infinity` (as in
 * mlxtend). That includes the case s(Y) = 1, where the formula reads 0/0: a consequent present in every
 * transaction makes every rule exact, and we keep the single rule "confidence 1 ⇒ Infinity" rather than
 * special-case it. `+Infinity` is written as the string `"Infinity"` in JSON and CSV.
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { conviction } from 'crm-mining';
 * console.log(conviction(0.3, 0.4, 0.5).toFixed(4)); // 2.0000
 * console.log(conviction(0.4, 0.4, 0.5)); // Infinity: the rule is never wrong
 * ```
 */
export function conviction(supportXY: number, supportX: number, supportY: number): number {
  checkRuleSupports(supportXY, supportX, supportY);
  const conf = supportXY / supportX;
  if (conf >= 1) return Infinity;
  return (1 - supportY) / (1 - conf);
}

/**
 * Zhang's metric (Zhang, 2000): leverage scaled to [−1, 1]; 1 means X and Y occur only together
 * (perfect association), −1 that they never occur together (perfect dissociation), 0 independence.
 *
 * `zhang(X => Y) = (s(XY) − s(X) s(Y)) / max(s(XY) (1 − s(X)), s(X) (s(Y) − s(XY)))`.
 *
 * Degenerate case: the denominator is 0 only when s(Y) = s(XY) and either s(X) = 1 or s(XY) = 0; then
 * the numerator is 0 too (0/0). The value is 0, which stands for independence: an antecedent present in
 * every transaction tells nothing about the consequent (mlxtend also returns 0 here).
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { zhang } from 'crm-mining';
 * console.log(zhang(0.4, 0.4, 0.4)); // 1: X and Y only ever occur together
 * console.log(zhang(0, 0.4, 0.5)); // -1: they never occur together
 * ```
 */
export function zhang(supportXY: number, supportX: number, supportY: number): number {
  checkRuleSupports(supportXY, supportX, supportY);
  const denominator = Math.max(supportXY * (1 - supportX), supportX * (supportY - supportXY));
  if (denominator === 0) return 0;
  return (supportXY - supportX * supportY) / denominator;
}

/**
 * Jaccard coefficient: the fraction of the transactions containing X or Y that contain both.
 *
 * `jaccard(X => Y) = s(XY) / (s(X) + s(Y) − s(XY))`, in [0, 1]; symmetric in X and Y.
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { jaccard } from 'crm-mining';
 * // of the baskets with X or Y (0.4 + 0.5 − 0.3 = 0.6), half hold both
 * console.log(jaccard(0.3, 0.4, 0.5).toFixed(4)); // 0.5000
 * ```
 */
export function jaccard(supportXY: number, supportX: number, supportY: number): number {
  checkRuleSupports(supportXY, supportX, supportY);
  return supportXY / (supportX + supportY - supportXY);
}

/**
 * Certainty factor (Berzal et al.): how much knowing X increases (or, when negative, decreases) the
 * probability of Y, relative to the room left for it to increase.
 *
 * `certainty(X => Y) = (confidence − s(Y)) / (1 − s(Y))`, in [−s(Y)/(1 − s(Y)), 1]; 0 means
 * independence, 1 an exact rule.
 *
 * Degenerate case: when s(Y) = 1 the formula reads 0/0 (confidence is then 1 too). The value is 0,
 * independence: a consequent present in every transaction cannot be made more certain by X (mlxtend
 * also returns 0 here).
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { certainty } from 'crm-mining';
 * console.log(certainty(0.3, 0.4, 0.5).toFixed(4)); // 0.5000: (0.75 − 0.5) / (1 − 0.5)
 * console.log(certainty(0.1, 0.4, 0.5).toFixed(4)); // -0.5000: X makes Y less likely
 * ```
 */
export function certainty(supportXY: number, supportX: number, supportY: number): number {
  checkRuleSupports(supportXY, supportX, supportY);
  if (supportY === 1) return 0;
  return (supportXY / supportX - supportY) / (1 - supportY);
}

/**
 * Kulczynski measure: the mean of the confidences of X => Y and Y => X.
 *
 * `kulczynski(X => Y) = (s(XY)/s(X) + s(XY)/s(Y)) / 2`, in [0, 1]; symmetric in X and Y; 0.5 is
 * neutral.
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { kulczynski } from 'crm-mining';
 * // the mean of confidence(X => Y) = 0.75 and confidence(Y => X) = 0.6
 * console.log(kulczynski(0.3, 0.4, 0.5).toFixed(4)); // 0.6750
 * ```
 */
export function kulczynski(supportXY: number, supportX: number, supportY: number): number {
  checkRuleSupports(supportXY, supportX, supportY);
  return (supportXY / supportX + supportXY / supportY) / 2;
}

/**
 * Every interest measure of a rule from its supports, each as defined by its own function
 * ({@link confidence}, {@link lift}, {@link leverage}, {@link conviction}, {@link zhang},
 * {@link jaccard}, {@link certainty}, {@link kulczynski}).
 *
 * @param supportXY - s(XY).
 * @param supportX - s(X) (must be > 0).
 * @param supportY - s(Y) (must be > 0).
 * @throws InvalidInputError when the supports are impossible.
 *
 * @example
 * ```ts
 * import { ruleMeasures, InvalidInputError } from 'crm-mining';
 * const m = ruleMeasures(0.3, 0.4, 0.5);
 * console.log(m.lift.toFixed(2), m.conviction.toFixed(2)); // 1.50 2.00
 * try {
 *   ruleMeasures(0.5, 0.4, 0.6); // s(XY) cannot exceed s(X)
 * } catch (err) {
 *   console.log(err instanceof InvalidInputError); // true
 * }
 * ```
 */
export function ruleMeasures(supportXY: number, supportX: number, supportY: number): RuleMeasures {
  checkRuleSupports(supportXY, supportX, supportY);
  return {
    confidence: confidence(supportXY, supportX),
    lift: lift(supportXY, supportX, supportY),
    leverage: leverage(supportXY, supportX, supportY),
    conviction: conviction(supportXY, supportX, supportY),
    zhang: zhang(supportXY, supportX, supportY),
    jaccard: jaccard(supportXY, supportX, supportY),
    certainty: certainty(supportXY, supportX, supportY),
    kulczynski: kulczynski(supportXY, supportX, supportY),
  };
}

function checkCount(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`${name}: expected an integer in [${min}, ${max}], got ${String(value)}`, { field: name });
  }
}

/**
 * The same measures as {@link ruleMeasures}, computed from counts: with `n` transactions, X ∪ Y in
 * `countXY`, X in `countX` and Y in `countY` of them (so s(XY) = countXY / n and so on).
 *
 * Each formula is first rewritten over integers and then divided once, for example
 * `confidence = countXY / countX`, `lift = countXY·n / (countX·countY)`,
 * `leverage = (countXY·n − countX·countY) / n²`, `zhang = (countXY·n − countX·countY) /
 * max(countXY (n − countX), countX (countY − countXY))`. The products are exact integers while
 * n² < 2^53 (n below about 94 million), so each measure is the correctly rounded value of the exact
 * fraction: a confidence of 4/5 equals the number `0.8`, and independence gives exactly 0 leverage,
 * 0 Zhang and lift 1. Degenerate cases are as in the support functions (conviction `+Infinity` when
 * countXY = countX; zhang 0 for 0/0; certainty 0 when countY = n).
 *
 * @param countXY - transactions containing X ∪ Y.
 * @param countX - transactions containing X (>= 1).
 * @param countY - transactions containing Y (>= 1).
 * @param n - the number of transactions (>= 1).
 * @throws InvalidInputError when the counts are not integers or impossible (countXY above countX or
 *   countY, countX + countY − countXY above n).
 *
 * @example
 * ```ts
 * import { ruleMeasuresFromCounts } from 'crm-mining';
 * // 100 baskets: 40 hold X, 50 hold Y, 20 hold both
 * const m = ruleMeasuresFromCounts(20, 40, 50, 100);
 * console.log(m.confidence, m.lift, m.leverage, m.zhang); // 0.5 1 0 0 (exact independence)
 * ```
 */
export function ruleMeasuresFromCounts(countXY: number, countX: number, countY: number, n: number): RuleMeasures {
  checkCount('n', n, 1, Number.MAX_SAFE_INTEGER);
  checkCount('countX', countX, 1, n);
  checkCount('countY', countY, 1, n);
  checkCount('countXY', countXY, 0, Math.min(countX, countY));
  if (countX + countY - countXY > n) {
    throw new InvalidInputError(
      `countX + countY − countXY = ${countX + countY - countXY} exceeds the ${n} transactions: X and Y cannot both be that frequent`,
      { field: 'countXY' },
    );
  }
  // Cross-multiplied numerator of leverage, Zhang and certainty: n² (s(XY) − s(X) s(Y)).
  const cross = countXY * n - countX * countY;
  const zhangDenominator = Math.max(countXY * (n - countX), countX * (countY - countXY));
  return {
    confidence: countXY / countX,
    lift: (countXY * n) / (countX * countY),
    leverage: cross / (n * n),
    conviction: countXY === countX ? Infinity : ((n - countY) * countX) / (n * (countX - countXY)),
    zhang: zhangDenominator === 0 ? 0 : cross / zhangDenominator,
    jaccard: countXY / (countX + countY - countXY),
    certainty: countY === n ? 0 : cross / (countX * (n - countY)),
    kulczynski: (countXY / countX + countXY / countY) / 2,
  };
}
