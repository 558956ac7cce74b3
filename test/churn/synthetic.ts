/**
 * Small synthetic churn tables for the churn tests: a numeric driver, a skew-free numeric noise column,
 * a categorical plan with a real effect, an id and a Yes/No label drawn from a known logistic model.
 */
import { Random } from '../../src/core/rng.js';
import { DataTable } from '../../src/data/table.js';

export interface SyntheticOptions {
  rows?: number;
  seed?: number;
}

/** A table: id, usage (number), noise (number), plan (A/B/C), Churn (Yes/No). */
export function syntheticChurn({ rows = 300, seed = 7 }: SyntheticOptions = {}): DataTable {
  const rng = new Random(seed);
  const records: Record<string, unknown>[] = [];
  const plans = ['A', 'B', 'C'];
  const planEffect: Record<string, number> = { A: -1.5, B: 0, C: 1.5 };
  for (let i = 0; i < rows; i++) {
    const usage = rng.normal() * 10 + 50;
    const noise = rng.normal();
    const plan = plans[rng.int(3)];
    const z = -1 + 0.15 * (50 - usage) + planEffect[plan];
    const churn = rng.next() < 1 / (1 + Math.exp(-z));
    records.push({ id: `c${i}`, usage, noise, plan, Churn: churn ? 'Yes' : 'No' });
  }
  return DataTable.fromRecords(records);
}
