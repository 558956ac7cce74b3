/**
 * Utility-based recommending: no long-lived profile; each user states a utility function over item
 * attributes, and items are ranked by it, after hard constraints remove the items that cannot do.
 * Non-product factors (vendor reliability, availability, delivery time) are simply attributes.
 *
 * A utility specification ({@link UtilitySpec}) is either
 * - **data**: attribute weights and value functions, `U(x) = Σₐ wₐ · vₐ(xₐ)`, each value function mapping
 *   the attribute's value to [0, 1]:
 *   - `linear`: `(x − min) / (max − min)`, clipped to [0, 1] (or `1 −` that when lower is better); `min` and
 *     `max` default to the catalogue's smallest and largest value;
 *   - `threshold`: 1 when `x ≥ threshold` (or `x ≤ threshold` with `atLeast: false`), else 0;
 *   - `ideal` (ideal point): `max(0, 1 − |x − ideal| / tolerance)`;
 *   - `categorical`: a table of values per category (`otherwise` for the rest, default 0); booleans are
 *     the categories `true` and `false`;
 * - or a **math.js expression** over the item's attributes, for example
 *   `0.5*quality + 0.3*(1 - price/maxPrice) + 0.2*vendorReliability`. Besides each numeric attribute `x`,
 *   the expression may use `maxX` and `minX` (the catalogue's largest and smallest value of `x`, for
 *   example `maxPrice`), and math.js's functions and constants. It is compiled once and evaluated per
 *   item; a name that is neither is an `InvalidOptionError` naming it. When the expression is a sum, each
 *   term's value is its contribution in the reason, named by the attributes it uses.
 *
 * @module
 */
import type * as MathJs from 'mathjs';
import { lazyRequire } from '../core/lazy-require.js';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireOneOf } from '../core/validate.js';
import { checkRequirements, formatRequirement, meetsRequirement, readAttributedItems, type AttributedItem, type ItemAttributeValue, type Requirement } from './knowledge.js';
import { allowedItems, asProfile, consumedByUser, fmt, ItemCatalogue, profileItems, resolveK, topK, type HistoryInput } from './request.js';
import type { Recommendation, RecommendFor, RecommendOptions, Recommender, RecommenderProfile } from './types.js';

let mathjsModule: typeof MathJs | undefined;
/** math.js, loaded on first use of an expression (importing it costs seconds; most users never need it). */
function mathjs(): typeof MathJs {
  mathjsModule ??= lazyRequire('mathjs') as typeof MathJs;
  return mathjsModule;
}

/**
 * A value function: maps an attribute's value to [0, 1] (see the module notes).
 *
 * @example
 * ```ts
 * import { UtilityRecommender, type ValueFunction } from 'crm-mining';
 * const cheap: ValueFunction = { type: 'linear', higherIsBetter: false }; // min and max from the catalogue
 * const around14: ValueFunction = { type: 'ideal', ideal: 14, tolerance: 3 }; // screen size in inches
 * const rec = UtilityRecommender.fit([
 *   { id: 'l1', attributes: { price: 900, screen: 13 } },
 *   { id: 'l2', attributes: { price: 1200, screen: 14 } },
 *   { id: 'l3', attributes: { price: 700, screen: 17 } },
 * ]);
 * const spec = { weights: { price: { weight: 0.5, value: cheap }, screen: { weight: 0.5, value: around14 } } };
 * console.log(rec.utilities({ utility: spec }).map((u) => u.utility.toFixed(3))); // ['0.633', '0.500', '0.500']
 * ```
 */
export type ValueFunction =
  | { readonly type: 'linear'; readonly min?: number; readonly max?: number; readonly higherIsBetter?: boolean }
  | { readonly type: 'threshold'; readonly threshold: number; readonly atLeast?: boolean }
  | { readonly type: 'ideal'; readonly ideal: number; readonly tolerance: number }
  | { readonly type: 'categorical'; readonly values: Readonly<Record<string, number>>; readonly otherwise?: number };

/**
 * One weighted attribute of a data utility: a bare number is a weight with a `linear` (higher is better) value function.
 *
 * @example
 * ```ts
 * import { UtilityRecommender, type AttributeUtility } from 'crm-mining';
 * const rec = UtilityRecommender.fit([
 *   { id: 'v1', attributes: { rating: 4.5, delivery: 'express' } },
 *   { id: 'v2', attributes: { rating: 3.9, delivery: 'standard' } },
 * ]);
 * const rating: AttributeUtility = 2; // weight 2, linear, higher is better
 * const delivery: AttributeUtility = { weight: 1, value: { type: 'categorical', values: { express: 1, standard: 0.4 } } };
 * console.log(rec.utilities({ utility: { weights: { rating, delivery } } }).map((u) => u.utility)); // [3, 0.4]
 * ```
 */
export type AttributeUtility = number | { readonly weight: number; readonly value?: ValueFunction };

/**
 * A user's utility function and hard constraints. Give exactly one of `weights` and `expression`.
 *
 * @example
 * ```ts
 * import { UtilityRecommender, type UtilitySpec } from 'crm-mining';
 * const rec = UtilityRecommender.fit([
 *   { id: 'x', attributes: { quality: 0.9, price: 1000, vendorReliability: 0.6 } },
 *   { id: 'y', attributes: { quality: 0.7, price: 600, vendorReliability: 0.9 } },
 *   { id: 'z', attributes: { quality: 0.8, price: 1500, vendorReliability: 1 } },
 * ]);
 * const spec: UtilitySpec = {
 *   expression: '0.5*quality + 0.3*(1 - price/maxPrice) + 0.2*vendorReliability',
 *   constraints: [{ attribute: 'price', max: 1200 }],
 * };
 * const [top] = rec.recommend({ utility: spec }, { k: 1 });
 * console.log(top.item, top.score.toFixed(3)); // y 0.710
 * ```
 */
export interface UtilitySpec {
  /** Attribute → weight (and value function, default `linear`, higher is better). */
  readonly weights?: Readonly<Record<string, AttributeUtility>>;
  /** A math.js expression over the item attributes (see the module notes). */
  readonly expression?: string;
  /** Hard constraints: items that fail any are never recommended (default none). */
  readonly constraints?: readonly Requirement[];
}

/**
 * A profile for the utility-based family: the utility specification (and the usual profile fields).
 *
 * @example
 * ```ts
 * import { UtilityRecommender, type UtilityProfile } from 'crm-mining';
 * const rec = UtilityRecommender.fit([
 *   { id: 'hotel-a', attributes: { stars: 3, distanceKm: 0.5 } },
 *   { id: 'hotel-b', attributes: { stars: 5, distanceKm: 4 } },
 * ]);
 * // a one-off request: no stored profile, the utility comes with it
 * const traveller: UtilityProfile = { utility: { weights: { stars: 1, distanceKm: { weight: 2, value: { type: 'threshold', threshold: 1, atLeast: false } } } } };
 * console.log(rec.recommend(traveller, { k: 1 })[0].item); // hotel-a: within 1 km counts double
 * ```
 */
export interface UtilityProfile extends RecommenderProfile {
  /** The user's utility and constraints. */
  readonly utility?: UtilitySpec;
}

/**
 * Options of {@link UtilityRecommender.fit}.
 *
 * @example
 * ```ts
 * import { UtilityRecommender, type UtilityOptions } from 'crm-mining';
 * const items = [
 *   { id: 'p1', attributes: { speed: 100, price: 30 } },
 *   { id: 'p2', attributes: { speed: 1000, price: null } }, // price not published yet
 *   { id: 'p3', attributes: { speed: 250, price: 40 } },
 * ];
 * const options: UtilityOptions = {
 *   specs: { ann: { weights: { speed: 1, price: { weight: 1, value: { type: 'linear', higherIsBetter: false } } } } },
 *   history: { ann: ['p1'] },
 *   missingValues: 'skip', // p2 cannot be scored, so it is never recommended
 * };
 * console.log(UtilityRecommender.fit(items, options).recommend('ann').map((r) => r.item)); // ['p3']
 * ```
 */
export interface UtilityOptions {
  /**
   * Who consumed what, for the default exclusion of a known user's items (default none: a bare user id
   * then excludes nothing unless the request says so). Converted to records for the JSON form.
   */
  history?: HistoryInput;
  /** Each known user's utility specification (default none: specifications come with the request). */
  specs?: Readonly<Record<string, UtilitySpec>>;
  /**
   * An item lacking a value the utility needs: `'error'` (default: an `InvalidInputError` naming the
   * item and the attribute) or `'skip'` (the item is not scored and never recommended).
   */
  missingValues?: 'error' | 'skip';
}

const UTILITY_OPTION_KEYS = optionKeys<UtilityOptions>({
  history: true,
  specs: true,
  missingValues: true,
});

/**
 * The utility of one item with its per-attribute (or per-term) contributions.
 *
 * @example
 * ```ts
 * import { UtilityRecommender, type ItemUtility } from 'crm-mining';
 * const rec = UtilityRecommender.fit([
 *   { id: 'a', attributes: { quality: 8, service: 6 } },
 *   { id: 'b', attributes: { quality: 6, service: 9 } },
 * ]);
 * const spec = { weights: { quality: { weight: 0.7, value: { type: 'linear', min: 0, max: 10 } }, service: { weight: 0.3, value: { type: 'linear', min: 0, max: 10 } } } } as const;
 * const [a]: ItemUtility[] = rec.utilities({ utility: spec });
 * console.log(a.utility.toFixed(2), a.contributions.map((c) => `${c.name} ${c.value.toFixed(2)}`)); // 0.74 ['quality 0.56', 'service 0.18']
 * ```
 */
export interface ItemUtility {
  /** The item's id. */
  readonly item: string;
  /** The utility (NaN when skipped for a missing value or failed constraints). */
  readonly utility: number;
  /** The contributions, in the specification's order; they sum to the utility. */
  readonly contributions: readonly { readonly name: string; readonly value: number }[];
}

/**
 * The JSON form of a {@link UtilityRecommender}.
 *
 * @example
 * ```ts
 * import { UtilityRecommender, type UtilityRecommenderJSON } from 'crm-mining';
 * const rec = UtilityRecommender.fit([{ id: 'a', attributes: { score: 1 } }, { id: 'b', attributes: { score: 2 } }], { specs: { ann: { weights: { score: 1 } } } });
 * const json: UtilityRecommenderJSON = rec.toJSON();
 * const again = UtilityRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(json.family, again.recommend('ann', { k: 1 })[0].item); // utility b
 * ```
 */
export interface UtilityRecommenderJSON {
  /** Always `'utility'`. */
  family: 'utility';
  /** The catalogue. */
  items: AttributedItem[];
  /** The options. */
  options: UtilityOptions;
}

interface CompiledUtility {
  /** Utility of every item (NaN: not scored). */
  scores: Float64Array;
  /** Contributions of one item. */
  contributions(i: number): { name: string; value: number }[];
  constraints: readonly Requirement[];
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

/**
 * The utility-based recommender. Scores are utilities (on the scale of the user's function). `recommend`
 * accepts a user id (specification given at fit) or a {@link UtilityProfile}. Default exclusion: the
 * profile's items, or a known user's items in `options.history`.
 *
 * @example
 * ```ts
 * import { UtilityRecommender } from 'crm-mining';
 * const laptops = UtilityRecommender.fit([
 *   { id: 'air', attributes: { weightKg: 1.2, batteryH: 15, price: 1300 } },
 *   { id: 'pro', attributes: { weightKg: 2.1, batteryH: 11, price: 2400 } },
 *   { id: 'budget', attributes: { weightKg: 1.9, batteryH: 7, price: 550 } },
 * ]);
 * const commuter = {
 *   utility: {
 *     weights: { weightKg: { weight: 0.5, value: { type: 'linear', higherIsBetter: false } }, batteryH: 0.5 },
 *     constraints: [{ attribute: 'price', max: 2000 }],
 *   },
 * } as const;
 * const [top] = laptops.recommend(commuter, { k: 1 });
 * console.log(top.item, top.reason); // air utility 1 = weightKg 0.5 + batteryH 0.5; meets price <= 2000
 * ```
 */
export class UtilityRecommender implements Recommender {
  /** `'utility'`. */
  readonly name = 'utility';
  /** The item catalogue. */
  readonly catalogue: ItemCatalogue;
  private readonly items: readonly AttributedItem[];
  private readonly attributeNames: Set<string>;
  private readonly consumed: Map<string, number[]>;
  private readonly options: UtilityOptions;
  private readonly missing: 'error' | 'skip';
  private readonly ranges = new Map<string, { min: number; max: number }>();

  private constructor(items: readonly AttributedItem[], options: UtilityOptions) {
    const { catalogue, attributes } = readAttributedItems(items);
    this.catalogue = catalogue;
    this.items = items.map((it) => ({ id: it.id, attributes: { ...it.attributes } }));
    this.attributeNames = attributes;
    const history = consumedByUser(options.history, catalogue);
    this.consumed = history.consumed;
    this.options = options.history === undefined ? { ...options } : { ...options, history: history.records };
    this.missing = requireOneOf('missingValues', options.missingValues ?? 'error', ['error', 'skip'] as const);
    for (const a of attributes) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const it of items) {
        const v = it.attributes[a];
        if (typeof v === 'number') {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      if (lo <= hi) this.ranges.set(a, { min: lo, max: hi });
    }
    if (options.specs !== undefined) {
      if (options.specs === null || typeof options.specs !== 'object') throw new InvalidOptionError('specs', `expected a record of user → utility, got ${describe(options.specs)}`);
      for (const [u, spec] of Object.entries(options.specs)) this.compile(spec, `specs.${u}`);
    }
  }

  /**
   * Makes the recommender; every specification in `options.specs` is checked (and its expression
   * compiled) here.
   *
   * @throws InvalidInputError for a bad item; InvalidOptionError for a bad specification, naming the
   *   user, the attribute or the unknown name in an expression.
   */
  static fit(items: readonly AttributedItem[], options: UtilityOptions = {}): UtilityRecommender {
    rejectUnknownOptions(options, UTILITY_OPTION_KEYS, 'UtilityRecommender.fit');
    return new UtilityRecommender(items, options);
  }

  /** Restores a recommender from {@link UtilityRecommender.toJSON}. */
  static fromJSON(json: unknown): UtilityRecommender {
    const j = json as UtilityRecommenderJSON;
    if (j === null || typeof j !== 'object' || j.family !== 'utility') throw new InvalidInputError(`expected the JSON of a utility-based recommender (family "utility"), got ${describe(json)}`);
    return new UtilityRecommender(j.items, j.options);
  }

  /** The JSON form. */
  toJSON(): UtilityRecommenderJSON {
    return structuredClone({ family: 'utility' as const, items: this.items as AttributedItem[], options: this.options });
  }

  private value(i: number, attribute: string, where: string): number | undefined {
    const v = this.items[i].attributes[attribute];
    if (v === null || v === undefined) {
      if (this.missing === 'skip') return undefined;
      throw new InvalidInputError(`item ${JSON.stringify(this.catalogue.ids[i])} has no value for ${JSON.stringify(attribute)}, which ${where} needs (or set missingValues: 'skip')`, {
        row: i,
        field: attribute,
      });
    }
    return v as unknown as number;
  }

  private valueFunction(attribute: string, fn: ValueFunction, at: string): (v: ItemAttributeValue) => number {
    const num = (v: ItemAttributeValue): number => {
      if (typeof v !== 'number') throw new InvalidInputError(`${at}: the ${fn.type} value function needs numbers, but an item has ${describe(v)} for ${JSON.stringify(attribute)}`, { field: attribute });
      return v;
    };
    const finite = (name: string, v: unknown): number => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidOptionError(`${at}.${name}`, `expected a finite number, got ${describe(v)}`);
      return v;
    };
    switch (fn.type) {
      case 'linear': {
        const range = this.ranges.get(attribute);
        const lo = fn.min !== undefined ? finite('min', fn.min) : range?.min;
        const hi = fn.max !== undefined ? finite('max', fn.max) : range?.max;
        if (lo === undefined || hi === undefined) throw new InvalidOptionError(at, `the attribute ${JSON.stringify(attribute)} has no numeric value, so a linear value function needs min and max`);
        const up = fn.higherIsBetter ?? true;
        return (v) => {
          const x = num(v);
          const t = hi > lo ? Math.min(1, Math.max(0, (x - lo) / (hi - lo))) : 1;
          return up ? t : 1 - t;
        };
      }
      case 'threshold': {
        const th = finite('threshold', fn.threshold);
        const atLeast = fn.atLeast ?? true;
        return (v) => (atLeast ? num(v) >= th : num(v) <= th) ? 1 : 0;
      }
      case 'ideal': {
        const ideal = finite('ideal', fn.ideal);
        const tol = finite('tolerance', fn.tolerance);
        if (tol <= 0) throw new InvalidOptionError(`${at}.tolerance`, `expected a number > 0, got ${tol}`);
        return (v) => Math.max(0, 1 - Math.abs(num(v) - ideal) / tol);
      }
      case 'categorical': {
        if (fn.values === null || typeof fn.values !== 'object') throw new InvalidOptionError(`${at}.values`, `expected a record of category → value, got ${describe(fn.values)}`);
        for (const [c, x] of Object.entries(fn.values)) finite(`values.${c}`, x);
        const otherwise = fn.otherwise !== undefined ? finite('otherwise', fn.otherwise) : 0;
        return (v) => {
          const key = String(v);
          return Object.prototype.hasOwnProperty.call(fn.values, key) ? fn.values[key] : otherwise;
        };
      }
      default:
        throw new InvalidOptionError(`${at}.type`, `expected 'linear', 'threshold', 'ideal' or 'categorical', got ${describe((fn as { type: unknown }).type)}`);
    }
  }

  private compile(spec: UtilitySpec, at: string): CompiledUtility {
    if (spec === null || typeof spec !== 'object') throw new InvalidOptionError(at, `expected { weights } or { expression }, got ${describe(spec)}`);
    const hasW = spec.weights !== undefined;
    const hasE = spec.expression !== undefined;
    if (hasW === hasE) throw new InvalidOptionError(at, 'expected exactly one of weights and expression');
    const constraints = spec.constraints ?? [];
    checkRequirements(constraints, this.attributeNames, `${at}.constraints`);
    return hasW ? this.compileWeights(spec.weights!, `${at}.weights`, constraints) : this.compileExpression(spec.expression!, `${at}.expression`, constraints);
  }

  private compileWeights(weights: Readonly<Record<string, AttributeUtility>>, at: string, constraints: readonly Requirement[]): CompiledUtility {
    if (weights === null || typeof weights !== 'object') throw new InvalidOptionError(at, `expected a record of attribute → weight, got ${describe(weights)}`);
    const terms = Object.entries(weights).map(([attribute, u]) => {
      if (!this.attributeNames.has(attribute)) {
        throw new InvalidOptionError(`${at}.${attribute}`, `no item has the attribute ${JSON.stringify(attribute)} (known: ${[...this.attributeNames].join(', ')})`);
      }
      const spec = typeof u === 'number' ? { weight: u } : u;
      if (spec === null || typeof spec !== 'object' || typeof spec.weight !== 'number' || !Number.isFinite(spec.weight)) {
        throw new InvalidOptionError(`${at}.${attribute}`, `expected a finite weight or { weight, value }, got ${describe(u)}`);
      }
      return { attribute, weight: spec.weight, fn: this.valueFunction(attribute, spec.value ?? { type: 'linear' }, `${at}.${attribute}.value`) };
    });
    const n = this.catalogue.size;
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (const t of terms) {
        const v = this.value(i, t.attribute, `the utility's weight on ${JSON.stringify(t.attribute)}`);
        if (v === undefined) {
          s = NaN;
          break;
        }
        s += t.weight * t.fn(v);
      }
      scores[i] = s;
    }
    return {
      scores,
      constraints,
      contributions: (i) => terms.map((t) => ({ name: t.attribute, value: t.weight * t.fn(this.items[i].attributes[t.attribute]) })),
    };
  }

  private compileExpression(expression: string, at: string, constraints: readonly Requirement[]): CompiledUtility {
    if (typeof expression !== 'string' || expression.trim() === '') throw new InvalidOptionError(at, `expected a math.js expression, got ${describe(expression)}`);
    let root: MathJs.MathNode;
    try {
      root = mathjs().parse(expression);
    } catch (err) {
      throw new InvalidOptionError(at, `cannot parse ${JSON.stringify(expression)}: ${(err as Error).message}`);
    }
    // Derived constants: maxX and minX for each numeric attribute x.
    const constants = new Map<string, number>();
    const derivedOf = new Map<string, string>();
    for (const [a, r] of this.ranges) {
      constants.set(`max${capitalise(a)}`, r.max);
      constants.set(`min${capitalise(a)}`, r.min);
      derivedOf.set(`max${capitalise(a)}`, a);
      derivedOf.set(`min${capitalise(a)}`, a);
    }
    const symbolsOf = (node: MathJs.MathNode): string[] => {
      const names: string[] = [];
      node.traverse((n, path, parent) => {
        if ((n as MathJs.SymbolNode).isSymbolNode && !(parent !== null && (parent as MathJs.FunctionNode).isFunctionNode && path === 'fn')) {
          const name = (n as MathJs.SymbolNode).name;
          if (!names.includes(name)) names.push(name);
        }
      });
      return names;
    };
    const used: string[] = [];
    for (const name of symbolsOf(root)) {
      if (this.attributeNames.has(name)) used.push(name);
      else if (!constants.has(name) && !(name in mathjs())) {
        throw new InvalidOptionError(
          at,
          `the expression names ${JSON.stringify(name)}, which is not an item attribute (known: ${[...this.attributeNames].join(', ')}), a max/min of one, or a math.js constant`,
        );
      }
    }
    // Split a top-level sum into signed terms, for the per-term contributions.
    const terms: { node: MathJs.MathNode; sign: number }[] = [];
    const split = (node: MathJs.MathNode, sign: number): void => {
      let n = node;
      while ((n as MathJs.ParenthesisNode).isParenthesisNode) n = (n as MathJs.ParenthesisNode).content;
      const op = n as MathJs.OperatorNode;
      if (op.isOperatorNode && op.fn === 'add' && op.args.length === 2) {
        split(op.args[0], sign);
        split(op.args[1], sign);
      } else if (op.isOperatorNode && op.fn === 'subtract' && op.args.length === 2) {
        split(op.args[0], sign);
        split(op.args[1], -sign);
      } else if (op.isOperatorNode && op.fn === 'unaryMinus' && op.args.length === 1) {
        split(op.args[0], -sign);
      } else terms.push({ node: n, sign });
    };
    split(root, 1);
    const whole = root.compile();
    const compiledTerms = terms.map((t) => {
      const attrs: string[] = [];
      for (const s of symbolsOf(t.node)) {
        const a = this.attributeNames.has(s) ? s : derivedOf.get(s);
        if (a !== undefined && !attrs.includes(a)) attrs.push(a);
      }
      return { code: t.node.compile(), sign: t.sign, name: attrs.length > 0 ? attrs.join(', ') : t.node.toString() };
    });
    const n = this.catalogue.size;
    const scopes: (Map<string, unknown> | undefined)[] = new Array(n);
    const scopeOf = (i: number): Map<string, unknown> | undefined => {
      if (scopes[i] !== undefined) return scopes[i];
      const scope = new Map<string, unknown>(constants);
      for (const a of used) {
        const v = this.value(i, a, `the expression ${JSON.stringify(expression)}`);
        if (v === undefined) return undefined;
        scope.set(a, Array.isArray(v) ? [...(v as unknown as string[])] : v);
      }
      scopes[i] = scope;
      return scope;
    };
    const toNumber = (v: unknown, i: number): number => {
      const x = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      if (typeof x !== 'number' || Number.isNaN(x)) {
        throw new InvalidInputError(`${at}: the expression gives ${describe(x)} for item ${JSON.stringify(this.catalogue.ids[i])}, not a number`, { row: i });
      }
      return x;
    };
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const scope = scopeOf(i);
      if (scope === undefined) {
        scores[i] = NaN;
        continue;
      }
      let v: unknown;
      try {
        v = whole.evaluate(new Map(scope));
      } catch (err) {
        throw new InvalidInputError(`${at}: evaluating for item ${JSON.stringify(this.catalogue.ids[i])} failed: ${(err as Error).message}`, { row: i });
      }
      scores[i] = toNumber(v, i);
    }
    return {
      scores,
      constraints,
      contributions: (i) => compiledTerms.map((t) => ({ name: t.name, value: t.sign * toNumber(t.code.evaluate(new Map(scopeOf(i))), i) })),
    };
  }

  private specOf(forWhom: RecommendFor | UtilityProfile): { spec: UtilitySpec; at: string; exclude: number[] } {
    const p = asProfile(forWhom) as UtilityProfile;
    let spec = p.utility;
    let at = 'profile.utility';
    if (spec === undefined && p.user !== undefined) {
      spec = this.options.specs?.[p.user];
      at = `specs.${p.user}`;
    }
    if (spec === undefined) {
      throw new InvalidInputError(p.user !== undefined ? `user ${JSON.stringify(p.user)} has no utility specification (give one in options.specs or in the profile)` : 'profile: expected utility', {
        field: 'utility',
      });
    }
    const exclude: number[] = [];
    if (p.items === undefined && p.user !== undefined) exclude.push(...(this.consumed.get(p.user) ?? []));
    for (const id of profileItems(p).ids) {
      const i = this.catalogue.indexOf(id);
      if (i !== undefined) exclude.push(i);
    }
    return { spec, at, exclude };
  }

  /**
   * Every item's utility for a user or profile, with its contributions; items failing a hard constraint
   * (or skipped for a missing value) have utility NaN and no contributions.
   */
  utilities(forWhom: RecommendFor | UtilityProfile): ItemUtility[] {
    const { spec, at } = this.specOf(forWhom);
    const c = this.compile(spec, at);
    return this.catalogue.ids.map((item, i) => {
      const ok = !Number.isNaN(c.scores[i]) && c.constraints.every((r) => meetsRequirement(this.items[i].attributes[r.attribute], r));
      return { item, utility: ok ? c.scores[i] : NaN, contributions: ok ? c.contributions(i) : [] };
    });
  }

  /**
   * The top-k items by utility among those meeting every hard constraint, with the contributions as
   * the reason (for example `utility 0.78 = quality 0.4 + price 0.21 + vendorReliability 0.17`).
   */
  recommend(forWhom: RecommendFor | UtilityProfile, options?: RecommendOptions): Recommendation[] {
    const k = resolveK(options, 'UtilityRecommender.recommend');
    const { spec, at, exclude } = this.specOf(forWhom);
    const c = this.compile(spec, at);
    const allowed = allowedItems(this.catalogue, options, exclude);
    for (let i = 0; i < allowed.length; i++) {
      if (allowed[i] === 1 && !c.constraints.every((r) => meetsRequirement(this.items[i].attributes[r.attribute], r))) allowed[i] = 0;
    }
    const constraintText = c.constraints.length > 0 ? `; meets ${c.constraints.map(formatRequirement).join('; ')}` : '';
    return Array.from(topK(c.scores, allowed, k), (i) => ({
      item: this.catalogue.ids[i],
      score: c.scores[i],
      reason:
        `utility ${fmt(c.scores[i])} = ` +
        c
          .contributions(i)
          .map((t, j) => (j === 0 ? `${t.name} ${fmt(t.value)}` : t.value < 0 ? `- ${t.name} ${fmt(-t.value)}` : `+ ${t.name} ${fmt(t.value)}`))
          .join(' ') +
        constraintText,
    }));
  }
}
