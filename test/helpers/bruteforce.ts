/**
 * A deliberately naive reference miner for property tests: enumerates every subset of every
 * transaction (so only for small data) and counts them. Shares no code with the real miners.
 */
import type { TransactionSet } from '../../src/data/transactions.js';

export interface BruteItemset {
  ids: number[];
  count: number;
}

/** Every itemset with count >= minCount and length <= maxLength, sorted by length then ids. */
export function bruteForceItemsets(tx: TransactionSet, minCount: number, maxLength = Infinity): BruteItemset[] {
  const counts = new Map<string, number>();
  for (let t = 0; t < tx.size; t++) {
    const items = Array.from(tx.transactionIds(t));
    if (items.length > 16) throw new Error('brute force is for transactions of at most 16 items');
    const n = items.length;
    for (let mask = 1; mask < 1 << n; mask++) {
      const sub: number[] = [];
      for (let b = 0; b < n; b++) if (mask & (1 << b)) sub.push(items[b]);
      if (sub.length > maxLength) continue;
      const key = sub.join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const out: BruteItemset[] = [];
  for (const [key, count] of counts) {
    if (count >= minCount) out.push({ ids: key.split(',').map(Number), count });
  }
  out.sort((a, b) => {
    if (a.ids.length !== b.ids.length) return a.ids.length - b.ids.length;
    for (let k = 0; k < a.ids.length; k++) if (a.ids[k] !== b.ids[k]) return a.ids[k] - b.ids[k];
    return 0;
  });
  return out;
}
