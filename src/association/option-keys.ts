/**
 * The key set of {@link ItemsetOptions}, shared by the miners (which reject any other key) and
 * `mineItemsets` (which adds `algorithm`). Internal: not re-exported from the package.
 *
 * @module
 */
import type { OptionKeySet } from '../core/validate.js';
import type { ItemsetOptions } from './itemsets.js';

/** Every key of {@link ItemsetOptions}. */
export const ITEMSET_KEY_SET: OptionKeySet<ItemsetOptions> = {
  minSupport: true,
  minCount: true,
  minLength: true,
  maxLength: true,
  maxItemsets: true,
  target: true,
  onProgress: true,
  signal: true,
};
