/** Association rules. CONTRACT STUB — implemented by the association/rules task. @module */
import type { FrequentItemsets } from './itemsets.js';

/** One association rule X => Y with every interest measure. */
export interface AssociationRule {
  antecedent: string[];
  consequent: string[];
  count: number;
  support: number;
  antecedentSupport: number;
  consequentSupport: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number;
  zhang: number;
  jaccard: number;
  certainty: number;
  kulczynski: number;
}

/** The names of the numeric measures a rule carries. */
export type RuleMeasure = 'count' | 'support' | 'antecedentSupport' | 'consequentSupport' | 'confidence' | 'lift' | 'leverage' | 'conviction' | 'zhang' | 'jaccard' | 'certainty' | 'kulczynski';

/** Options of {@link associationRules}. */
export interface RuleOptions {
  /** Minimum confidence in [0, 1] (default 0.8). */
  minConfidence?: number;
  /** `'single'` (default: one item on the right, as arules and Weka) or `'any'` (any size, as mlxtend). */
  consequents?: 'single' | 'any';
}

/** A sortable, filterable, exportable list of rules. */
export class RuleSet {
  readonly rules: readonly AssociationRule[] = [];
  readonly transactionCount: number = 0;
}

/** Generates the strong rules from frequent itemsets. */
export function associationRules(itemsets: FrequentItemsets, options: RuleOptions = {}): RuleSet {
  void itemsets;
  void options;
  throw new Error('not implemented');
}
